package org.emu4e.engine.cpu.a64.insn.simd;

import static org.emu4e.engine.cpu.a64.decode.Bits.rd;
import static org.emu4e.engine.cpu.a64.decode.Bits.rm;
import static org.emu4e.engine.cpu.a64.decode.Bits.rn;
import static org.emu4e.engine.cpu.a64.decode.Bits.u;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.sem.vec.Aes;
import org.emu4e.engine.cpu.a64.sem.vec.Sha;

/** Crypto AES, SHA (two-register) and SHA (three-register) classes (ARMv8.0 Crypto extension). */
final class Crypto {
    private Crypto() { }

    static void aes(A64Cpu cpu, int insn) {
        int opcode = u(insn, 12, 5);
        if (u(insn, 22, 2) != 0 || opcode < 4 || opcode > 7) {
            throw GuestException.undefined();
        }
        CpuState s = cpu.state();
        int d = rd(insn);
        int n = rn(insn);
        long[] r = switch (opcode) {
            case 4 -> Aes.encryptRound(s.vlo[d] ^ s.vlo[n], s.vhi[d] ^ s.vhi[n]);
            case 5 -> Aes.decryptRound(s.vlo[d] ^ s.vlo[n], s.vhi[d] ^ s.vhi[n]);
            case 6 -> Aes.mixColumns(s.vlo[n], s.vhi[n], false);
            default -> Aes.mixColumns(s.vlo[n], s.vhi[n], true);
        };
        s.vlo[d] = r[0];
        s.vhi[d] = r[1];
    }

    static void sha2Reg(A64Cpu cpu, int insn) {
        int opcode = u(insn, 12, 5);
        if (u(insn, 22, 2) != 0 || opcode > 2) {
            throw GuestException.undefined();
        }
        CpuState s = cpu.state();
        int d = rd(insn);
        int n = rn(insn);
        int[] dv = Sha.words(s.vlo[d], s.vhi[d]);
        int[] nv = Sha.words(s.vlo[n], s.vhi[n]);
        int[] r = switch (opcode) {
            case 0 -> new int[] {Integer.rotateLeft(nv[0], 30), 0, 0, 0};
            case 1 -> Sha.sha1su1(dv, nv);
            default -> Sha.sha256su0(dv, nv);
        };
        s.vlo[d] = Sha.lo(r);
        s.vhi[d] = Sha.hi(r);
    }

    static void sha3Reg(A64Cpu cpu, int insn) {
        int opcode = u(insn, 12, 3);
        if (u(insn, 22, 2) != 0 || opcode == 7) {
            throw GuestException.undefined();
        }
        CpuState s = cpu.state();
        int d = rd(insn);
        int[] dv = Sha.words(s.vlo[d], s.vhi[d]);
        int[] nv = Sha.words(s.vlo[rn(insn)], s.vhi[rn(insn)]);
        int[] mv = Sha.words(s.vlo[rm(insn)], s.vhi[rm(insn)]);
        int[] r = switch (opcode) {
            case 0, 1, 2 -> Sha.sha1Hash(dv, nv[0], mv, opcode);
            case 3 -> Sha.sha1su0(dv, nv, mv);
            case 4 -> Sha.sha256Hash(dv, nv, mv, true);
            case 5 -> Sha.sha256Hash(nv, dv, mv, false);
            default -> Sha.sha256su1(dv, nv, mv);
        };
        s.vlo[d] = Sha.lo(r);
        s.vhi[d] = Sha.hi(r);
    }
}
