package org.emu4e.engine.devices.psci;

import java.util.logging.Logger;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuExit;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.memory.PhysicalBus;
import org.emu4e.engine.runtime.RuntimeServices;

/**
 * PSCI 1.0 firmware (ARM DEN0022D "Arm Power State Coordination Interface"), reached by HVC
 * or SMC #0 as the device tree's {@code method} says; calls on the other conduit are left
 * UNDEFINED, as on QEMU's virt.
 *
 * <pre>
 * MMIO region : none (firmware call: function id in W0, arguments X1..X3, result in X0)
 * IRQ lines   : none
 * Properties  : conduit (hvc/smc), MPIDR of each CPU, the bus (entry-point check)
 * </pre>
 * Power changes go through {@link RuntimeServices}. CPU_SUSPEND never powers down: every
 * requested state is handled as standby, i.e. like WFI (the call returns SUCCESS on wake-up),
 * which DEN0022 5.4 allows. Unknown function ids return NOT_SUPPORTED (SMCCC 1.1).
 */
public final class Psci {
    static final Logger GUEST = Logger.getLogger("emu4e.guest");

    public enum Conduit { HVC, SMC }

    public static final int PSCI_VERSION = 0x8400_0000;
    public static final int CPU_SUSPEND = 0x8400_0001;
    public static final int CPU_OFF = 0x8400_0002;
    public static final int CPU_ON = 0x8400_0003;
    public static final int AFFINITY_INFO = 0x8400_0004;
    public static final int MIGRATE = 0x8400_0005;
    public static final int MIGRATE_INFO_TYPE = 0x8400_0006;
    public static final int MIGRATE_INFO_UP_CPU = 0x8400_0007;
    public static final int SYSTEM_OFF = 0x8400_0008;
    public static final int SYSTEM_RESET = 0x8400_0009;
    public static final int PSCI_FEATURES = 0x8400_000A;
    /** SMC64/HVC64 variants: bit 30 set. */
    public static final int SMC64 = 0x4000_0000;

    public static final int SUCCESS = 0;
    public static final int NOT_SUPPORTED = -1;
    public static final int INVALID_PARAMETERS = -2;
    public static final int DENIED = -3;
    public static final int ALREADY_ON = -4;
    public static final int ON_PENDING = -5;
    public static final int INTERNAL_FAILURE = -6;
    public static final int NOT_PRESENT = -7;
    public static final int DISABLED = -8;
    public static final int INVALID_ADDRESS = -9;

    /** PSCI 1.0 in X0 of PSCI_VERSION: major[31:16], minor[15:0]. */
    public static final int VERSION_1_0 = 0x0001_0000;
    /** MIGRATE_INFO_TYPE 2: Trusted OS not present or does not require migration. */
    public static final int MIGRATE_NOT_REQUIRED = 2;

    /** MPIDR affinity fields Aff3 [39:32] and Aff2..Aff0 [23:0]. */
    private static final long AFFINITY_MASK = 0xFF_00FF_FFFFL;

    private final Conduit conduit;
    private final long[] mpidr;
    private final PhysicalBus bus;

    private volatile boolean rebootPowersOff;

    /** With true, SYSTEM_RESET powers the machine off instead (QEMU's -no-reboot). */
    public void setRebootPowersOff(boolean b) { rebootPowersOff = b; }

    public Psci(Conduit conduit, long[] mpidr, PhysicalBus bus) {
        this.conduit = conduit;
        this.mpidr = mpidr.clone();
        this.bus = bus;
    }

    public Conduit conduit() { return conduit; }

    /** The firmware call of {@code cpu}; false if not ours (the instruction is then UNDEFINED). */
    public boolean call(A64Cpu cpu, int self, boolean smc, RuntimeServices services) {
        if (smc != (conduit == Conduit.SMC)) {
            return false;
        }
        CpuState s = cpu.state();
        int fn = (int) s.x[0];
        boolean wide = (fn & SMC64) != 0;
        long a1 = arg(s, 1, wide);
        long a2 = arg(s, 2, wide);
        long a3 = arg(s, 3, wide);
        long result = switch (fn) {
            case PSCI_VERSION -> VERSION_1_0;
            case CPU_SUSPEND, CPU_SUSPEND | SMC64 -> suspend(cpu, a1);
            case CPU_OFF -> {
                services.psciCpuOff(self);
                yield SUCCESS; // not seen by the guest: the PE is off after this call
            }
            case CPU_ON, CPU_ON | SMC64 -> cpuOn(a1, a2, a3, services);
            case AFFINITY_INFO, AFFINITY_INFO | SMC64 -> affinityInfo(a1, a2, services);
            case MIGRATE_INFO_TYPE -> MIGRATE_NOT_REQUIRED;
            case SYSTEM_OFF -> {
                services.systemOff();
                yield SUCCESS;
            }
            case SYSTEM_RESET -> {
                if (rebootPowersOff) {
                    services.systemOff(); // -no-reboot, as QEMU: exit instead of resetting
                } else {
                    services.systemReset();
                }
                yield SUCCESS;
            }
            case PSCI_FEATURES -> features((int) a1);
            default -> {
                GUEST.fine(() -> String.format("psci: unsupported function 0x%08x", fn));
                yield NOT_SUPPORTED;
            }
        };
        s.x[0] = result;
        return true;
    }

    /** SMC32 calls use only the W registers (SMCCC 2.6). */
    private static long arg(CpuState s, int n, boolean wide) {
        return wide ? s.x[n] : s.x[n] & 0xFFFF_FFFFL;
    }

    /** The vCPU index whose MPIDR affinity is {@code target}, or -1. */
    public int cpuForAffinity(long target) {
        if ((target & ~AFFINITY_MASK) != 0) {
            return -1;
        }
        for (int i = 0; i < mpidr.length; i++) {
            if ((mpidr[i] & AFFINITY_MASK) == target) {
                return i;
            }
        }
        return -1;
    }

    private int cpuOn(long target, long entry, long context, RuntimeServices services) {
        int idx = cpuForAffinity(target);
        if (idx < 0) {
            return INVALID_PARAMETERS;
        }
        if (!bus.isMapped(entry, 4) || bus.isDevice(entry)) {
            return INVALID_ADDRESS;
        }
        return services.psciCpuOn(idx, entry, context);
    }

    /** AFFINITY_INFO (5.1.8): only level 0 is supported, as on QEMU. */
    private int affinityInfo(long target, long level, RuntimeServices services) {
        if (level != 0) {
            return INVALID_PARAMETERS;
        }
        int idx = cpuForAffinity(target);
        return idx < 0 ? INVALID_PARAMETERS : services.psciAffinityInfo(idx);
    }

    /** CPU_SUSPEND (5.1.2), original power_state format: StateType bit 16, reserved bits 31:26 and 15:? ignored. */
    private static int suspend(A64Cpu cpu, long powerState) {
        if ((powerState & 0xFC00_0000L) != 0) {
            return INVALID_PARAMETERS;
        }
        cpu.pendingExit = CpuExit.WFI; // standby: wait for an interrupt like WFI, return SUCCESS
        return SUCCESS;
    }

    /** PSCI_FEATURES (5.1.14): 0 (no optional features) for implemented calls. */
    private static int features(int fn) {
        return switch (fn) {
            case PSCI_VERSION, CPU_SUSPEND, CPU_SUSPEND | SMC64, CPU_OFF, CPU_ON, CPU_ON | SMC64,
                    AFFINITY_INFO, AFFINITY_INFO | SMC64, MIGRATE_INFO_TYPE, SYSTEM_OFF, SYSTEM_RESET,
                    PSCI_FEATURES -> SUCCESS;
            default -> NOT_SUPPORTED;
        };
    }
}
