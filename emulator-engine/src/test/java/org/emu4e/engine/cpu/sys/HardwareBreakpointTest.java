package org.emu4e.engine.cpu.sys;

import static org.emu4e.engine.cpu.sys.DebugRig.BCR_EL1_EL0;
import static org.emu4e.engine.cpu.sys.DebugRig.KDE;
import static org.emu4e.engine.cpu.sys.DebugRig.MDE;
import static org.emu4e.engine.cpu.sys.DebugRig.enable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emu4e.engine.cpu.a64.CpuExit;
import org.emu4e.engine.api.DebugHooks;
import org.junit.jupiter.api.Test;

/**
 * Guest hardware breakpoints (ARM ARM D2.9, {@code AArch64.BreakpointMatch()}): a Breakpoint
 * exception before the matched instruction executes, ELR = its address, EC 0x31 from EL1 /
 * 0x30 from EL0, enabled only with MDSCR_EL1.MDE, no OS lock, and (at EL1) KDE with PSTATE.D
 * clear.
 */
class HardwareBreakpointTest {
    /** Breakpoint 0 on label {@code target} in the middle of a block; x5 is set by the target. */
    private static String breakpointAtTarget(int mdscr, int bcr) {
        return enable(mdscr)
                + " adr x0, target\n msr dbgbvr0_el1, x0\n mov x1, #" + bcr + "\n msr dbgbcr0_el1, x1\n isb\n"
                + " movz x3, #1\n movz x4, #2\n target: movz x5, #3\n movz x6, #4\n";
    }

    @Test
    void breakpointInsideABlockIsTakenBeforeTheInstruction() {
        SysRig rig = DebugRig.el1(breakpointAtTarget(MDE | KDE, BCR_EL1_EL0)).runToVector();
        assertEquals(SysRig.VECTORS + 0x200, rig.s().pc);
        assertEquals(DebugRig.ESR_BKPT_SAME, rig.esr(1));
        assertEquals(rig.s().x[0], rig.cpu().sys().elr[1], "ELR = the breakpointed instruction");
        assertEquals(2, rig.s().x[4], "the instruction before it ran");
        assertEquals(0, rig.s().x[5], "the instruction itself did not");
        assertEquals(0x1C5L, rig.cpu().sys().spsr[1] & 0x3FF, "EL1h, PSTATE.D was clear");
        assertEquals(0xF, rig.s().daif, "exception entry masks D, A, I, F");
    }

    @Test
    void breakpointOnABranchTargetIsTakenAtBlockEntry() {
        String code = enable(MDE | KDE)
                + " adr x0, target\n msr dbgbvr0_el1, x0\n mov x1, #" + BCR_EL1_EL0 + "\n msr dbgbcr0_el1, x1\n isb\n"
                + " b target\n movz x4, #9\n target: movz x5, #3\n";
        SysRig rig = DebugRig.el1(code).runToVector();
        assertEquals(DebugRig.ESR_BKPT_SAME, rig.esr(1));
        assertEquals(rig.s().x[0], rig.cpu().sys().elr[1]);
        assertEquals(0, rig.s().x[5]);
    }

    @Test
    void noBreakpointWithoutMdeOrKdeOrWithPstateDOrTheOsLock() {
        for (String variant : new String[] {"mde", "kde", "d", "oslock", "bas0", "pmcEl0"}) {
            int mdscr = variant.equals("mde") ? KDE : variant.equals("kde") ? MDE : MDE | KDE;
            int bcr = variant.equals("bas0") ? BCR_EL1_EL0 & ~(0xF << 5) : variant.equals("pmcEl0") ? 1 | (2 << 1) | (0xF << 5) : BCR_EL1_EL0;
            String code = breakpointAtTarget(mdscr, bcr);
            if (variant.equals("d")) {
                code = code.replace("msr daifclr, #8", "msr daifset, #8");
            }
            if (variant.equals("oslock")) {
                code = code.replace("msr oslar_el1, xzr", "mov x27, #1\n msr oslar_el1, x27");
            }
            SysRig rig = DebugRig.el1(code);
            assertEquals(null, rig.run(), variant);
            assertEquals(3, rig.s().x[5], variant + ": ran through");
        }
    }

    @Test
    void breakpointAtEl0IsTakenToEl1WhateverKdeAndD() {
        // EL1 sets up a breakpoint on EL0 code and ERETs to it with D set; PMC = EL0 only.
        String code = "msr oslar_el1, xzr\n mov x28, #" + MDE + "\n msr mdscr_el1, x28\n"
                + " adr x0, el0target\n msr dbgbvr1_el1, x0\n mov x1, #" + (1 | (2 << 1) | (0xF << 5)) + "\n msr dbgbcr1_el1, x1\n"
                + " adr x2, el0code\n msr elr_el1, x2\n mov x2, #0x3c0\n msr spsr_el1, x2\n eret\n"
                + " el0code: movz x4, #2\n el0target: movz x5, #3\n";
        SysRig rig = DebugRig.el1(code).runToVector();
        assertEquals(SysRig.VECTORS + 0x400, rig.s().pc, "lower EL, AArch64, synchronous");
        assertEquals(DebugRig.ESR_BKPT_LOWER, rig.esr(1));
        assertEquals(rig.s().x[0], rig.cpu().sys().elr[1]);
        assertEquals(2, rig.s().x[4]);
        assertEquals(0, rig.s().x[5]);
    }

    @Test
    void linkedContextIdBreakpointMatchesOnlyWithTheRightContextidr() {
        for (int ctx : new int[] {0x42, 0x43}) {
            // Breakpoint 0: linked address match (BT 0b0001) to breakpoint 4, a linked context ID
            // match (BT 0b0011) on CONTEXTIDR_EL1 = 0x42.
            String code = enable(MDE | KDE)
                    + " mov x9, #" + ctx + "\n msr contextidr_el1, x9\n"
                    + " mov x9, #0x42\n msr dbgbvr4_el1, x9\n ldr x9, =" + (1 | (3 << 1) | (0xF << 5) | (3 << 20)) + "\n msr dbgbcr4_el1, x9\n"
                    + " adr x0, target\n msr dbgbvr0_el1, x0\n ldr x1, =" + (BCR_EL1_EL0 | (1 << 20) | (4 << 16)) + "\n msr dbgbcr0_el1, x1\n isb\n"
                    + " movz x4, #2\n target: movz x5, #3\n";
            SysRig rig = DebugRig.el1(code);
            if (ctx == 0x42) {
                rig.runToVector();
                assertEquals(DebugRig.ESR_BKPT_SAME, rig.esr(1));
                assertEquals(rig.s().x[0], rig.cpu().sys().elr[1]);
            } else {
                assertEquals(null, rig.run());
                assertEquals(3, rig.s().x[5]);
            }
        }
    }

    @Test
    void unlinkedContextIdBreakpointFiresOnTheFirstInstructionInThatContext() {
        // Breakpoint 5 (context-aware), BT 0b0010: any instruction while CONTEXTIDR_EL1 = 7.
        String code = enable(MDE | KDE)
                + " mov x9, #7\n msr dbgbvr5_el1, x9\n ldr x10, =" + (BCR_EL1_EL0 | (2 << 20)) + "\n msr dbgbcr5_el1, x10\n isb\n"
                + " movz x4, #2\n msr contextidr_el1, x9\n isb\n here: movz x5, #3\n";
        SysRig rig = DebugRig.el1(code).runToVector();
        assertEquals(DebugRig.ESR_BKPT_SAME, rig.esr(1));
        assertEquals(2, rig.s().x[4], "no match before CONTEXTIDR_EL1 was written");
        assertEquals(0, rig.s().x[5]);
        // The write is guaranteed to take effect after the ISB (context synchronization); emu4e
        // applies it at once, so the ISB itself is the first instruction that matches.
        assertEquals(rig.codeEnd - 8, rig.cpu().sys().elr[1], "the ISB after the write");
    }

    @Test
    void contextTypesOnANonContextAwareBreakpointNeverMatch() {
        String code = enable(MDE | KDE)
                + " mov x9, #0\n msr dbgbvr0_el1, x9\n ldr x9, =" + (BCR_EL1_EL0 | (2 << 20)) + "\n msr dbgbcr0_el1, x9\n isb\n"
                + " movz x5, #3\n";
        SysRig rig = DebugRig.el1(code);
        assertEquals(null, rig.run());
        assertEquals(3, rig.s().x[5]);
    }

    @Test
    void debuggerBreakpointStopsFirstAndTheGuestBreakpointFollowsOnResume() {
        SysRig rig = DebugRig.el1(breakpointAtTarget(MDE | KDE, BCR_EL1_EL0));
        long[] gdbPc = {-1};
        rig.cpu().debug = new DebugHooks() {
            @Override public boolean breakpointAt(long pc) { return pc == gdbPc[0]; }
            @Override public boolean anyBreakpointIn(long from, long to) {
                return Long.compareUnsigned(gdbPc[0], from) >= 0 && Long.compareUnsigned(gdbPc[0], to) < 0;
            }
            @Override public long watchpointHit(long va, int size, boolean write) { return -1; }
            @Override public boolean hasWatchpoints() { return false; }
        };
        // Find "target" (x0) first, then put the debugger's breakpoint on it and on the instruction before.
        rig.run(10); // through the set-up, to the block that holds the target
        long target = rig.s().x[0];
        assertTrue(target != 0);
        gdbPc[0] = target - 4;
        assertEquals(CpuExit.BREAKPOINT, rig.cpu().run(100));
        assertEquals(target - 4, rig.s().pc, "the debugger stops at its breakpoint");
        gdbPc[0] = target;
        assertEquals(CpuExit.BREAKPOINT, rig.cpu().run(100), "the debugger's breakpoint on the guest's comes first");
        assertEquals(target, rig.s().pc);
        assertEquals(0, rig.s().x[5]);
        rig.cpu().skipBreakpointOnce = true;
        rig.cpu().run(1);
        assertEquals(SysRig.VECTORS + 0x200, rig.s().pc, "then the guest's Breakpoint exception");
        assertEquals(DebugRig.ESR_BKPT_SAME, rig.esr(1));
        assertEquals(target, rig.cpu().sys().elr[1]);
    }

    /** MDCR_EL2.TDE routes debug exceptions from EL1 to EL2 ({@code DebugTarget()}); no KDE needed. */
    @Test
    void mdcrEl2TdeRoutesEl1BreakpointsToEl2() {
        SysRig rig = new SysRig(2);
        rig.load("ldr x0, =" + SysRig.VECTORS + "\n msr vbar_el2, x0\n mov x0, #(1 << 31)\n msr hcr_el2, x0\n"
                + " mov x0, #(1 << 8)\n msr mdcr_el2, x0\n"
                + " msr oslar_el1, xzr\n mov x0, #" + MDE + "\n msr mdscr_el1, x0\n"
                + " adr x0, target\n msr dbgbvr0_el1, x0\n mov x1, #" + BCR_EL1_EL0 + "\n msr dbgbcr0_el1, x1\n"
                + " adr x1, el1\n msr elr_el2, x1\n mov x2, #0x3c5\n msr spsr_el2, x2\n eret\n"
                + " el1: movz x4, #2\n target: movz x5, #3\n");
        rig.runToVector();
        assertEquals(SysRig.VECTORS + 0x400, rig.s().pc, "EL2's lower-EL vector");
        assertEquals(2, rig.s().el);
        assertEquals(DebugRig.ESR_BKPT_LOWER, rig.esr(2));
        assertEquals(rig.s().x[0], rig.cpu().sys().elr[2]);
        assertEquals(2, rig.s().x[4]);
        assertEquals(0, rig.s().x[5]);
    }
}
