package org.emu4e.engine.cpu.simd;

import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.testing.CpuRig;

/**
 * Runs {@link DiffCase}s one instruction at a time on emu4e (EL1, FP enabled); with the
 * translator on, each case's instruction runs inside a translated block.
 */
final class EmuRunner {
    private static final long VBAR = CpuRig.RAM_BASE + 0x2_0000;
    /** B .+4 (C6.2.26). */
    private static final int BRANCH_NEXT = 0x1400_0001;
    private final CpuRig rig = new CpuRig();
    private boolean memory;

    EmuRunner() {
        rig.cpu().sys().cpacrEl1 = 3L << 20;
        rig.cpu().sys().vbar[1] = VBAR;
    }

    CpuRig rig() { return rig; }

    /** Maps the load/store window with the same pattern as the QEMU program. */
    EmuRunner withMemory() {
        memory = true;
        for (int i = 0; i < QemuHarness.MEM_SIZE; i++) {
            rig.cpu().write(QemuHarness.MEM + i, 1, QemuHarness.memByte(i));
        }
        return this;
    }

    DiffCase.Outcome run(DiffCase c) {
        CpuState s = rig.s();
        // translating: the instruction and a branch to the next one form a block that runs as
        // translated code (a budget of 2 covers the whole block; a UDF loops at the vector)
        boolean jit = rig.cpu().translates();
        int after = jit ? BRANCH_NEXT : 0;
        rig.bus().load(CpuRig.CODE, new byte[] {(byte) c.insn(), (byte) (c.insn() >>> 8),
            (byte) (c.insn() >>> 16), (byte) (c.insn() >>> 24),
            (byte) after, (byte) (after >>> 8), (byte) (after >>> 16), (byte) (after >>> 24)});
        for (int i = 0; i < 32; i++) {
            s.vlo[i] = c.v()[2 * i];
            s.vhi[i] = c.v()[2 * i + 1];
        }
        System.arraycopy(c.x(), 0, s.x, 0, DiffCase.NX);
        s.fpcr = c.fpcr();
        s.fpsr = 0;
        s.nzcv = c.nzcv();
        s.el = 1;
        s.spsel = 1;
        s.pc = CpuRig.CODE;
        rig.cpu().run(jit ? 2 : 1);
        boolean undef = s.pc == VBAR + 0x200;
        long[] v = new long[64];
        for (int i = 0; i < 32; i++) {
            v[2 * i] = s.vlo[i];
            v[2 * i + 1] = s.vhi[i];
        }
        long[] x = new long[DiffCase.NX];
        System.arraycopy(s.x, 0, x, 0, DiffCase.NX);
        byte[] mem = null;
        if (memory) {
            mem = new byte[QemuHarness.MEM_SIZE];
            for (int i = 0; i < mem.length; i++) {
                mem[i] = (byte) rig.cpu().read(QemuHarness.MEM + i, 1);
            }
        }
        return new DiffCase.Outcome(v, x, s.fpsr, s.nzcv, undef, mem);
    }
}
