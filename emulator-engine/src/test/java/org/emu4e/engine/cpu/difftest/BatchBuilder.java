package org.emu4e.engine.cpu.difftest;

import java.util.Random;

/**
 * Builds one batch: many cases in one static Linux program, so one QEMU process runs them
 * all. Each case loads X0-X30, SP and NZCV from its init block, runs its random body, then
 * dumps X0-X30, SP, NZCV and the data window into the dump area (layout: {@link #CASE_BYTES}
 * per case). At the end the program writes the dump area to stdout and exits; emu4e stops at
 * the {@code done} label instead.
 *
 * <p>Memory: text at 0x40100000; data at 0x407FF000 holds random bytes below the window W =
 * 0x40800000, the window itself, the dump pointer at W+0x800 and a scratch slot at W+0x808,
 * then the init blocks; the dump area is .bss. NZCV is set with {@code cmp xzr, xzr; ccmp
 * xzr, #nzcv, ne} and read back with CSET, so the harness needs nothing outside the integer
 * core (no MRS/MSR).
 */
final class BatchBuilder {
    static final long DATA = 0x407F_F000L;
    static final int WINDOW_LO = 0x200;
    static final int WINDOW_BYTES = 0x700;
    static final int REG_BYTES = 272;
    static final int CASE_BYTES = REG_BYTES + WINDOW_BYTES;

    final Program p = new Program();
    final int cases;
    final long[][] init;
    final int[] nzcv;
    final int[] reserved;
    final long[] bodyPc;
    final long[] dumpPc;
    long donePc;

    BatchBuilder(Random rnd, int cases, int slots) {
        this.cases = cases;
        init = new long[cases][32];
        nzcv = new int[cases];
        reserved = new int[cases];
        bodyPc = new long[cases];
        dumpPc = new long[cases];
        Generator g = new Generator(rnd);
        p.text.append(".text\n.globl _start\n_start:\n");
        for (int c = 0; c < cases; c++) {
            int r = rnd.nextInt(31);
            reserved[c] = r;
            for (int i = 0; i < 31; i++) {
                init[c][i] = i == r ? Generator.W : g.value();
            }
            init[c][31] = Generator.W + 16 * rnd.nextInt(16);
            nzcv[c] = rnd.nextInt(16);
            p.label("case_" + c);
            p.insn("adrp x30, init_" + c, false);
            p.insn("add x30, x30, :lo12:init_" + c, false);
            p.insn("ldr x0, [x30, #248]", false);
            p.insn("mov sp, x0", false);
            p.insn("cmp xzr, xzr", false);
            p.insn("ccmp xzr, #0, #" + nzcv[c] + ", ne", false);
            for (int i = 0; i < 30; i += 2) {
                p.insn("ldp x" + i + ", x" + (i + 1) + ", [x30, #" + 8 * i + "]", false);
            }
            p.insn("ldr x30, [x30, #240]", false);
            bodyPc[c] = p.pc();
            p.label("body_" + c);
            g.body(p, c, r, slots);
            dumpPc[c] = p.pc();
            p.label("dump_" + c);
            dump(r);
        }
        donePc = p.pc();
        p.label("done");
        long len = (long) cases * CASE_BYTES;
        p.insn("movz x0, #1", false);
        p.insn("adrp x1, dumparea", false);
        p.insn("add x1, x1, :lo12:dumparea", false);
        p.insn("movz x2, #" + (len & 0xFFFF), false);
        p.insn("movk x2, #" + (len >>> 16) + ", lsl #16", false);
        p.insn("movz x8, #64", false);
        p.insn("svc #0", false);
        p.insn("movz x0, #0", false);
        p.insn("movz x8, #93", false);
        p.insn("svc #0", false);
        p.text.append(".balign 8\nLpool:\n");
        for (int i = 0; i < 64; i++) {
            p.text.append("  .quad ").append(g.value()).append('\n');
        }
        p.dataLine(".data");
        p.dataLine("dataStart:");
        for (int i = 0; i < (0x1000 + 0x800) / 8; i++) {
            p.dataLine("  .quad " + g.value());
        }
        p.dataLine("dumpptr: .quad dumparea");
        p.dataLine("scratch: .quad 0");
        p.dataLine(".balign 16");
        for (int c = 0; c < cases; c++) {
            StringBuilder b = new StringBuilder("init_" + c + ": .quad ");
            for (int i = 0; i < 32; i++) {
                b.append(i == 0 ? "" : ", ").append(init[c][i]);
            }
            p.dataLine(b.toString());
        }
        p.dataLine(".bss\n.balign 16\ndumparea: .space " + len);
    }

    /** Dump code; R holds W and is never written by the body. */
    private void dump(int r) {
        int[] t = new int[7];
        for (int i = 0, k = 0; k < 7; i++) {
            if (i != r) {
                t[k++] = i;
            }
        }
        int a = t[0];
        int b = t[1];
        p.insn("str x" + a + ", [x" + r + ", #0x808]", false);
        p.insn("ldr x" + a + ", [x" + r + ", #0x800]", false);
        for (int i = 0; i < 31; i++) {
            if (i == a) {
                continue;
            }
            if (i + 1 < 31 && i + 1 != a && i % 2 == 0) {
                p.insn("stp x" + i + ", x" + (i + 1) + ", [x" + a + ", #" + 8 * i + "]", false);
                i++;
            } else {
                p.insn("str x" + i + ", [x" + a + ", #" + 8 * i + "]", false);
            }
        }
        p.insn("ldr x" + b + ", [x" + r + ", #0x808]", false);
        p.insn("str x" + b + ", [x" + a + ", #" + 8 * a + "]", false);
        p.insn("mov x" + b + ", sp", false);
        p.insn("str x" + b + ", [x" + a + ", #248]", false);
        int c = t[2];
        int d = t[3];
        int e = t[4];
        int f = t[5];
        int g = t[6];
        p.insn("cset x" + c + ", mi", false);
        p.insn("cset x" + d + ", eq", false);
        p.insn("cset x" + e + ", cs", false);
        p.insn("cset x" + f + ", vs", false);
        p.insn("add x" + c + ", x" + f + ", x" + c + ", lsl #3", false);
        p.insn("add x" + c + ", x" + c + ", x" + d + ", lsl #2", false);
        p.insn("add x" + c + ", x" + c + ", x" + e + ", lsl #1", false);
        p.insn("str x" + c + ", [x" + a + ", #256]", false);
        p.insn("sub x" + c + ", x" + r + ", #" + WINDOW_LO, false);
        p.insn("add x" + d + ", x" + a + ", #" + REG_BYTES, false);
        p.insn("movz x" + e + ", #" + WINDOW_BYTES / 16, false);
        String loop = "1";
        p.label(loop);
        p.insn("ldp x" + f + ", x" + g + ", [x" + c + "], #16", false);
        p.insn("stp x" + f + ", x" + g + ", [x" + d + "], #16", false);
        p.insn("subs x" + e + ", x" + e + ", #1", false);
        p.insn("b.ne 1b", false);
        p.insn("add x" + a + ", x" + a + ", #" + CASE_BYTES, false);
        p.insn("str x" + a + ", [x" + r + ", #0x800]", false);
    }

    String source() {
        return p.text + "\n" + p.data;
    }
}
