package org.emu4e.engine.cpu.difftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.emu4e.engine.api.DebugHooks;
import org.emu4e.engine.api.ExecConfig;
import org.emu4e.engine.api.ExecMode;
import org.emu4e.engine.cpu.a64.CpuExit;
import org.emu4e.engine.cpu.a64.jit.Jit;
import org.emu4e.engine.testing.CpuRig;
import org.junit.jupiter.api.Test;

/**
 * Every condition code after every flag-setting instruction, at 32 and 64 bits, on carry and
 * overflow edge values: the interpreter, the translator (every block translated at its first
 * entry) and {@code qemu-aarch64} must agree. Each case runs the flag setter and then, in
 * the same block, B.cond (once per condition: the translator fuses the compare and the
 * branch), sixteen CSELs (one after the other on the same flags), CCMP/CCMN followed by MRS
 * NZCV (once per condition), and MRS NZCV right after the setter (flags materialised for a
 * handler call). Results go to memory, which is compared bit for bit.
 */
class FlagConditionsQemuTest {
    private static final long[] EDGES = {0, 1, -1, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL, 0x1_7FFF_FFFFL,
        Long.MAX_VALUE, Long.MIN_VALUE, 0x1234_5678_9ABC_DEF0L};
    /** Flag setters; %1$s is the register prefix (w or x). Operands in r1 and r2, result in r3. */
    private static final String[] SETTERS = {
        "subs %1$s3, %1$s1, %1$s2", "adds %1$s3, %1$s1, %1$s2", "ands %1$s3, %1$s1, %1$s2", "bics %1$s3, %1$s1, %1$s2",
        "cmp %1$s1, #1", "cmn %1$s1, #4095", "subs %1$s3, %1$s1, %1$s2, asr #1",
        "tst %1$s1, #0xffff0000", "cmp %1$s1, w2, uxtb"};
    private static final int CASE_BYTES = 32;

    @Test
    void everyConditionAfterEveryFlagSetterMatchesQemu32() throws IOException {
        run("w");
    }

    @Test
    void everyConditionAfterEveryFlagSetterMatchesQemu64() throws IOException {
        run("x");
    }

    /** One program (text under 1 MiB: CpuRig maps the rest of RAM privileged execute-never) per width. */
    private static void run(String w) throws IOException {
        assumeTrue(Toolchain.available(), "aarch64 binutils / qemu-aarch64 not installed");
        List<String> cases = new ArrayList<>();
        StringBuilder text = new StringBuilder(".text\n.globl _start\n_start:\n");
        text.append("  adrp x9, dumparea\n  add x9, x9, :lo12:dumparea\n  mov x20, #1\n  mov x21, #0\n");
        int n = 0;
        for (String setter : SETTERS) {
            String op = String.format(setter, w);
            for (long a : EDGES) {
                for (long b : setter.contains("2") ? EDGES : new long[] {0}) {
                    cases.add(op + " with x1=0x" + Long.toHexString(a) + ", x2=0x" + Long.toHexString(b));
                    caseCode(text, op, w.equals("x"), a, b, n++);
                }
            }
        }
        long len = (long) n * CASE_BYTES;
        text.append("done:\n  mov x0, #1\n  adrp x1, dumparea\n  add x1, x1, :lo12:dumparea\n")
                .append("  ldr x2, =").append(len).append("\n  mov x8, #64\n  svc #0\n")
                .append("  mov x0, #0\n  mov x8, #93\n  svc #0\n  .ltorg\n")
                .append(".bss\n.balign 16\ndumparea: .space ").append(len).append('\n');

        Path dir = Files.createTempDirectory("emu4e-flags");
        try {
            Path elf = Toolchain.build(dir, text.toString());
            long done = symbol(Toolchain.nm(elf), "done");
            long dumpArea = symbol(Toolchain.nm(elf), "dumparea");
            byte[] qemu = Toolchain.qemu(dir, elf);
            assertEquals(len, qemu.length, "QEMU dump size");
            byte[] interp = emu4e(elf, new ExecConfig(ExecMode.INTERP, 0), done, dumpArea, len);
            long translated = Jit.translations();
            byte[] jit = emu4e(elf, new ExecConfig(ExecMode.JIT, 0), done, dumpArea, len);
            assertTrue(Jit.translations() - translated > 16L * n, "the translator ran the cases' blocks");
            compare("interpreter", qemu, interp, cases);
            compare("translator", qemu, jit, cases);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * One case; stores, at x9 (advanced by 32): the B.cond mask (bit c: taken), the CSEL mask
     * (bit c: first operand selected), the NZCV after CCMP/CCMN with condition c (nibble c)
     * and the NZCV of the setter alone.
     */
    private static void caseCode(StringBuilder t, String op, boolean x, long a, long b, int n) {
        int sf = x ? 1 << 31 : 0;
        t.append("  ldr x1, =0x").append(Long.toHexString(a)).append('\n');
        t.append("  ldr x2, =0x").append(Long.toHexString(b)).append('\n');
        t.append("  mov x10, #0\n  mov x11, #0\n  mov x15, #0\n");
        t.append("  mvn x10, xzr\n");
        for (int c = 0; c < 16; c++) {
            t.append("  ").append(op).append('\n');
            t.append(String.format("  .inst 0x%08x%n", 0x5400_0040 | c)); // B.<c> .+8
            t.append("  eor x10, x10, #").append(1L << c).append('\n'); // not taken: clear bit c
        }
        t.append("  ").append(op).append('\n');
        for (int c = 0; c < 16; c++) {
            t.append(String.format("  .inst 0x%08x%n", 0x9A80_0000 | 21 << 16 | c << 12 | 20 << 5 | 12)); // CSEL x12, x20, x21, <c>
            t.append("  orr x11, x11, x12, lsl #").append(c).append('\n');
        }
        for (int c = 0; c < 16; c++) {
            boolean cmn = (c & 1) != 0;
            t.append("  ").append(op).append('\n');
            // CCMP/CCMN r1, r2, #(15 - c), <c>; NZCV read back with CSET (no block end)
            t.append(String.format("  .inst 0x%08x%n", sf | (cmn ? 0x3A40_0000 : 0x7A40_0000) | 2 << 16 | c << 12 | 1 << 5 | (15 - c)));
            String[] bit = {"vs", "cs", "eq", "mi"};
            for (int k = 0; k < 4; k++) {
                t.append("  cset x13, ").append(bit[k]).append('\n');
                t.append("  orr x15, x15, x13, lsl #").append(4 * c + k).append('\n');
            }
        }
        t.append("  ").append(op).append('\n');
        t.append("  mrs x14, nzcv\n");
        t.append("  stp x10, x11, [x9], #16\n  stp x15, x14, [x9], #16\n");
        if (n % 16 == 15) {
            t.append("  b 2f\n  .ltorg\n2:\n");
        }
    }

    private static byte[] emu4e(Path elf, ExecConfig exec, long done, long dumpArea, long len) throws IOException {
        CpuRig rig = new CpuRig(exec);
        rig.s().pc = ElfImage.load(elf, rig.bus());
        rig.cpu().debug = new DebugHooks() {
            @Override public boolean breakpointAt(long pc) { return pc == done; }

            @Override public boolean anyBreakpointIn(long from, long to) { return done >= from && done < to; }

            @Override public long watchpointHit(long va, int size, boolean write) { return -1; }

            @Override public boolean hasWatchpoints() { return false; }
        };
        while (rig.cpu().run(1_000_000) != CpuExit.BREAKPOINT) {
            if (rig.cpu().instructions > 100_000_000L) {
                fail(exec.mode() + ": did not reach the end; pc=0x" + Long.toHexString(rig.s().pc));
            }
        }
        assertEquals(done, rig.s().pc, exec.mode() + " stopped elsewhere (an exception?)");
        byte[] out = new byte[(int) len];
        rig.ram().readBytes(dumpArea, out, 0, out.length);
        return out;
    }

    private static void compare(String engine, byte[] expected, byte[] actual, List<String> cases) {
        ByteBuffer e = ByteBuffer.wrap(expected).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer a = ByteBuffer.wrap(actual).order(ByteOrder.LITTLE_ENDIAN);
        String[] what = {"B.cond taken mask", "CSEL mask", "NZCV nibbles after CCMP/CCMN with each condition",
            "NZCV (MRS) after the setter"};
        int mismatches = 0;
        StringBuilder first = new StringBuilder();
        for (int c = 0; c < cases.size(); c++) {
            for (int k = 0; k < 4; k++) {
                long want = e.getLong(c * CASE_BYTES + 8 * k);
                long got = a.getLong(c * CASE_BYTES + 8 * k);
                if (want != got) {
                    if (mismatches++ < 10) {
                        first.append(String.format("%n  %s: %s: qemu 0x%x, emu4e 0x%x", cases.get(c), what[k], want, got));
                    }
                }
            }
        }
        if (mismatches > 0) {
            fail(engine + ": " + mismatches + " mismatches of " + 4 * cases.size() + " values:" + first);
        }
    }

    private static long symbol(String nm, String name) {
        for (String line : nm.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[2].equals(name)) {
                return Long.parseUnsignedLong(f[0], 16);
            }
        }
        throw new IllegalStateException("no symbol " + name);
    }
}
