package org.emu4e.engine.cpu.a64.insn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;

import org.emu4e.engine.testing.Asm;
import org.emu4e.engine.testing.CpuRig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Alignment of every load/store that moves more than one element, in the three memory set-ups
 * that decide it: the MMU off (every data access Device-nGnRnE, ARM ARM D8.2.10), the MMU on
 * with SCTLR_EL1.A = 1 (Normal memory, alignment checked), and the MMU on with A = 0.
 *
 * <p>The rule (ARMv8.0 pseudocode): an instruction's accesses are {@code Mem[address, size,
 * acctype]} of the element size: LDP/STP/LDNP/STNP/LDPSW do {@code data1 = Mem[address, dbytes]},
 * {@code data2 = Mem[address + dbytes, dbytes]}; LD1-LD4/ST1-ST4 and LD1R-LD4R one
 * {@code Mem[address + offs, ebytes, AccType_VEC]} per element. {@code AArch64.CheckAlignment}
 * faults on an address not aligned to that size when SCTLR.A is set; {@code
 * AArch64.TranslateAddress} faults on an unaligned access to Device memory. A 128-bit
 * SIMD&FP access is aligned when the address is a multiple of 16 (it is done as two 64-bit
 * single-copy atomic halves, but {@code aligned} is computed for the 16 bytes). The exclusive
 * pairs LDXP/STXP/LDAXP/STLXP check the whole pair ("Check alignment by size of entire
 * access": 8 bytes for W, 16 for X) whatever the memory type. DC ZVA to any Device memory is
 * an Alignment fault (AccType_DCZVA in AArch64.FirstStageTranslate).
 *
 * <p>Each case runs at an address aligned to its required alignment (no fault in any set-up,
 * and the registers/memory are the same as on Normal memory) and at half that alignment (an
 * Alignment fault, ESR 0x96000021 / 0x96000061 for a store, FAR = the address, with the MMU
 * off and with SCTLR.A; none on Normal memory with A = 0 except for the exclusives).
 */
class MultiElementAlignmentTest {
    private static final long D = CpuRig.DATA + 0x1000;

    enum Memory { DEVICE_MMU_OFF, NORMAL_SCTLR_A, NORMAL }

    /** {@code align}: the alignment the pseudocode requires; {@code always}: also with A = 0 on Normal memory. */
    record Case(String insn, int align, boolean store, boolean always) {
        @Override public String toString() { return insn; }
    }

    static Stream<Case> cases() {
        return CASES.stream();
    }

    private static final java.util.List<Case> CASES = java.util.List.of(
                ld("ldp w1, w2, [x0]", 4), st("stp w1, w2, [x0]", 4), ld("ldpsw x1, x2, [x0]", 4),
                ld("ldnp w1, w2, [x0]", 4), st("stnp w1, w2, [x0]", 4),
                ld("ldp w1, w2, [x0], #8", 4), st("stp w1, w2, [x0], #-8", 4),
                ld("ldp x1, x2, [x0]", 8), st("stp x1, x2, [x0]", 8),
                ld("ldnp x1, x2, [x0]", 8), st("stnp x1, x2, [x0]", 8),
                ld("ldp s1, s2, [x0]", 4), st("stp s1, s2, [x0]", 4), ld("ldnp s1, s2, [x0]", 4),
                ld("ldp d1, d2, [x0]", 8), st("stp d1, d2, [x0]", 8), st("stnp d1, d2, [x0]", 8),
                ld("ldp q1, q2, [x0]", 16), st("stp q1, q2, [x0]", 16), ld("ldnp q1, q2, [x0]", 16),
                st("stnp q1, q2, [x0]", 16),
                ld("ldr q1, [x0]", 16), st("str q1, [x0]", 16), ld("ldr q1, [x0], #16", 16),
                excl("ldxp w1, w2, [x0]", 8, false), excl("ldaxp w1, w2, [x0]", 8, false),
                excl("ldxp x1, x2, [x0]", 16, false), excl("ldaxp x1, x2, [x0]", 16, false),
                excl("stxp w3, w1, w2, [x0]", 8, true), excl("stlxp w3, w1, w2, [x0]", 8, true),
                excl("stxp w3, x1, x2, [x0]", 16, true), excl("stlxp w3, x1, x2, [x0]", 16, true),
                ld("ld1 {v1.16b}, [x0]", 1), ld("ld1 {v1.8h}, [x0]", 2), ld("ld1 {v1.4s}, [x0]", 4),
                ld("ld1 {v1.2d}, [x0]", 8), ld("ld1 {v1.1d, v2.1d, v3.1d, v4.1d}, [x0]", 8),
                ld("ld1 {v1.4s, v2.4s, v3.4s}, [x0], #48", 4), st("st1 {v1.2d, v2.2d}, [x0]", 8),
                st("st1 {v1.8b}, [x0]", 1),
                ld("ld2 {v1.8h, v2.8h}, [x0]", 2), st("st2 {v1.4s, v2.4s}, [x0]", 4),
                ld("ld3 {v1.2s, v2.2s, v3.2s}, [x0]", 4), st("st3 {v1.8h, v2.8h, v3.8h}, [x0]", 2),
                ld("ld4 {v1.2d, v2.2d, v3.2d, v4.2d}, [x0]", 8), st("st4 {v1.16b, v2.16b, v3.16b, v4.16b}, [x0]", 1),
                ld("ld1 {v1.s}[1], [x0]", 4), st("st1 {v1.d}[1], [x0]", 8), ld("ld2 {v1.h, v2.h}[3], [x0]", 2),
                st("st3 {v1.s, v2.s, v3.s}[2], [x0]", 4), ld("ld4 {v1.d, v2.d, v3.d, v4.d}[0], [x0]", 8),
                ld("ld1r {v1.4s}, [x0]", 4), ld("ld2r {v1.8h, v2.8h}, [x0]", 2),
                ld("ld3r {v1.2d, v2.2d, v3.2d}, [x0]", 8), ld("ld4r {v1.16b, v2.16b, v3.16b, v4.16b}, [x0]", 1),
                ld("ld4r {v1.1d, v2.1d, v3.1d, v4.1d}, [x0], #32", 8));

    /** Every case's instruction, assembled once (one word each), plus nop and dc zva. */
    private static final java.util.Map<String, byte[]> CODE = new java.util.HashMap<>();

    static {
        java.util.List<String> all = new java.util.ArrayList<>(CASES.stream().map(Case::insn).toList());
        all.add("nop");
        all.add("dc zva, x0");
        all.add("ldr x1, [x0]");
        byte[] words = Asm.assemble(String.join("\n", all));
        for (int i = 0; i < all.size(); i++) {
            CODE.put(all.get(i), java.util.Arrays.copyOfRange(words, 4 * i, 4 * i + 4));
        }
    }

    private static Case ld(String insn, int align) { return new Case(insn, align, false, false); }
    private static Case st(String insn, int align) { return new Case(insn, align, true, false); }
    private static Case excl(String insn, int align, boolean store) { return new Case(insn, align, store, true); }

    /** One rig per test, reset before every run (a fresh CpuRig per run costs a 64 MiB RAM chunk). */
    private final IntRig rig = new IntRig();

    /** What one run left behind. */
    record Result(boolean completed, long esr, long far, long[] x, long[] vlo, long[] vhi, byte[] window) {
        long x(int i) { return x[i]; }

        void assertAlignmentFault(String what, boolean store) {
            assertEquals(false, completed, what + ": faults");
            assertEquals(0x9600_0021L | (store ? 1 << 6 : 0), esr, what + ": Alignment fault, ESR_EL1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void alignedToTheElementNeverFaults(Case c) {
        long addr = D + 64 + c.align();
        Result normal = run(Memory.NORMAL, c.insn(), addr);
        assertCompleted(normal, c);
        for (Memory m : new Memory[] {Memory.DEVICE_MMU_OFF, Memory.NORMAL_SCTLR_A}) {
            Result r = run(m, c.insn(), addr);
            assertCompleted(r, c);
            assertArrayEquals(normal.x(), r.x(), m + ": X registers as on Normal memory");
            assertArrayEquals(normal.vlo(), r.vlo(), m + ": V registers (low) as on Normal memory");
            assertArrayEquals(normal.vhi(), r.vhi(), m + ": V registers (high) as on Normal memory");
            assertArrayEquals(normal.window(), r.window(), m + ": memory as on Normal memory");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void misalignedElementFaultsOnDeviceAndWithSctlrA(Case c) {
        if (c.align() == 1) {
            return; // byte elements are always aligned
        }
        long addr = D + 64 + c.align() / 2;
        byte[] before = run(Memory.NORMAL, "nop", addr).window();
        for (Memory m : Memory.values()) {
            Result r = run(m, c.insn(), addr);
            if (m == Memory.NORMAL && !c.always()) {
                assertCompleted(r, c);
                continue;
            }
            r.assertAlignmentFault(m.toString(), c.store());
            assertEquals(addr, r.far(), m + ": FAR_EL1");
            assertEquals(addr, r.x(0), m + ": no writeback");
            assertArrayEquals(before, r.window(), m + ": memory unchanged");
        }
    }

    /** DC ZVA: an Alignment fault on Device memory at any address; SCTLR.A does not apply (the block is aligned). */
    @Test
    void dcZvaFaultsOnDeviceMemoryOnly() {
        for (long addr : new long[] {D + 64, D + 67}) {
            run(Memory.DEVICE_MMU_OFF, "dc zva, x0", addr).assertAlignmentFault("DC ZVA on Device memory", true);
            for (Memory m : new Memory[] {Memory.NORMAL_SCTLR_A, Memory.NORMAL}) {
                Result r = run(m, "dc zva, x0", addr);
                assertEquals(true, r.completed(), m + ": DC ZVA completes");
                assertEquals(0, rig.rig.cpu().read(D + 64, 8) | rig.rig.cpu().read(D + 120, 8), m + ": block zeroed");
            }
        }
    }

    /**
     * An access that crosses a page: on Normal memory with A = 0 it is done byte by byte and
     * reads both pages; on Device memory or with SCTLR.A it faults on its first byte when it is
     * not aligned, and element-aligned pairs and vectors simply touch both pages.
     */
    @Test
    void accessesCrossingAPage() {
        long page = (D | 0xFFF) + 1;
        Result n = run(Memory.NORMAL, "ldr x1, [x0]", page - 4);
        assertEquals(rig.rig.ram().read(page - 4, 8), n.x(1));
        for (Memory m : new Memory[] {Memory.DEVICE_MMU_OFF, Memory.NORMAL_SCTLR_A}) {
            Result r = run(m, "ldr x1, [x0]", page - 4);
            r.assertAlignmentFault(m.toString(), false);
            assertEquals(page - 4, r.far());
            for (String insn : new String[] {"ldp w1, w2, [x0]", "ld1 {v1.4s}, [x0]", "stp w1, w2, [x0]"}) {
                assertEquals(true, run(m, insn, page - 4).completed(), m + ": " + insn + " across a page");
            }
            Result w = run(m, "ldp w1, w2, [x0]", page - 4);
            assertEquals(rig.rig.ram().read(page - 4, 4), w.x(1));
            assertEquals(rig.rig.ram().read(page, 4), w.x(2));
        }
    }

    private static void assertCompleted(Result r, Case c) {
        assertEquals(true, r.completed(), c.insn() + " completes (ESR_EL1 0x" + Long.toHexString(r.esr()) + ")");
    }

    private Result run(Memory m, String insn, long addr) {
        var cpu = rig.rig.cpu();
        cpu.sys().cpacrEl1 = 3L << 20; // FP/AdvSIMD enabled at EL1
        for (long a = D - 0x1000; a < D + 0x1000; a++) {
            rig.rig.ram().write(a, 1, (a * 3) & 0xFF);
        }
        if (m == Memory.DEVICE_MMU_OFF) {
            rig.rig.disableMmu();
        } else {
            rig.rig.enableIdentityMmu();
        }
        cpu.sys().sctlr[1] = m == Memory.NORMAL_SCTLR_A ? cpu.sys().sctlr[1] | 2 : cpu.sys().sctlr[1] & ~2L;
        cpu.sys().esr[1] = 0;
        cpu.sys().far[1] = 0;
        cpu.clearExclusive();
        rig.rig.load(CODE.get(insn));
        java.util.Arrays.fill(rig.s().x, 0);
        java.util.Arrays.fill(rig.s().vlo, 0);
        java.util.Arrays.fill(rig.s().vhi, 0);
        rig.s().x[0] = addr;
        for (int i = 1; i < 8; i++) {
            rig.s().x[i] = 0x1111_1111_1111_1111L * i;
            rig.s().vlo[i] = 0x0101_0101_0101_0101L * (i + 8);
            rig.s().vhi[i] = 0x0101_0101_0101_0101L * (i + 16);
        }
        rig.rig.run(100);
        boolean completed = rig.s().pc == rig.rig.codeEnd;
        if (!completed) {
            rig.assertException(0x25);
        }
        byte[] window = new byte[0x2000];
        rig.rig.ram().readBytes(D - 0x1000, window, 0, window.length);
        return new Result(completed, rig.esr(), rig.far(), rig.s().x.clone(), rig.s().vlo.clone(), rig.s().vhi.clone(),
                window);
    }
}
