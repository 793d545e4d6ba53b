package org.emu4e.engine.cpu.a64.gdb;

import java.util.Arrays;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.TlbInvalidation;
import org.emu4e.engine.gdbstub.Hex;

/**
 * GDB's AArch64 register numbering (the layout of GDB's {@code org.gnu.gdb.aarch64.core}
 * and {@code .fpu} features) plus our system registers:
 *
 * <pre>
 *  0..30  x0..x30   8 bytes     33      cpsr   4 bytes (PSTATE as in SPSR_ELx, C5.2.18)
 *  31     sp        8 (current) 34..65  v0..v31 16 bytes
 *  32     pc        8           66, 67  fpsr, fpcr 4 bytes
 *  68..   system registers, 8 bytes each ({@link A64SysRegs})
 * </pre>
 *
 * The 'g' block holds registers 0..67 (788 bytes); GDB reads the system registers with 'p'.
 * All values little-endian.
 */
public final class A64Registers {
    public static final int SP = 31;
    public static final int PC = 32;
    public static final int CPSR = 33;
    public static final int V0 = 34;
    public static final int FPSR = 66;
    public static final int FPCR = 67;
    public static final int SYS0 = 68;
    public static final int COUNT = SYS0 + A64SysRegs.ROWS.size();
    /** Size of the 'g' block: x0..x30, sp, pc, cpsr, v0..v31, fpsr, fpcr. */
    public static final int G_SIZE = 31 * 8 + 8 + 8 + 4 + 32 * 16 + 4 + 4;

    private A64Registers() { }

    public static int size(int regno) {
        if (regno < 0 || regno >= COUNT) {
            return 0;
        }
        if (regno == CPSR || regno == FPSR || regno == FPCR) {
            return 4;
        }
        if (regno >= V0 && regno < V0 + 32) {
            return 16;
        }
        return 8;
    }

    /** Register {@code regno}'s bytes, or null if it does not exist. */
    public static byte[] read(A64Cpu cpu, int regno) {
        CpuState s = cpu.state();
        if (regno < 0 || regno >= COUNT) {
            return null;
        }
        if (regno < 31) {
            return Hex.le(s.x[regno], 8);
        }
        if (regno >= V0 && regno < V0 + 32) {
            byte[] b = new byte[16];
            System.arraycopy(Hex.le(s.vlo[regno - V0], 8), 0, b, 0, 8);
            System.arraycopy(Hex.le(s.vhi[regno - V0], 8), 0, b, 8, 8);
            return b;
        }
        if (regno >= SYS0) {
            return Hex.le(A64SysRegs.ROWS.get(regno - SYS0).read().applyAsLong(cpu), 8);
        }
        return switch (regno) {
            case SP -> Hex.le(s.currentSp(), 8);
            case PC -> Hex.le(s.pc, 8);
            case CPSR -> Hex.le(s.pstateToSpsr(), 4);
            case FPSR -> Hex.le(s.fpsr, 4);
            case FPCR -> Hex.le(s.fpcr, 4);
            default -> null;
        };
    }

    /** Writes register {@code regno}; false if it does not exist, is read-only or the size is wrong. */
    public static boolean write(A64Cpu cpu, int regno, byte[] v) {
        int size = size(regno);
        if (size == 0 || v.length != size) {
            return false;
        }
        CpuState s = cpu.state();
        long val = Hex.fromLe(v, 0, Math.min(8, size));
        if (regno < 31) {
            s.x[regno] = val;
        } else if (regno >= V0 && regno < V0 + 32) {
            s.vlo[regno - V0] = val;
            s.vhi[regno - V0] = Hex.fromLe(v, 8, 8);
        } else if (regno >= SYS0) {
            A64SysRegs.Row row = A64SysRegs.ROWS.get(regno - SYS0);
            if (row.write() == null) {
                return false;
            }
            row.write().write(cpu, val);
            if (row.flushesTlb()) {
                cpu.mmu().invalidate(TlbInvalidation.ALL);
            }
        } else {
            switch (regno) {
                case SP -> s.setCurrentSp(val);
                case PC -> {
                    s.pc = val;
                    s.nextPc = val;
                }
                case CPSR -> writeCpsr(cpu, val);
                case FPSR -> s.fpsr = (int) val;
                case FPCR -> s.fpcr = (int) val;
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    /** PSTATE from a cpsr write; an EL above the highest implemented one is not taken. */
    private static void writeCpsr(A64Cpu cpu, long v) {
        CpuState s = cpu.state();
        int el = (int) (v >>> 2) & 3;
        int oldEl = s.el;
        s.spsrToPstate(v & 0xFFFF_FFFFL);
        if (el > cpu.env().highestEl()) {
            s.el = oldEl;
        }
        cpu.recheckInterrupts = true;
    }

    public static byte[] readAll(A64Cpu cpu) {
        byte[] g = new byte[G_SIZE];
        int off = 0;
        for (int r = 0; r <= FPCR; r++) {
            byte[] b = read(cpu, r);
            System.arraycopy(b, 0, g, off, b.length);
            off += b.length;
        }
        return g;
    }

    public static boolean writeAll(A64Cpu cpu, byte[] g) {
        if (g.length != G_SIZE) {
            return false;
        }
        int off = 0;
        for (int r = 0; r <= FPCR; r++) {
            int n = size(r);
            write(cpu, r, Arrays.copyOfRange(g, off, off + n));
            off += n;
        }
        return true;
    }
}
