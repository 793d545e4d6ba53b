package org.emu4e.engine.cpu.difftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.emu4e.engine.api.DebugHooks;
import org.emu4e.engine.cpu.a64.CpuExit;
import org.emu4e.engine.testing.CpuRig;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the integer core against {@code qemu-aarch64 -cpu cortex-a53}: random
 * sequences of data-processing, branch and general load/store instructions run in both, and
 * X0-X30, SP, NZCV and the data window must agree bit for bit after every case. See
 * {@link Generator} for what is generated and filtered, {@link BatchBuilder} for the program.
 * Seed: {@code -Ddifftest.seed=N} (a fixed default, so CI is deterministic; {@code random} for a
 * fresh one, printed); batches: {@code -Ddifftest.batches=N} (400 cases of 32 slots each, about
 * 12,700 executed random instructions per batch).
 */
class QemuDiffTest {
    private static final int CASES = 400;
    private static final int SLOTS = 32;
    private static final long VBAR = 0x4000_0000L;

    @Test
    void randomIntegerSequencesMatchQemu() throws IOException {
        assumeTrue(Toolchain.available(), "aarch64 binutils / qemu-aarch64 not installed");
        String seedProperty = System.getProperty("difftest.seed", "20261201");
        long seed = seedProperty.equals("random") ? System.nanoTime() & 0xFFFF_FFFFL : Long.parseLong(seedProperty);
        int batches = Integer.getInteger("difftest.batches", 80);
        System.out.println("[difftest] seed " + seed + " (-Ddifftest.seed=" + seed + "), batches " + batches);
        long randomExecuted = 0;
        java.util.Set<String> rowsExecuted = new java.util.TreeSet<>();
        long retired = 0;
        int mismatches = 0;
        String first = null;
        long t0 = System.nanoTime();
        for (int b = 0; b < batches; b++) {
            BatchBuilder bb = new BatchBuilder(new Random(seed * 1_000_003L + b), CASES, SLOTS);
            Path dir = Files.createTempDirectory("emu4e-difftest");
            try {
                Path elf = Toolchain.build(dir, bb.source());
                long dumpArea = symbol(Toolchain.nm(elf), "dumparea");
                assertEquals(bb.donePc, symbol(Toolchain.nm(elf), "done"), "harness miscounted instructions");
                byte[] expected;
                try {
                    expected = Toolchain.qemu(dir, elf);
                } catch (IllegalStateException e) {
                    first = "QEMU failed on batch " + b + " (files kept in " + dir + "): " + e.getMessage();
                    throw e;
                }
                assertEquals((long) CASES * BatchBuilder.CASE_BYTES, expected.length, "QEMU dump size");
                Emu emu = new Emu(bb);
                long entry = ElfImage.load(elf, emu.rig.bus());
                byte[] actual = emu.run(entry, dumpArea);
                randomExecuted += emu.randomExecuted;
                rowsExecuted.addAll(emu.rows);
                retired += emu.rig.cpu().instructions;
                for (int c = 0; c < CASES; c++) {
                    String diff = compare(bb, c, expected, actual);
                    if (diff != null) {
                        mismatches++;
                        if (first == null) {
                            first = "batch " + b + " (seed " + seed + ") case " + c + ":\n" + diff
                                    + "\nreserved x" + bb.reserved[c] + ", initial NZCV " + bb.nzcv[c] + "\n"
                                    + Toolchain.objdump(elf, bb.bodyPc[c], bb.dumpPc[c]);
                        }
                    }
                }
                if (first != null && mismatches > 0 && b == 0) {
                    // keep the files of the first failing batch for inspection
                    System.out.println("[difftest] batch kept in " + dir);
                    continue;
                }
            } finally {
                if (first == null) {
                    deleteAll(dir);
                }
            }
        }
        System.out.printf("[difftest] %d batches, %d random instructions executed (%d retired in total), "
                + "%d decode rows exercised, %d mismatching cases, %.1f s%n", batches, randomExecuted, retired,
                rowsExecuted.size(), mismatches, (System.nanoTime() - t0) / 1e9);
        System.out.println("[difftest] integer-core rows never executed: " + A64DecoderRows.missing(rowsExecuted));
        if (first != null) {
            fail(mismatches + " mismatching cases; first: " + first);
        }
    }

    /** The integer-core rows (by name) of the decoder, for the coverage line. */
    private static final class A64DecoderRows {
        static java.util.Set<String> names() {
            java.util.Set<String> n = new java.util.TreeSet<>();
            for (var r : org.emu4e.engine.cpu.a64.decode.A64Decoder.get().rows()) {
                String g = r.group();
                if (g.startsWith("Data processing -- immediate") || g.startsWith("Data processing -- register")
                        || g.startsWith("Branches (") || g.startsWith("Loads and stores, general")) {
                    n.add(r.name());
                }
            }
            return n;
        }

        static java.util.Set<String> missing(java.util.Set<String> seen) {
            java.util.Set<String> n = names();
            n.removeAll(seen);
            return n;
        }
    }

    /** emu4e side: one CpuRig at EL1 with the MMU off running the same ELF. */
    private static final class Emu implements DebugHooks {
        final CpuRig rig = new CpuRig();
        final BatchBuilder bb;
        long randomExecuted;
        final java.util.Set<String> rows = new java.util.HashSet<>();
        private final org.emu4e.engine.cpu.a64.decode.A64Decoder decoder =
                org.emu4e.engine.cpu.a64.decode.A64Decoder.get();

        Emu(BatchBuilder bb) {
            this.bb = bb;
        }

        byte[] run(long entry, long dumpArea) {
            rig.s().pc = entry;
            rig.cpu().sys().vbar[1] = VBAR;
            rig.cpu().debug = this;
            long limit = 200_000_000L;
            while (true) {
                CpuExit x = rig.cpu().run(1_000_000);
                long pc = rig.s().pc;
                if (x == CpuExit.BREAKPOINT) {
                    if (pc == bb.donePc) {
                        break;
                    }
                    fail(String.format("emu4e took an exception: ESR_EL1=0x%x ELR_EL1=0x%x FAR_EL1=0x%x",
                            rig.cpu().sys().esr[1], rig.cpu().sys().elr[1], rig.cpu().sys().far[1]));
                }
                if (rig.cpu().instructions > limit) {
                    fail("emu4e did not reach the end; pc=0x" + Long.toHexString(pc));
                }
            }
            byte[] out = new byte[CASES * BatchBuilder.CASE_BYTES];
            rig.ram().readBytes(dumpArea, out, 0, out.length);
            return out;
        }

        @Override
        public boolean breakpointAt(long pc) {
            long i = (pc - Program.TEXT) >>> 2;
            if (i >= 0 && i < bb.p.insns && bb.p.randomInsn.get((int) i)) {
                randomExecuted++;
                var row = decoder.row((int) rig.ram().read(pc, 4));
                if (row != null) {
                    rows.add(row.name());
                }
            }
            return pc == bb.donePc || (pc >= VBAR && pc < VBAR + 0x800);
        }

        /**
         * Interpreted, every instruction is checked (so the executed rows are counted); with
         * the translator on, only blocks holding a real stop are, so the rest run compiled.
         */
        @Override
        public boolean anyBreakpointIn(long from, long to) {
            if (!rig.cpu().translates()) {
                return true;
            }
            return bb.donePc >= from && bb.donePc < to || from < VBAR + 0x800 && to > VBAR;
        }

        @Override
        public long watchpointHit(long va, int size, boolean write) { return -1; }

        @Override
        public boolean hasWatchpoints() { return false; }
    }

    private static final String[] NAMES = new String[33];

    static {
        for (int i = 0; i < 31; i++) {
            NAMES[i] = "x" + i;
        }
        NAMES[31] = "sp";
        NAMES[32] = "nzcv";
    }

    private static String compare(BatchBuilder bb, int c, byte[] exp, byte[] act) {
        ByteBuffer e = ByteBuffer.wrap(exp).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer a = ByteBuffer.wrap(act).order(ByteOrder.LITTLE_ENDIAN);
        int base = c * BatchBuilder.CASE_BYTES;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 33; i++) {
            long ev = e.getLong(base + 8 * i);
            long av = a.getLong(base + 8 * i);
            if (ev != av) {
                sb.append(String.format("  %-4s qemu 0x%016x emu4e 0x%016x (initial 0x%016x)%n", NAMES[i], ev, av,
                        i < 32 ? bb.init[c][i] : bb.nzcv[c]));
            }
        }
        for (int i = 0; i < BatchBuilder.WINDOW_BYTES; i++) {
            int off = base + BatchBuilder.REG_BYTES + i;
            if (exp[off] != act[off]) {
                sb.append(String.format("  memory 0x%x: qemu 0x%02x emu4e 0x%02x%n",
                        Generator.W - BatchBuilder.WINDOW_LO + i, exp[off] & 0xFF, act[off] & 0xFF));
                break;
            }
        }
        return sb.isEmpty() ? null : sb.toString();
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

    private static void deleteAll(Path dir) throws IOException {
        try (var w = Files.walk(dir)) {
            w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
