package org.emu4e.engine.devices.psci;

import static org.emu4e.engine.devices.psci.Psci.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.emu4e.engine.board.virt.RecordingServices;
import org.emu4e.engine.board.virt.VirtMemoryMap;
import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuExit;
import org.emu4e.engine.testing.CpuRig;
import org.junit.jupiter.api.Test;

/** PSCI 1.0 return codes and routing (DEN0022D chapter 5), with a recording runtime. */
class PsciTest {
    private final CpuRig rig = new CpuRig();
    private final A64Cpu cpu = rig.cpu();
    private final RecordingServices svc = new RecordingServices(4);
    private final Psci psci = new Psci(Conduit.HVC,
            new long[] {VirtMemoryMap.mpidr(0), VirtMemoryMap.mpidr(1), VirtMemoryMap.mpidr(2), VirtMemoryMap.mpidr(3)},
            rig.bus());

    private long call(long fn, long... args) {
        cpu.state().x[0] = fn;
        for (int i = 0; i < args.length; i++) {
            cpu.state().x[i + 1] = args[i];
        }
        assertTrue(psci.call(cpu, 0, false, svc));
        return cpu.state().x[0];
    }

    @Test
    void versionAndMigrateInfo() {
        assertEquals(0x10000, call(PSCI_VERSION));
        assertEquals(2, call(MIGRATE_INFO_TYPE));
        assertEquals(-1, call(MIGRATE_INFO_UP_CPU));
        assertEquals(-1, call(MIGRATE | SMC64, 1));
    }

    @Test
    void cpuOnWithAffinityIds() {
        long entry = CpuRig.CODE;
        assertEquals(0, call(CPU_ON | SMC64, 2, entry, 0x1234));
        assertEquals(List.of("cpu_on 2 0x40100000 0x1234"), svc.calls);
        assertEquals(ALREADY_ON, call(CPU_ON | SMC64, 2, entry, 0));
        assertEquals(0, call(CPU_ON, 0xFFFF_FFFF_0000_0003L, entry, 7), "SMC32 ignores the upper halves");
        assertEquals(INVALID_PARAMETERS, call(CPU_ON | SMC64, 4, entry, 0), "no cpu with Aff0 = 4");
        assertEquals(INVALID_PARAMETERS, call(CPU_ON | SMC64, 0x100, entry, 0), "no cluster 1");
        assertEquals(INVALID_PARAMETERS, call(CPU_ON | SMC64, 0x8000_0001L, entry, 0), "bit 31 is not affinity");
        assertEquals(INVALID_ADDRESS, call(CPU_ON | SMC64, 1, 0x1000, 0), "entry not in RAM");
    }

    @Test
    void affinityInfoAndCpuOff() {
        assertEquals(0, call(AFFINITY_INFO | SMC64, 0, 0));
        assertEquals(1, call(AFFINITY_INFO, 3, 0));
        assertEquals(INVALID_PARAMETERS, call(AFFINITY_INFO, 3, 1), "only level 0");
        assertEquals(INVALID_PARAMETERS, call(AFFINITY_INFO, 9, 0));
        call(CPU_OFF);
        assertEquals(List.of("cpu_off 0"), svc.calls);
    }

    @Test
    void systemOffAndReset() {
        call(SYSTEM_OFF);
        call(SYSTEM_RESET);
        assertEquals(List.of("system_off", "system_reset"), svc.calls);
    }

    @Test
    void suspendActsLikeWfi() {
        assertEquals(0, call(CPU_SUSPEND | SMC64, 0, CpuRig.CODE, 0));
        assertEquals(CpuExit.WFI, cpu.pendingExit);
        cpu.pendingExit = null;
        assertEquals(0, call(CPU_SUSPEND, 1 << 16, CpuRig.CODE, 0), "powerdown handled as standby");
        assertEquals(INVALID_PARAMETERS, call(CPU_SUSPEND, 1L << 30, 0, 0));
    }

    @Test
    void featuresAndUnknownIds() {
        assertEquals(0, call(PSCI_FEATURES, CPU_ON | SMC64));
        assertEquals(0, call(PSCI_FEATURES, PSCI_FEATURES));
        assertEquals(-1, call(PSCI_FEATURES, 0x8000_0000L), "SMCCC_VERSION not supported");
        assertEquals(-1, call(PSCI_FEATURES, 0x8400_000EL), "SYSTEM_SUSPEND not supported");
        assertEquals(-1L, call(0x8400_001FL));
        assertEquals(-1L, call(0xC200_0000L), "not a PSCI id: NOT_SUPPORTED");
    }

    @Test
    void wrongConduitIsUndefined() {
        cpu.state().x[0] = PSCI_VERSION;
        assertFalse(psci.call(cpu, 0, true, svc), "SMC when the tree says hvc");
        Psci smc = new Psci(Conduit.SMC, new long[] {VirtMemoryMap.mpidr(0)}, rig.bus());
        assertTrue(smc.call(cpu, 0, true, svc));
        assertEquals(0x10000, cpu.state().x[0]);
    }
}
