package org.emu4e.engine.board.virt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.emu4e.engine.devices.gic.Gicv3Redistributors;
import org.emu4e.engine.memory.BusFault;
import org.junit.jupiter.api.Test;

/** The virt board's wiring with gic-version=3: what each CPU's bus maps, MPIDRs, reset. */
class VirtBoardGicv3Test {
    private static final long REDIST = VirtMemoryMap.Region.GIC_REDIST.base();

    @Test
    void busMapsDistributorAndOneRedistributorPerCpuButNoGicc() throws Exception {
        VirtBoard b = new VirtBoard(VirtConfig.defaults().withGicVersion(3).withCpus(20));
        try {
            assertNull(b.gic(), "no GICv2");
            assertNotNull(b.gicv3());
            assertEquals(0x8000_0103L, b.mpidr(19), "cluster of 16: Aff1 1, Aff0 3");
            for (int cpu : new int[] {0, 7}) {
                var bus = b.environment(cpu, new RecordingServices(20)).bus();
                assertEquals(0x30, bus.read(0x0800_FFE8L, 4) & 0xF0, "GICD_PIDR2 ArchRev 3");
                assertEquals(0x103L, bus.read(REDIST + 19L * Gicv3Redistributors.FRAME_PAIR + 8, 8) >>> 32,
                        "every CPU sees CPU 19's Redistributor");
                assertThrows(BusFault.class, () -> bus.read(REDIST + 20L * Gicv3Redistributors.FRAME_PAIR + 8, 8),
                        "nothing after the last Redistributor");
                assertThrows(BusFault.class, () -> bus.read(VirtMemoryMap.Region.GIC_CPU.base(), 4), "no GICC window");
            }
            var bus = b.bus();
            bus.write(REDIST + 0x14, 4, 0);
            assertEquals(0, bus.read(REDIST + 0x14, 4), "CPU 0's Redistributor awake");
            b.resetDevices();
            assertEquals(Gicv3Redistributors.WAKER_PROCESSOR_SLEEP | Gicv3Redistributors.WAKER_CHILDREN_ASLEEP,
                    bus.read(REDIST + 0x14, 4), "asleep again after a system reset");
        } finally {
            b.close();
        }
    }
}
