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

    @Test
    void cpusAbove31UseTheSecondBank() {
        List<String> driven = new ArrayList<>();
        PmuController big = new PmuController(40, line::add);
        big.setLines(new PmuController.Lines() {
            @Override public void setHalt(int cpu, boolean asserted) { driven.add(cpu + (asserted ? "+" : "-")); }

            @Override public boolean isHaltAsserted(int cpu) { return cpu == 35; }
        });
        big.setRunStateSource(cpu -> cpu == 35 ? org.emu4e.engine.api.RunState.PMU_HALTED
                : org.emu4e.engine.api.RunState.RUNNING);
        big.write(PmuController.HALT_SET + PmuController.BANK_STRIDE, 4, 0xFFFF_0008L); // CPU 35; 48+ absent
        big.write(PmuController.HALT_CLR + PmuController.BANK_STRIDE, 4, 1);            // CPU 32
        big.write(PmuController.HALT_SET, 4, 1);                                         // CPU 0
        assertEquals(List.of("35+", "32-", "0+"), driven);
        assertEquals(1L << 3, big.read(PmuController.HALT_LINES + PmuController.BANK_STRIDE, 4));
        assertEquals(0, big.read(PmuController.HALT_LINES, 4));
        assertEquals(4L << 12, big.read(PmuController.CPU_STATUS0 + PmuController.BANK_STRIDE, 4), "CPU 35: code 4");
        big.write(PmuController.IRQ_ENABLE + PmuController.BANK_STRIDE, 4, 0xFFFF_FFFFL);
        assertEquals(0xFFL, big.read(PmuController.IRQ_ENABLE + PmuController.BANK_STRIDE, 4), "CPUs 32..39 only");
        assertEquals(0, big.read(PmuController.IRQ_ENABLE, 4));
        big.haltChanged(35);
        big.updateIrq();
        assertEquals(List.of(true), line);
        assertEquals(1L << 3, big.read(PmuController.IRQ_STATUS + PmuController.BANK_STRIDE, 4));
        assertEquals(0, big.read(PmuController.IRQ_STATUS, 4));
        big.write(PmuController.IRQ_ACK, 4, 0xFFFF_FFFFL); // bank 0: does not touch CPU 35
        assertEquals(List.of(true), line);
        big.write(PmuController.IRQ_ACK + PmuController.BANK_STRIDE, 4, 1L << 3);
        assertEquals(List.of(true, false), line);
        assertEquals(0, big.read(0x90, 4), "past the second bank");
    }

    @Test
    void sixtyFourCpus() {
        PmuController full = new PmuController(64, line::add);
        full.write(PmuController.IRQ_ENABLE + PmuController.BANK_STRIDE, 4, 0x8000_0000L);
        full.haltChanged(63);
        full.updateIrq();
        assertEquals(List.of(true), line);
        assertEquals(0x8000_0000L, full.read(PmuController.IRQ_STATUS + PmuController.BANK_STRIDE, 4));
        assertThrows(IllegalArgumentException.class, () -> new PmuController(65));
    }
}
