package org.emu4e.engine.devices.pmu;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.logging.Logger;

import org.emu4e.engine.api.RunState;
import org.emu4e.engine.memory.MmioDevice;

/**
 * emu4e platform management unit: one halt/resume line per CPU ("emu4e,pmu-1.0").
 *
 * <pre>
 * MMIO region : 4 KiB (virt: 0x090C0000)
 * IRQ lines   : one, level: IRQ_STATUS & IRQ_ENABLE != 0 (virt: SPI 9)
 * Properties  : CPU count; a {@link Lines} sink for the halt lines; a run-state source
 * </pre>
 * Register map (32-bit accesses only; see emulator-engine/README.md "PMU power controller"):
 * <pre>
 * 0x00 PMU_ID      RO  0x45504D55, ASCII "EPMU" with 'E' in bits [31:24]
 * 0x04 VERSION     RO  0x00010000 (1.0: major[31:16], minor[15:0])
 * 0x08 NUM_CPUS    RO  number of CPUs
 * 0x10 HALT_SET    WO  write 1 in bit n: assert the halt line of CPU n
 * 0x14 HALT_CLR    WO  write 1 in bit n: release the halt line of CPU n
 * 0x18 HALT_LINES  RO  bit n set while the halt line of CPU n is asserted
 * 0x20 CPU_STATUS0 RO  4 bits per CPU 0..7 (CPU n in bits [4n+3:4n]): the run state code
 * 0x24 CPU_STATUS1 RO  CPUs 8..15; 0x28 CPUs 16..23; 0x2C CPUs 24..31
 * 0x30 IRQ_STATUS  RO  bit n set when CPU n entered or left the PMU-halted state (code 4) since acked
 * 0x34 IRQ_ACK     WO  write 1 in bit n: clear IRQ_STATUS bit n
 * 0x38 IRQ_ENABLE  RW  bit n: CPU n's halt changes raise the interrupt (reset 0)
 * 0x50..0x7C           the same for CPUs 32..63 (offset + 0x40: HALT_SET1 0x50, CPU_STATUS4 0x60, ...)
 * </pre>
 * Run state codes: 0 running, 1 WFI, 2 WFE, 3 PSCI off, 4 PMU halted, 5 debug stopped, 6 paused.
 * A halt takes effect asynchronously on the target's own thread: software polls CPU_STATUS
 * until the code reads 4. Bits for CPUs that do not exist are ignored.
 */
public final class PmuController implements MmioDevice {
    static final Logger GUEST = Logger.getLogger("emu4e.guest");

    public static final int PMU_ID = 0x00;
    public static final int VERSION = 0x04;
    public static final int NUM_CPUS = 0x08;
    public static final int HALT_SET = 0x10;
    public static final int HALT_CLR = 0x14;
    public static final int HALT_LINES = 0x18;
    public static final int CPU_STATUS0 = 0x20;
    public static final int IRQ_STATUS = 0x30;
    public static final int IRQ_ACK = 0x34;
    public static final int IRQ_ENABLE = 0x38;

    /** PMU_ID value: ASCII "EPMU" with 'E' in bits [31:24]. */
    public static final int ID = 0x45504D55;
    public static final int VERSION_1_0 = 0x0001_0000;
    public static final String COMPATIBLE = "emu4e,pmu-1.0";
    public static final long SIZE = 0x1000;
    public static final int MAX_CPUS = 64;
    /** CPUs 32..63 have the registers of CPUs 0..31 (0x10..0x3C) at this distance (0x50..0x7C). */
    public static final int BANK_STRIDE = 0x40;

    /** Where halt-line changes go (the runtime: RuntimeServices.setPmuHalt / pmuHaltAsserted). */
    public interface Lines {
        void setHalt(int cpu, boolean asserted);

        boolean isHaltAsserted(int cpu);
    }

    private final int cpus;
    private volatile Lines lines;
    private volatile IntFunction<RunState> runStates = cpu -> RunState.RUNNING;
    private final Consumer<Boolean> irq;
    /** Halt changes not yet acknowledged; set from vCPU threads, so atomic. */
    private final AtomicLong irqStatus = new AtomicLong();
    private long irqEnable;
    private boolean irqLevel;

    public PmuController(int cpus) {
        this(cpus, level -> { });
    }

    /** @param irq the interrupt line, driven with the big lock held */
    public PmuController(int cpus, Consumer<Boolean> irq) {
        if (cpus < 1 || cpus > MAX_CPUS) {
            throw new IllegalArgumentException("PMU supports 1.." + MAX_CPUS + " CPUs");
        }
        this.cpus = cpus;
        this.irq = irq;
    }

    /**
     * Records that {@code cpu} entered or left the PMU-halted state (any thread, no lock). The
     * line follows at the next {@link #updateIrq()}, which the board runs under the big lock.
     */
    public void haltChanged(int cpu) {
        if (cpu >= 0 && cpu < cpus) {
            irqStatus.getAndUpdate(v -> v | (1L << cpu));
        }
    }

    /** Drives the interrupt line from IRQ_STATUS and IRQ_ENABLE (big lock held). */
    public void updateIrq() {
        boolean level = (irqStatus.get() & irqEnable) != 0;
        if (level != irqLevel) {
            irqLevel = level;
            irq.accept(level);
        }
    }

    /** System reset (big lock held): interrupt disabled and acknowledged. */
    public void reset() {
        irqEnable = 0;
        irqStatus.set(0);
        updateIrq();
    }

    public void setLines(Lines l) { this.lines = l; }

    public void setRunStateSource(IntFunction<RunState> source) { this.runStates = source; }

    @Override
    public String name() { return "pmu"; }

    /** State code of {@code s} as CPU_STATUS reports it. */
    public static int code(RunState s) {
        return switch (s) {
            case RUNNING -> 0;
            case WFI -> 1;
            case WFE -> 2;
            case PSCI_OFF -> 3;
            case PMU_HALTED -> 4;
            case DEBUG_STOPPED -> 5;
            case PAUSED -> 6;
        };
    }

    @Override
    public long read(long offset, int size) {
        int off = (int) offset;
        if (size != 4 || (off & 3) != 0) {
            GUEST.warning(() -> String.format("pmu: bad %d-byte read at 0x%x", size, off));
            return 0;
        }
        switch (off) {
            case PMU_ID: return ID & 0xFFFF_FFFFL;
            case VERSION: return VERSION_1_0;
            case NUM_CPUS: return cpus;
            default: break;
        }
        int bank = bank(off);
        int reg = off - bank * BANK_STRIDE;
        int first = bank * 32;
        if (bank < 0) {
            GUEST.warning(() -> String.format("pmu: read of unknown register 0x%x", off));
            return 0;
        }
        if (reg >= CPU_STATUS0 && reg < CPU_STATUS0 + 16) {
            first += (reg - CPU_STATUS0) * 2;
            long v = 0;
            for (int i = 0; i < 8 && first + i < cpus; i++) {
                v |= (long) code(runStates.apply(first + i)) << (4 * i);
            }
            return v;
        }
        return switch (reg) {
            case HALT_LINES -> haltLines(first);
            case IRQ_STATUS -> (irqStatus.get() >>> first) & 0xFFFF_FFFFL;
            case IRQ_ENABLE -> (irqEnable >>> first) & 0xFFFF_FFFFL;
            case IRQ_ACK, HALT_SET, HALT_CLR -> {
                GUEST.warning(() -> String.format("pmu: read of write-only register 0x%x", off));
                yield 0;
            }
            default -> {
                GUEST.warning(() -> String.format("pmu: read of unknown register 0x%x", off));
                yield 0;
            }
        };
    }

    @Override
    public void write(long offset, int size, long value) {
        int off = (int) offset;
        if (size != 4 || (off & 3) != 0) {
            GUEST.warning(() -> String.format("pmu: bad %d-byte write at 0x%x", size, off));
            return;
        }
        int bank = bank(off);
        int reg = off - bank * BANK_STRIDE;
        int first = bank * 32;
        long bits = (value & 0xFFFF_FFFFL) << Math.max(first, 0);
        switch (bank < 0 ? -1 : reg) {
            case HALT_SET -> drive(first, (int) value, true);
            case HALT_CLR -> drive(first, (int) value, false);
            case IRQ_ACK -> {
                irqStatus.getAndUpdate(v -> v & ~bits);
                updateIrq();
            }
            case IRQ_ENABLE -> {
                long mask = 0xFFFF_FFFFL << first;
                irqEnable = (irqEnable & ~mask) | (bits & present());
                updateIrq();
            }
            default -> GUEST.warning(() -> String.format("pmu: write to read-only or unknown register 0x%x", off));
        }
    }

    /** Which CPU bank (0: CPUs 0..31, 1: CPUs 32..63) register {@code off} belongs to, or -1. */
    private static int bank(int off) {
        if (off < HALT_SET || off >= HALT_SET + 2 * BANK_STRIDE) {
            return -1;
        }
        return (off - HALT_SET) / BANK_STRIDE;
    }

    private long present() {
        return cpus == 64 ? -1L : (1L << cpus) - 1;
    }

    private void drive(int first, int mask, boolean asserted) {
        Lines l = lines;
        for (int i = 0; i < 32 && first + i < cpus; i++) {
            if ((mask & (1 << i)) != 0) {
                if (l == null) {
                    GUEST.warning("pmu: halt line driven before the machine runs");
                    return;
                }
                l.setHalt(first + i, asserted);
            }
        }
    }

    private long haltLines(int first) {
        Lines l = lines;
        long v = 0;
        for (int i = 0; i < 32 && first + i < cpus && l != null; i++) {
            if (l.isHaltAsserted(first + i)) {
                v |= 1L << i;
            }
        }
        return v;
    }
}
