package org.emu4e.engine.cpu.a64.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emu4e.engine.testing.CpuRig;
import org.junit.jupiter.api.Test;

/**
 * Exclusives and acquire/release in translated blocks give the interpreter's state: the local
 * monitor is cleared by CLREX, by ERET and by taking an exception (B2.9.2), so the following
 * store-exclusive fails; faults inside them are precise.
 */
class ExclusiveTranslatedTest {
    private final ModeDiff diff = new ModeDiff();

    @Test
    void storeExclusiveFailsAfterClrexEretAndAnException() {
        diff.run("""
                    ldr x0, =0x40800000
                    mov x1, #7
                    str x1, [x0]
                    ldxr x2, [x0]
                    clrex
                    stxr w3, x2, [x0]
                    ldaxr x4, [x0]
                    adr x5, 1f
                    msr elr_el1, x5
                    mov x6, #0x3c5
                    msr spsr_el1, x6
                    eret
                1:  stlxr w7, x4, [x0]
                    adr x8, vectors
                    msr vbar_el1, x8
                    isb
                    ldxr x9, [x0]
                    svc #0
                    stxr w10, x9, [x0]
                    ldxr x11, [x0]
                    add x11, x11, #1
                    stxr w12, x11, [x0]
                    b 9f
                    .balign 2048
                vectors:
                    .skip 0x200
                    eret
                9:
                """);
        assertEquals(1, diff.jit.s().x[3], "CLREX cleared the monitor");
        assertEquals(1, diff.jit.s().x[7], "ERET cleared the monitor");
        assertEquals(1, diff.jit.s().x[10], "the exception cleared the monitor");
        assertEquals(0, diff.jit.s().x[12], "nothing in between: the store-exclusive succeeds");
        assertEquals(8, diff.jit.ram().read(CpuRig.DATA, 8));
        assertTrue(diff.translatedSome);
    }

    @Test
    void everySizeAndPairInALoop() {
        diff.run("""
                    ldr x0, =0x40800000
                    mov x20, #200
                1:  ldxrb w1, [x0]
                    add w1, w1, #3
                    stxrb w2, w1, [x0]
                    ldaxrh w3, [x0, #0]
                    add w3, w3, #5
                    stlxrh w4, w3, [x0]
                    add x9, x0, #8
                    ldxr w5, [x9]
                    add w5, w5, w20
                    stlxr w6, w5, [x9]
                    add x10, x0, #16
                    ldaxp x7, x8, [x10]
                    add x7, x7, #1
                    sub x8, x8, x7
                    stxp w11, x7, x8, [x10]
                    add x12, x0, #32
                    ldxp w13, w14, [x12]
                    add w13, w13, #2
                    add w14, w14, w13
                    stlxp w15, w13, w14, [x12]
                    add x16, x0, #40
                    ldar x17, [x16]
                    add x17, x17, x20
                    stlr x17, [x16]
                    ldarb w18, [x0]
                    add x19, x0, #48
                    stlrh w18, [x19]
                    add w21, w21, w2
                    add w21, w21, w4
                    add w21, w21, w6
                    add w21, w21, w11
                    add w21, w21, w15
                    ldxr x22, [x0]
                    stxr w23, x22, [x16]
                    subs x20, x20, #1
                    b.ne 1b
                """);
        assertEquals(0, diff.jit.s().x[21], "every matched store-exclusive succeeded");
        assertEquals(1, diff.jit.s().x[23], "a store-exclusive to another address fails");
        assertTrue(diff.translatedSome);
    }

    @Test
    void aMisalignedExclusiveInATranslatedBlockFaultsPrecisely() {
        // the exception vector is the end of the program (no literal pool), where the run stops
        diff.run("""
                    adr x8, vectors
                    msr vbar_el1, x8
                    isb
                    mov x1, #0x40800000
                    mov x2, #3
                1:  add x3, x3, #1
                    add x4, x4, x3
                    sub x2, x2, #1
                    ldaxr x5, [x1]
                    add x5, x5, #1
                    stlxr w6, x5, [x1]
                    add x7, x7, #7
                    cbz x2, 2f
                    b 1b
                2:  add x1, x1, #4
                    b 1b
                    .balign 2048
                vectors:
                    .skip 0x200
                """);
        assertEquals(0x9600_0021L, diff.jit.cpu().sys().esr[1], "alignment fault of a load");
        assertEquals(0x4080_0004L, diff.jit.cpu().sys().far[1]);
        assertEquals(3, diff.jit.s().x[5]);
    }

    @Test
    void spAsBaseAndTheZeroRegisterAsStatus() {
        diff.run("""
                    ldr x0, =0x40801000
                    mov sp, x0
                    mov x1, #40
                1:  ldxr x2, [sp]
                    add x2, x2, x1
                    stxr w3, x2, [sp]
                    ldxr w4, [sp]
                    stxr wzr, w4, [sp]
                    ldar x5, [sp]
                    stlr x5, [sp]
                    subs x1, x1, #1
                    b.ne 1b
                """);
        assertEquals(820, diff.jit.ram().read(CpuRig.DATA + 0x1000, 8));
    }
}
