package org.emu4e.engine.runtime;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.memory.MmioDevice;
import org.emu4e.engine.memory.Ram;

/**
 * The smallest real board for the systematic (Fray) tests of the runtime's core: 64 KiB of RAM,
 * real A64 CPUs whose programs are a handful of hand-encoded instructions (no assembler process
 * under the concurrency tester), one IRQ line per CPU the test drives and an "ack" device. Its
 * IRQ handler writes the device, which lowers that CPU's IRQ line and counts the delivery, then
 * returns to the program with ERET. x5 holds the device address from reset on; every CPU also
 * has a masked WFI loop at {@link #restart} for CPU_ON.
 */
final class CoreBoard extends IrqLineBoard {
    static final long RAM_BASE = 0x4000_0000L;
    static final long VECTORS = RAM_BASE;
    static final long ACK_DEVICE = 0x0900_0000L;

    static final int WFI = 0xD503207F;
    static final int B_BACK_1 = 0x17FFFFFF;      // b .-4
    static final int UNMASK_IRQ = 0xD50342FF;    // msr daifclr, #2
    static final int STR_W0_X5 = 0xB90000A0;     // str w0, [x5]
    static final int ERET = 0xD69F03E0;
    /** PSCI CPU_OFF through HVC (w0 = 0x84000002), then a branch to itself that never runs. */
    static final int[] SELF_OFF = {0x52800040, 0x72B08000, 0xD4000002, 0x14000000};
    /** WFI loop with IRQs masked: an interrupt only ends the WFI. */
    static final int[] WFI_LOOP = {WFI, B_BACK_1};
    /** Unmasks IRQs, then WFI loop: an interrupt is taken, acknowledged and counted. */
    static final int[] WFI_IRQ = {UNMASK_IRQ, WFI, B_BACK_1};

    private final boolean poweredOn;
    /** Interrupts taken and acknowledged by each CPU's handler. */
    final AtomicIntegerArray delivered;
    /** One permit per acknowledged interrupt (any CPU), for tests that block until delivery. */
    final Semaphore acked = new Semaphore(0);
    /** What the handler saw wrong: guest code must never run while a halt reason holds. */
    final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();

    CoreBoard(int n, boolean poweredOn, int[] program) {
        super(n);
        this.poweredOn = poweredOn;
        this.delivered = new AtomicIntegerArray(n);
        bus.addRam(new Ram(RAM_BASE, 64 << 10));
        bus.addDevice(ACK_DEVICE, 0x1000, new MmioDevice() {
            @Override public long read(long offset, int size) { return 0; }

            @Override
            public void write(long offset, int size, long value) {
                int cpu = (int) (offset >>> 3);
                VcpuThread v = VcpuThread.current();
                if (v == null || v.index() != cpu) {
                    violations.add("cpu " + cpu + "'s handler ran on " + Thread.currentThread().getName());
                } else if (v.reasons().effective() != org.emu4e.engine.api.RunState.RUNNING) {
                    violations.add("cpu " + cpu + " ran guest code while " + v.reasons());
                }
                delivered.incrementAndGet(cpu);
                setIrq(cpu, false);
                acked.release();
            }

            @Override public String name() { return "ack"; }
        });
        int[] handler = {STR_W0_X5, ERET};
        for (int off : new int[] {0x080, 0x280}) { // IRQ, current EL with SP0 / SPx
            bus.load(VECTORS + off, words(handler));
        }
        for (int i = 0; i < n; i++) {
            bus.load(entry(i), words(program));
            bus.load(restart(i), words(WFI_LOOP));
        }
    }

    static long entry(int cpu) { return RAM_BASE + 0x1000L * (cpu + 1); }

    /** A second entry point of every CPU, for PSCI CPU_ON: a masked WFI loop. */
    static long restart(int cpu) { return entry(cpu) + 0x800; }

    private static byte[] words(int[] insns) {
        ByteBuffer b = ByteBuffer.allocate(insns.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int w : insns) {
            b.putInt(w);
        }
        return b.array();
    }

    @Override
    public void resetCpu(int cpu, A64Cpu c) {
        c.reset(1, entry(cpu));
        c.sys().vbar[1] = VECTORS;
        c.state().setX(5, ACK_DEVICE + 8L * cpu);
    }

    @Override public boolean startsPoweredOn(int cpu) { return poweredOn; }
}
