package org.emu4e.engine.cpu.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.emu4e.engine.cpu.a64.jit.Jit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Differential test against {@code qemu-aarch64 -cpu cortex-a53}: seeded random FP and
 * Advanced SIMD instructions on random registers (special values, random FPCR), compared
 * bit-exactly (V0-V31, X0-X26, FPSR, NZCV, UNDEFINED). Seeds: -Demu4e.seed=N to replay one;
 * -Demu4e.cases=N to change the count.
 */
class SimdFpQemuDiffTest {
    private static final int CASES = Integer.getInteger("emu4e.cases", 20000);

    @Test
    void scalarFloatingPoint() throws Exception {
        runFamily("scalar-fp", DiffTemplates::scalarFp, 0x5EED_0001L);
    }

    @Test
    void advancedSimd() throws Exception {
        runFamily("adv-simd", DiffTemplates::advSimd, 0x5EED_0002L);
    }

    @Test
    void simdLoadStore() throws Exception {
        runFamily("simd-ldst", DiffTemplates::loadStore, 0x5EED_0003L);
    }

    interface Templates {
        InsnGen make(SplittableRandom r);
    }

    private void runFamily(String name, Templates templates, long defaultSeed) throws Exception {
        Assumptions.assumeTrue(QemuHarness.available(), "qemu-aarch64/binutils not installed");
        long seed = Long.getLong("emu4e.seed", defaultSeed);
        SplittableRandom r = new SplittableRandom(seed);
        InsnGen gen = templates.make(r);
        ValueGen values = new ValueGen(r);
        boolean memory = name.endsWith("ldst");
        List<DiffCase> cases = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            InsnGen.Template t = gen.pick(r);
            long[] x = values.xregs();
            if (memory) {
                for (int k = 0; k < 8; k++) {
                    x[k] = QemuHarness.MEM + 1024 + r.nextInt(1024);
                    x[k + 8] = r.nextInt(49);
                }
            }
            int insn = InsnGen.word(t, r);
            long[] v = values.vregs();
            if (r.nextInt(3) == 0) {
                // Rounding ties and near-cancellation between the Rn and Rm operands.
                values.tie(v, (insn >>> 5) & 31, (insn >>> 16) & 31);
            }
            cases.add(new DiffCase(t.family(), insn, v, x, values.fpcr(), r.nextInt(16)));
        }
        List<DiffCase.Outcome> expected = QemuHarness.run(cases, memory);
        EmuRunner emu = new EmuRunner();
        long translated = Jit.translations();
        if (memory) {
            emu.withMemory();
        }
        Map<String, int[]> stats = new TreeMap<>();
        int mismatches = 0;
        int printed = 0;
        for (int i = 0; i < cases.size(); i++) {
            DiffCase c = cases.get(i);
            int[] st = stats.computeIfAbsent(c.family(), k -> new int[3]);
            st[0]++;
            DiffCase.Outcome want = expected.get(i);
            String d;
            try {
                d = want.diff(emu.run(c));
            } catch (RuntimeException e) {
                d = " host exception " + e;
            }
            if (want.undef()) {
                st[2]++;
            }
            if (!d.isEmpty()) {
                st[1]++;
                mismatches++;
                if (printed++ < Integer.getInteger("emu4e.print", 40)) {
                    System.out.printf("MISMATCH %s #%d insn=%08x fpcr=%08x nzcv=%x (qemu/emu):%s%n", c.family(), i,
                            c.insn(), c.fpcr(), c.nzcv(), d);
                }
            }
        }
        System.out.printf("%s seed=0x%x: %d cases, %d mismatches%s%n", name, seed, cases.size(), mismatches,
                emu.rig().cpu().translates() ? ", " + (Jit.translations() - translated) + " blocks translated" : "");
        stats.forEach((k, v) -> System.out.printf("  %-22s %5d cases %4d mismatches %4d undef%n", k, v[0], v[1], v[2]));
        assertEquals(0, mismatches, name + " mismatches against qemu (seed 0x" + Long.toHexString(seed) + ")");
    }
}
