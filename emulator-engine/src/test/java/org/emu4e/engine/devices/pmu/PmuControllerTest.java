package org.emu4e.engine.devices.pmu;

import static org.emu4e.engine.devices.pmu.PmuController.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;

import org.emu4e.engine.api.RunState;
import org.junit.jupiter.api.Test;

class PmuControllerTest {
    private final PmuController pmu = new PmuController(4);
    private final boolean[] lines = new boolean[4];
    private final List<String> log = new ArrayList<>();
    private final RunState[] states = {RunState.RUNNING, RunState.WFI, RunState.PSCI_OFF, RunState.RUNNING};

    PmuControllerTest() {
        pmu.setLines(new Lines() {
            @Override
            public void setHalt(int cpu, boolean asserted) {
                log.add(cpu + "=" + asserted);
                lines[cpu] = asserted;
                states[cpu] = asserted ? RunState.PMU_HALTED : RunState.RUNNING;
            }

            @Override
            public boolean isHaltAsserted(int cpu) { return lines[cpu]; }
        });
        pmu.setRunStateSource(i -> states[i]);
    }

    private long r(int off) { return pmu.read(off, 4); }

    @Test
    void identification() {
        assertEquals(0x45504D55L, r(PMU_ID));
        assertEquals(0x10000, r(VERSION));
        assertEquals(4, r(NUM_CPUS));
    }

    @Test
    void haltSetAndClearDriveLines() {
        pmu.write(HALT_SET, 4, 0b0100);
        assertEquals(List.of("2=true"), log);
        assertEquals(0b0100, r(HALT_LINES));
        assertEquals(0x0410, r(CPU_STATUS0), "cpu2 = 4 (PMU halted), cpu1 = 1 (WFI)");
        pmu.write(HALT_CLR, 4, 0b0100);
        assertEquals(0, r(HALT_LINES));
        pmu.write(HALT_SET, 4, 0xFFFF_FFF0L); // non-existent CPUs ignored
        assertEquals(List.of("2=true", "2=false"), log);
    }

    @Test
    void statusCodes() {
        for (RunState s : RunState.values()) {
            states[3] = s;
            assertEquals(code(s), (r(CPU_STATUS0) >>> 12) & 0xF);
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), java.util.Arrays.stream(RunState.values()).map(PmuController::code).toList());
        assertEquals(0, r(CPU_STATUS0 + 4), "no CPUs 8..15");
    }

    @Test
    void badAccessesAreHarmless() {
        assertEquals(0, pmu.read(PMU_ID, 1));
        assertEquals(0, r(HALT_SET));
        pmu.write(PMU_ID, 4, 1);
        pmu.write(HALT_SET, 2, 1);
        assertTrue(log.isEmpty());
        assertEquals(0, r(0x400));
    }
}
