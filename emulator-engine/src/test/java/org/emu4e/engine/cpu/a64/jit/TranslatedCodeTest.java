package org.emu4e.engine.cpu.a64.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emu4e.engine.cpu.a64.CpuExit;
import org.emu4e.engine.testing.CpuRig;
import org.junit.jupiter.api.Test;

/**
 * Programs that exercise translated code (register locals, flags, memory fast and slow paths,
 * block exits) give the same architectural state as the interpreter.
 */
class TranslatedCodeTest {
    private final ModeDiff diff = new ModeDiff();

    @Test
    void arithmeticLoopWithFlags() {
        diff.run("""
                    mov x0, #0
                    mov x1, #1000
                    movk x1, #0x1234, lsl #16
                    mov w5, #-7
                1:  add x0, x0, #3
                    eor x2, x0, x1, ror #7
                    adds w3, w2, w5
                    csinc x4, x4, x3, lo
                    orr x6, xzr, x2, lsl #3
                    ubfx x7, x6, #5, #9
                    sbfiz x8, x2, #3, #12
                    bfi x9, x0, #17, #5
                    extr x10, x0, x2, #13
                    madd x11, x2, x3, x11
                    udiv x12, x11, x1
                    sdiv w13, w11, w5
                    clz x14, x2
                    rev w15, w2
                    lsr x16, x2, x3
                    ccmp x2, #5, #4, ne
                    cset x17, gt
                    subs x1, x1, #1
                    b.ne 1b
                """);
        assertTrue(diff.translatedSome);
    }

    @Test
    void loadsAndStoresOfEverySize() {
        diff.run("""
                    ldr x1, =0x40800000
                    mov x2, #0
                    ldr x3, =0x8899aabbccddeeff
                1:  str x3, [x1, x2, lsl #3]
                    strb w3, [x1, #1024]
                    strh w3, [x1, #1026]
                    str w3, [x1, #1028]
                    ldrsb x4, [x1, #1024]
                    ldrsh w5, [x1, #1026]
                    ldrsw x6, [x1, #1028]
                    ldrb w7, [x1, #1025]
                    ldur x8, [x1, #253]
                    stp x3, x4, [x1, #496]!
                    ldp x9, x10, [x1], #-496
                    stp w5, w6, [x1, #248]
                    ldpsw x11, x12, [x1, #248]
                    add x3, x3, x2
                    ror x3, x3, #3
                    add x2, x2, #1
                    cmp x2, #300
                    b.lo 1b
                """);
        assertTrue(diff.translatedSome);
    }

    /** Rows of other groups with the same name shapes (MSR_reg, LDST_single_post, LDR_lit_fp) use their handlers. */
    @Test
    void rowsWithoutEmitterKeepTheirOwnSemantics() {
        diff.run("""
                    mov x9, #(3 << 20)
                    msr cpacr_el1, x9
                    isb
                    ldr x1, =0x40800000
                    ldr x3, =0x1122334455667788
                    mov x6, #4
                1:  str x3, [x1]
                    str x6, [x1, #8]
                    ldr q0, [x1], #16
                    ld1 {v1.16b}, [x1], #16
                    ldr d2, 2f
                    fmov x5, d0
                    umov x7, v1.d[1]
                    fmov x8, d2
                    sub x1, x1, #32
                    msr tpidr_el0, x3
                    mrs x4, tpidr_el0
                    add x3, x3, x4, lsr #3
                    subs x6, x6, #1
                    b.ne 1b
                    b 3f
                2:  .quad 0x0123456789abcdef
                3:  nop
                """);
        assertTrue(diff.translatedSome);
        assertEquals(0x0123456789abcdefL, diff.jit.s().x[8]);
    }

    @Test
    void callsAndStackFrames() {
        diff.run("""
                    ldr x0, =0x40802000
                    mov sp, x0
                    mov x0, #20
                    bl fib
                    b end
                fib: stp x29, x30, [sp, #-32]!
                    mov x29, sp
                    str x19, [sp, #16]
                    mov x19, x0
                    cmp x0, #2
                    b.lo 2f
                    sub x0, x19, #1
                    bl fib
                    mov x1, x0
                    sub x0, x19, #2
                    str x1, [sp, #24]
                    bl fib
                    ldr x1, [sp, #24]
                    add x0, x0, x1
                2:  ldr x19, [sp, #16]
                    ldp x29, x30, [sp], #32
                    ret
                end: nop
                """);
        assertEquals(6765, diff.jit.s().x[0]);
    }

    @Test
    void aFaultInsideATranslatedBlockIsPrecise() {
        // the unmapped load is the 4th instruction of a block that has run (translated) before
        diff.interp.cpu().sys().vbar[1] = CpuRig.RAM_BASE + 0x2_0000;
        diff.jit.cpu().sys().vbar[1] = CpuRig.RAM_BASE + 0x2_0000;
        diff.run("""
                    ldr x1, =0x40800000
                    mov x2, #3
                1:  add x3, x3, #1
                    add x4, x4, x3
                    sub x2, x2, #1
                    ldr x5, [x1]
                    add x6, x6, #7
                    cbz x2, 2f
                    b 1b
                2:  ldr x1, =0x7f000000
                    b 1b
                """);
    }

    @Test
    void aBlockThatOverwritesItsOwnNextInstructionStopsAfterTheStore() {
        diff.run("""
                    adr x1, 1f
                    ldr w2, 3f
                    mov x4, #2
                0:  mov x0, #0
                    str w2, [x1]
                1:  mov x0, #1
                    sub x4, x4, #1
                    cbnz x4, 0b
                    b 4f
                3:  mov x0, #2
                4:  nop
                """);
        assertEquals(2, diff.jit.s().x[0]);
    }

    /**
     * A loop that is a single block stays in translated code across iterations; budgets that
     * end anywhere, and the exit, give the interpreter's state after every run.
     */
    @Test
    void aSingleBlockLoopKeepsExactBudgets() {
        String loop = """
                    ldr x1, =0x40800000
                    mov x2, #2000
                1:  ldr x3, [x1, x2, lsl #3]
                    add x3, x3, x2
                    str x3, [x1, x2, lsl #3]
                    adds x4, x4, x3
                    subs x2, x2, #1
                    b.ne 1b
                    wfi
                """;
        for (long budget : new long[] {1, 5, 6, 7, 97, 1000, 100_000}) {
            ModeDiff d = new ModeDiff();
            d.interp.load(loop);
            d.jit.load(loop);
            CpuExit a;
            CpuExit b;
            do {
                a = d.interp.cpu().run(budget);
                b = d.jit.cpu().run(budget);
                assertEquals(a, b, "exit, budget " + budget);
                d.assertSame();
            } while (a == CpuExit.BUDGET);
            assertEquals(CpuExit.WFI, b);
        }
    }

    @Test
    void anExitRequestLeavesATranslatedLoop() {
        CpuRig rig = new CpuRig(ModeDiff.JIT);
        rig.load("1: add x0, x0, #1\n b 1b\n");
        assertEquals(CpuExit.BUDGET, rig.cpu().run(1000));
        rig.cpu().exitRequest = true;
        assertEquals(CpuExit.EXIT_REQUEST, rig.cpu().run(1000));
        rig.cpu().exitRequest = false;
        assertEquals(CpuExit.BUDGET, rig.cpu().run(1000));
        assertEquals(1000, rig.s().x[0]);
        assertEquals(2000, rig.cpu().instructions);
    }
}
