package org.emu4e.engine.cpu.a64.insn.ldst;

import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.rt2;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.decode.Bits;

/**
 * LDP/STP/LDPSW/LDNP/STNP (C6.2). opc = insn[31:30]: 00 32-bit, 01 LDPSW, 10 64-bit; L = insn[22].
 *
 * <p>CONSTRAINED UNPREDICTABLE cases, resolved as QEMU does: LDP with Rt == Rt2 leaves the
 * first (Rt) value; a load whose Rt or Rt2 equals a written-back Rn ends with the written-back
 * address (writeback last); a store with Rt/Rt2 == Rn stores the value from before writeback.
 * Both loads complete before either register is written, so a fault on the second leaves the
 * registers unchanged.
 */
final class Pair {
    private Pair() { }

    private static int scale(int insn) {
        return (insn >>> 31) != 0 ? 3 : 2;
    }

    private static long offsetOf(int insn) {
        return Bits.s(insn, 15, 7) << scale(insn);
    }

    static void offset(A64Cpu cpu, int insn) {
        transfer(cpu, insn, Access.base(cpu, rn(insn)) + offsetOf(insn));
    }

    static void preIndex(A64Cpu cpu, int insn) {
        int n = rn(insn);
        long addr = Access.base(cpu, n) + offsetOf(insn);
        transfer(cpu, insn, addr);
        cpu.state().setXsp(n, addr);
    }

    static void postIndex(A64Cpu cpu, int insn) {
        int n = rn(insn);
        long addr = Access.base(cpu, n);
        transfer(cpu, insn, addr);
        cpu.state().setXsp(n, addr + offsetOf(insn));
    }

    /**
     * ARMv8.0 pseudocode: {@code data1 = Mem[address, dbytes]}, {@code data2 = Mem[address +
     * dbytes, dbytes]}: two single-copy atomic accesses of the register size, each checked for
     * alignment on its own (SCTLR.A, Device memory), never one access of the pair's size.
     */
    private static void transfer(A64Cpu cpu, int insn, long addr) {
        CpuState s = cpu.state();
        int bytes = 1 << scale(insn);
        int rt = insn & 31;
        int rt2 = rt2(insn);
        boolean load = (insn & (1 << 22)) != 0;
        Access.checkNormal(cpu, addr, bytes, !load);
        if (!load) {
            long v1 = s.x(rt);
            long v2 = s.x(rt2);
            cpu.write(addr, bytes, v1);
            cpu.write(addr + bytes, bytes, v2);
            return;
        }
        long v1 = cpu.read(addr, bytes);
        long v2 = cpu.read(addr + bytes, bytes);
        if ((insn >>> 30) == 1) { // LDPSW
            v1 = (int) v1;
            v2 = (int) v2;
        }
        s.setX(rt2, v2);
        s.setX(rt, v1);
    }
}
