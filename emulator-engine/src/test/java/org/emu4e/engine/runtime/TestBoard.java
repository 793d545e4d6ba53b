package org.emu4e.engine.runtime;

import java.util.concurrent.atomic.AtomicInteger;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.memory.Ram;
import org.emu4e.engine.testing.Asm;

/**
 * A small real board for runtime tests: RAM, N real A64 CPUs each running its own assembled
 * program at EL1, one IRQ input line per CPU the test drives, PSCI over HVC, and a vector table
 * whose IRQ entry counts in x2 and whose synchronous entry counts in x3.
 */
final class TestBoard extends IrqLineBoard {
    static final long RAM_BASE = 0x4000_0000L;
    static final long VECTORS = RAM_BASE + 0x800;
    /** A device whose reads call {@link #onDeviceRead} on the reading vCPU's thread, big lock held. */
    static final long DEVICE = 0x0900_0000L;

    static final String BUSY = "1: add x0, x0, #1\n b 1b";
    static final String WFI_LOOP = "1: wfi\n add x1, x1, #1\n b 1b";
    static final String WFE_LOOP = "1: wfe\n add x1, x1, #1\n b 1b";
    static final String SEV_LOOP = "1: add x0, x0, #1\n sev\n b 1b";
    /** Unmasks IRQ, then loops in WFI: an asserted IRQ is taken to the vector (x2 counts). */
    static final String WFI_IRQ = "msr daifclr, #3\n 1: wfi\n add x1, x1, #1\n b 1b";
    private static final String VECTOR_TABLE = ".org 0x200\n 1: add x3, x3, #1\n b 1b\n"
            + ".org 0x280\n 2: add x2, x2, #1\n b 2b\n .org 0x300\n 3: add x2, x2, #1\n b 3b\n";

    private final boolean secondariesOff;
    final AtomicInteger deviceResets = new AtomicInteger();
    volatile java.util.function.LongSupplier onDeviceRead = () -> 0;

    TestBoard(int n, boolean secondariesOff, String... programs) {
        super(n);
        this.secondariesOff = secondariesOff;
        bus.addRam(new Ram(RAM_BASE, 1 << 20));
        bus.addDevice(DEVICE, 0x1000, new org.emu4e.engine.memory.MmioDevice() {
            @Override public long read(long offset, int size) { return onDeviceRead.getAsLong(); }
            @Override public void write(long offset, int size, long value) { }
            @Override public String name() { return "test-device"; }
        });
        bus.load(VECTORS, Asm.assemble(VECTOR_TABLE));
        for (int i = 0; i < n; i++) {
            bus.load(entry(i), Asm.assemble(programs[Math.min(i, programs.length - 1)]));
        }
    }

    static long entry(int cpu) { return RAM_BASE + 0x1000L * (cpu + 1); }

    @Override
    public void resetCpu(int cpu, A64Cpu c) {
        c.reset(1, entry(cpu));
        c.sys().vbar[1] = VECTORS;
    }

    @Override public boolean startsPoweredOn(int cpu) { return cpu == 0 || !secondariesOff; }

    @Override
    public void resetDevices() {
        deviceResets.incrementAndGet();
        super.resetDevices();
    }
}
