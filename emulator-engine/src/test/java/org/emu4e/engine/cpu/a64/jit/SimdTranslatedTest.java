package org.emu4e.engine.cpu.a64.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emu4e.engine.testing.CpuRig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIMD&FP loads, stores and data processing in translated blocks (loops, so the data TLB fast
 * paths run after the first fill) give the interpreter's state: X, V, NZCV, FPSR, memory;
 * the SIMD&FP trap and faults inside such blocks are precise.
 */
class SimdTranslatedTest {
    private final ModeDiff diff = new ModeDiff();

    private static final String FP_ON = """
                    mov x9, #(3 << 20)
                    msr cpacr_el1, x9
                    isb
            """;

    @Test
    void loadsAndStoresOfEverySizeAndMode() {
        diff.run(FP_ON + """
                    ldr x1, =0x40800000
                    mov x2, #0
                    ldr x3, =0x8899aabbccddeeff
                    fmov d0, x3
                    mov v0.d[1], x2
                1:  str q0, [x1, #32]
                    str d0, [x1, #64]
                    str s0, [x1, #72]
                    str h0, [x1, #76]
                    str b0, [x1, #78]
                    ldr q1, [x1, #32]
                    ldr d2, [x1, #64]
                    ldr s3, [x1, #72]
                    ldr h4, [x1, #76]
                    ldr b5, [x1, #78]
                    ldur q6, [x1, #40]
                    stur d2, [x1, #81]
                    ldr q7, [x1, x2, lsl #4]
                    str s3, [x1, w2, uxtw #2]
                    ldr b8, [x1, x2]
                    stp q1, q6, [x1, #128]!
                    ldp q9, q10, [x1], #-128
                    stp d2, d3, [x1, #240]
                    ldp s11, s12, [x1, #244]
                    stnp d4, d5, [x1, #272]
                    ldnp d13, d14, [x1, #264]
                    str q7, [x1, #16]!
                    ldr q15, [x1], #-16
                    ldr q16, 2f
                    ldr d17, 2f
                    ldr s18, 2f
                    add v0.2d, v0.2d, v1.2d
                    ext v0.16b, v0.16b, v0.16b, #3
                    add x2, x2, #1
                    cmp x2, #100
                    b.lo 1b
                    b 3f
                    .balign 16
                2:  .quad 0x0123456789abcdef, 0x1122334455667788
                3:  nop
                """);
        assertTrue(diff.translatedSome);
        assertEquals(0x0123456789abcdefL, diff.jit.s().vlo[17]);
    }

    @Test
    void memcpyAndMemsetIdioms() {
        // what compilers emit for struct copies, memset and byte counting
        diff.run(FP_ON + """
                    ldr x1, =0x40800000
                    add x4, x1, #0x800
                    movi v0.16b, #0x5a
                    mov x2, #0
                1:  stp q0, q0, [x1, #0]
                    stp q0, q0, [x1, #32]
                    ldp q1, q2, [x1, #16]
                    stp q1, q2, [x4, #64]
                    ldr q3, [x4, #64]
                    cnt v4.16b, v3.16b
                    addv b5, v4.16b
                    umov w6, v5.b[0]
                    add x7, x7, x6
                    dup v6.4s, w2
                    ins v6.s[1], w7
                    orr v0.16b, v0.16b, v6.16b
                    and v1.16b, v0.16b, v3.16b
                    eor v2.16b, v1.16b, v2.16b
                    bic v2.8h, #0x12
                    cmeq v7.16b, v2.16b, #0
                    sub v0.4s, v0.4s, v7.4s
                    umov x8, v0.d[1]
                    eor x9, x9, x8
                    add x2, x2, #1
                    cmp x2, #64
                    b.lo 1b
                """);
        assertTrue(diff.translatedSome);
    }

    @Test
    void scalarFloatingPointAndConversions() {
        diff.run(FP_ON + """
                    mov x2, #1
                    fmov d0, #1.0
                    fmov s10, #0.5
                1:  scvtf d1, x2
                    ucvtf s11, w2
                    fadd d0, d0, d1
                    fmul d2, d0, d1
                    fdiv d3, d2, d0
                    fsub d4, d3, d1
                    fmadd d5, d4, d1, d0
                    fnmsub s12, s11, s10, s11
                    fsqrt d6, d5
                    fcmp d6, d1
                    fcsel d7, d6, d1, gt
                    fccmp d7, d2, #4, le
                    cset x3, eq
                    add x10, x10, x3
                    fcvtzs x4, d7
                    fcvtzu w5, s12
                    fcvt s13, d5
                    fmov x6, d6
                    fmov w7, s13
                    add x11, x11, x4
                    add x11, x11, x5
                    eor x12, x12, x6
                    add x12, x12, x7
                    add x2, x2, #1
                    cmp x2, #200
                    b.lo 1b
                    mrs x13, fpsr
                """);
        assertTrue(diff.translatedSome);
    }

    /** Each shape of translated SIMD&FP code: load/store fast path, inline, handler call. */
    @ParameterizedTest
    @ValueSource(strings = {"ldr q0, [x1]", "fmov d1, x4", "orr v2.16b, v3.16b, v4.16b", "fadd d0, d1, d2",
        "umov x6, v1.d[0]", "fcmp d1, d2"})
    void aTrappedSimdInstructionInsideATranslatedBlockIsPrecise(String trapped) {
        // SIMD&FP disabled (CPACR_EL1.FPEN = 0): the instruction traps at its own PC; the vector is
        // the end of the program (no literal pool), where the run stops
        diff.run("""
                    adr x8, vectors
                    msr vbar_el1, x8
                    msr cpacr_el1, xzr
                    isb
                    mov x1, #0x40800000
                    mov x2, #5
                1:  add x3, x3, #1
                    subs x2, x2, #1
                    b.ne 1b
                    add x4, x4, #2
                    TRAPPED
                    add x5, x5, #3
                    b 1b
                    .balign 2048
                vectors:
                    .skip 0x200
                """.replace("TRAPPED", trapped));
        assertEquals(0x07L, diff.jit.cpu().sys().esr[1] >>> 26, "EC: SIMD&FP access trap");
        assertEquals(2, diff.jit.s().x[4]);
        assertEquals(0, diff.jit.s().x[5]);
    }

    @Test
    void anUnmappedSimdLoadFaultsPrecisely() {
        diff.run(FP_ON + """
                    adr x8, vectors
                    msr vbar_el1, x8
                    isb
                    mov x1, #0x40800000
                    mov x2, #3
                1:  add x3, x3, #1
                    ldp q1, q2, [x1]
                    fadd v3.4s, v1.4s, v2.4s
                    sub x2, x2, #1
                    cbnz x2, 1b
                    mov x1, #0x7f000000
                    mov x2, #1
                    b 1b
                    .balign 2048
                vectors:
                    .skip 0x200
                """);
        assertEquals(CpuRig.RAM_BASE >>> 40, 0);
        assertEquals(0x25L, diff.jit.cpu().sys().esr[1] >>> 26, "EC: data abort, same EL");
        assertEquals(0x7f00_0000L, diff.jit.cpu().sys().far[1]);
    }
}
