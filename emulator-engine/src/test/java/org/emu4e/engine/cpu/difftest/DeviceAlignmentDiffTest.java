package org.emu4e.engine.cpu.difftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.emu4e.engine.cli.Main;
import org.junit.jupiter.api.Test;

/**
 * Random-alignment differential test of loads and stores with the MMU off, against
 * qemu-system-aarch64 -M virt -cpu cortex-a53 (system mode: user mode never sees Device
 * memory). Each batch is one bare-metal program ({@link AlignmentBatch}) run on both with the
 * same command line; the per-case records (registers, exceptions with ESR/FAR, buffer
 * checksum) must be identical, except where QEMU 7.2 does not model the architecture: an
 * element not aligned to its size, SCTLR_EL1.A = 0, a form whose check depends on the memory
 * type. There Device-nGnRnE memory (D8.2.10) requires an Alignment fault on the first element
 * (B2.5.2; the Device check of AArch64.TranslateAddress()), which emu4e must take (ESR
 * 0x96000021, WnR for stores, FAR = the element's address) while QEMU runs the access; those
 * cases are counted and checked on emu4e alone.
 *
 * <p>Seed: {@code -Dalignment.seed=N} ({@code random} for a fresh one, printed); batches:
 * {@code -Dalignment.batches=N} (250 cases each; 8 by default, about 4 s).
 */
class DeviceAlignmentDiffTest {
    private static final int CASES = 250;

    @Test
    void randomLoadsAndStoresWithTheMmuOffMatchQemu() throws Exception {
        assumeTrue(Toolchain.systemAvailable(), "aarch64 binutils / qemu-system-aarch64 not installed");
        String seedProperty = System.getProperty("alignment.seed", "20261207");
        long seed = seedProperty.equals("random") ? System.nanoTime() & 0xFFFF_FFFFL : Long.parseLong(seedProperty);
        int batches = Integer.getInteger("alignment.batches", 8);
        int same = 0;
        int strict = 0;
        int faultsBoth = 0;
        List<String> failures = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int b = 0; b < batches; b++) {
            AlignmentBatch batch = new AlignmentBatch(new Random(seed * 1_000_003L + b), CASES);
            Path dir = Files.createTempDirectory("emu4e-aligndiff");
            Path elf = Toolchain.buildBareMetal(dir, batch.source, AlignmentBatch.TEXT);
            long buf = symbol(Toolchain.nm(elf), "buf");
            List<String> qemu = Toolchain.qemuSystem(dir, elf).lines().toList();
            List<String> emu = emu4e(elf).lines().toList();
            assertEquals(CASES, qemu.size(), "QEMU printed one record per case (files in " + dir + ")");
            assertEquals(CASES, emu.size(), "emu4e printed one record per case (files in " + dir + ")");
            for (int i = 0; i < CASES; i++) {
                AlignmentBatch.Case c = batch.cases.get(i);
                long[] q = words(qemu.get(i));
                long[] e = words(emu.get(i));
                String where = "batch " + b + " case " + i + ": " + c.form().asm() + " at buf+" + c.offset()
                        + (c.sctlrA() ? ", SCTLR.A=1" : ", SCTLR.A=0");
                if (c.aligned() || c.checkedEverywhere()) {
                    if (!qemu.get(i).equals(emu.get(i))) {
                        failures.add(where + "\n  qemu  " + describe(q) + "\n  emu4e " + describe(e));
                    } else {
                        same++;
                        faultsBoth += q[13] != 0 ? 1 : 0;
                    }
                    continue;
                }
                strict++;
                long wnr = e[14] & (1 << 6);
                if (e[13] != 1 || (e[14] & ~(1L << 6)) != 0x9600_0021L || e[15] != buf + c.first()
                        || (wnr != 0) != isStore(c.form().asm())) {
                    failures.add(where + ": Device memory requires an Alignment fault on the first element\n  emu4e "
                            + describe(e));
                }
            }
            if (failures.isEmpty()) {
                deleteAll(dir);
            } else {
                System.out.println("[aligndiff] batch " + b + " kept in " + dir);
            }
        }
        System.out.printf("[aligndiff] seed %d, %d batches x %d cases: %d identical to QEMU (%d of them faulting on both),"
                + " %d unaligned Device accesses faulting on emu4e only (QEMU 7.2 does not check), %d failures, %.1f s%n",
                seed, batches, CASES, same, faultsBoth, strict, failures.size(), (System.nanoTime() - t0) / 1e9);
        if (!failures.isEmpty()) {
            fail(failures.size() + " cases differ; first ones:\n" + String.join("\n", failures.subList(0, Math.min(5,
                    failures.size()))));
        }
    }

    private static boolean isStore(String asm) {
        return asm.startsWith("st");
    }

    private static String emu4e(Path elf) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main(new PrintStream(out, true), new PrintStream(err, true), new ByteArrayInputStream(new byte[0]))
                .run(Toolchain.virtArgs(elf));
        assertEquals(0, code, "emu4e: " + err);
        return out.toString(StandardCharsets.US_ASCII);
    }

    private static long[] words(String line) {
        long[] w = new long[AlignmentBatch.RECORD_WORDS];
        if (line.length() != 16 * w.length) {
            throw new AssertionError("bad record line: " + line);
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = Long.parseUnsignedLong(line.substring(16 * i, 16 * i + 16), 16);
        }
        return w;
    }

    private static String describe(long[] w) {
        return String.format("x0-x4 %x %x %x %x %x, v16 %016x%016x v17 %016x%016x, exceptions %d ESR %x FAR %x, "
                + "buffer checksum %x", w[0], w[1], w[2], w[3], w[4], w[6], w[5], w[8], w[7], w[13], w[14], w[15], w[16]);
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
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
