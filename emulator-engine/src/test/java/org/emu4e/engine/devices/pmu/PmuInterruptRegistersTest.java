package org.emu4e.engine.devices.pmu;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** IRQ_STATUS / IRQ_ACK / IRQ_ENABLE and the level of the PMU's interrupt line. */
class PmuInterruptRegistersTest {
    private final List<Boolean> line = new ArrayList<>();
    private final PmuController pmu = new PmuController(4, line::add);

    @Test
    void statusIsLatchedAndTheLineNeedsEnable() {
        pmu.haltChanged(2);
        pmu.updateIrq();
        assertEquals(0b100, pmu.read(PmuController.IRQ_STATUS, 4));
        assertEquals(List.of(), line, "not enabled: line stays low");
        pmu.write(PmuController.IRQ_ENABLE, 4, 0xFFFF_FFFFL);
        assertEquals(0xF, pmu.read(PmuController.IRQ_ENABLE, 4), "bits of absent CPUs read 0");
        assertEquals(List.of(true), line);
        pmu.haltChanged(1);
        pmu.updateIrq();
        assertEquals(0b110, pmu.read(PmuController.IRQ_STATUS, 4));
        pmu.write(PmuController.IRQ_ACK, 4, 0b100);
        assertEquals(List.of(true), line, "CPU 1's change still pending");
        pmu.write(PmuController.IRQ_ACK, 4, 0b010);
        assertEquals(List.of(true, false), line);
        assertEquals(0, pmu.read(PmuController.IRQ_STATUS, 4));
    }

    @Test
    void disableMasksAndResetClears() {
        pmu.write(PmuController.IRQ_ENABLE, 4, 0b1);
        pmu.haltChanged(0);
        pmu.haltChanged(7); // no such CPU: ignored
        pmu.updateIrq();
        assertEquals(List.of(true), line);
        pmu.write(PmuController.IRQ_ENABLE, 4, 0);
        assertEquals(List.of(true, false), line);
        assertEquals(1, pmu.read(PmuController.IRQ_STATUS, 4), "status kept while masked");
        pmu.write(PmuController.IRQ_ENABLE, 4, 1);
        pmu.reset();
        assertEquals(List.of(true, false, true, false), line);
        assertEquals(0, pmu.read(PmuController.IRQ_STATUS, 4));
        assertEquals(0, pmu.read(PmuController.IRQ_ENABLE, 4));
    }
}
