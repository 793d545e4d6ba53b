package org.emu4e.engine.cpu.a64.insn.simdldst;

import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.rm;
import static org.emu4e.engine.cpu.a64.decode.Bits.s;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.mmu.Mmu;

/**
 * Loads and stores of one or two SIMD&FP registers (C4.1.67 with V=1): LDR/STR B/H/S/D/Q in
 * every addressing mode, LDR (literal), LDP/STP/LDNP/STNP S/D/Q.
 */
final class SimdLdStReg {
    private SimdLdStReg() { }

    /**
     * A 128-bit access is two 64-bit single-copy atomic halves, but its alignment is that of
     * the 16 bytes: ARMv8.0 {@code Mem[]} computes {@code aligned = CheckAlignment(address, 16)}
     * (SCTLR.A) and passes it to both halves' {@code MemSingle}, whose Device-memory check
     * faults when it is false. So an 8-aligned Q access faults on Device memory or with A = 1.
     */
    private static void checkQuad(A64Cpu cpu, long va, boolean write) {
        if ((va & 15) != 0) {
            cpu.mmu().translate(va, write ? Mmu.WRITE : Mmu.READ, false, 16);
        }
    }

    /** Reads {@code bytes} (1..16) at va into V[t], zeroing the rest of the register. */
    static void load(A64Cpu cpu, int t, long va, int bytes) {
        CpuState s = cpu.state();
        long lo;
        long hi = 0;
        if (bytes == 16) {
            checkQuad(cpu, va, false);
            lo = cpu.read(va, 8);
            hi = cpu.read(va + 8, 8);
        } else {
            lo = cpu.read(va, bytes);
        }
        s.vlo[t] = lo;
        s.vhi[t] = hi;
    }

    static void store(A64Cpu cpu, int t, long va, int bytes) {
        CpuState s = cpu.state();
        if (bytes == 16) {
            checkQuad(cpu, va, true);
            cpu.write(va, 8, s.vlo[t]);
            cpu.write(va + 8, 8, s.vhi[t]);
        } else {
            cpu.write(va, bytes, s.vlo[t]);
        }
    }

    /** log2 of the access size from size (insn[31:30]) and opc&lt;1&gt; (insn[23]). */
    private static int scale(int insn) {
        int size = u(insn, 30, 2);
        if ((insn & (1 << 23)) != 0) {
            if (size != 0) {
                throw GuestException.undefined();
            }
            return 4;
        }
        return size;
    }

    private static void access(A64Cpu cpu, int insn, long va, int scale) {
        int t = insn & 31;
        if ((insn & (1 << 22)) != 0) {
            load(cpu, t, va, 1 << scale);
        } else {
            store(cpu, t, va, 1 << scale);
        }
    }

    /** LDR/STR (immediate, unsigned offset). */
    static void unsignedOffset(A64Cpu cpu, int insn) {
        int scale = scale(insn);
        long va = cpu.state().xsp(rn(insn)) + ((long) u(insn, 10, 12) << scale);
        access(cpu, insn, va, scale);
    }

    /** LDUR/STUR (00), post-index (01), pre-index (11); 10 (unprivileged) is unallocated for V=1. */
    static void imm9(A64Cpu cpu, int insn) {
        int mode = u(insn, 10, 2);
        if (mode == 2) {
            throw GuestException.undefined();
        }
        int scale = scale(insn);
        CpuState s = cpu.state();
        int n = rn(insn);
        long base = s.xsp(n);
        long off = s(insn, 12, 9);
        long va = mode == 1 ? base : base + off;
        access(cpu, insn, va, scale);
        if (mode != 0) {
            s.setXsp(n, base + off);
        }
    }

    /** LDR/STR (register offset): option 010 UXTW, 011 LSL, 110 SXTW, 111 SXTX; S scales. */
    static void registerOffset(A64Cpu cpu, int insn) {
        int option = u(insn, 13, 3);
        if ((option & 2) == 0) {
            throw GuestException.undefined();
        }
        int scale = scale(insn);
        CpuState s = cpu.state();
        long m = s.x(rm(insn));
        long off = switch (option) {
            case 2 -> m & 0xFFFF_FFFFL;
            case 6 -> (long) (int) m;
            default -> m;
        };
        if ((insn & (1 << 12)) != 0) {
            off <<= scale;
        }
        access(cpu, insn, s.xsp(rn(insn)) + off, scale);
    }

    /** LDR (literal): opc 00 S, 01 D, 10 Q. */
    static void literal(A64Cpu cpu, int insn) {
        int opc = u(insn, 30, 2);
        if (opc == 3) {
            throw GuestException.undefined();
        }
        CpuState s = cpu.state();
        load(cpu, insn & 31, s.pc + (s(insn, 5, 19) << 2), 4 << opc);
    }

    /** LDP/STP/LDNP/STNP: insn[24:23] 00 non-temporal, 01 post-index, 10 offset, 11 pre-index. */
    static void pair(A64Cpu cpu, int insn) {
        int opc = u(insn, 30, 2);
        if (opc == 3) {
            throw GuestException.undefined();
        }
        int scale = 2 + opc;
        int mode = u(insn, 23, 2);
        CpuState s = cpu.state();
        int n = rn(insn);
        long base = s.xsp(n);
        long off = s(insn, 15, 7) << scale;
        long va = mode == 1 ? base : base + off;
        int t = insn & 31;
        int t2 = u(insn, 10, 5);
        int bytes = 1 << scale;
        if ((insn & (1 << 22)) != 0) {
            if (bytes == 16) {
                checkQuad(cpu, va, false);
            }
            // Read both before writing either, so a fault leaves the registers unchanged.
            long lo1 = cpu.read(va, Math.min(bytes, 8));
            long hi1 = bytes == 16 ? cpu.read(va + 8, 8) : 0;
            long lo2 = cpu.read(va + bytes, Math.min(bytes, 8));
            long hi2 = bytes == 16 ? cpu.read(va + bytes + 8, 8) : 0;
            s.vlo[t] = lo1;
            s.vhi[t] = hi1;
            s.vlo[t2] = lo2;
            s.vhi[t2] = hi2;
        } else {
            store(cpu, t, va, bytes);
            store(cpu, t2, va + bytes, bytes);
        }
        if (mode == 1 || mode == 3) {
            s.setXsp(n, base + off);
        }
    }
}
