package org.emu4e.engine.cpu.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emu4e.engine.cpu.a64.GuestException;
import org.junit.jupiter.api.Test;

/**
 * The Performance Monitors (ARM ARM D7, PMUv3 of ARMv8.0 as on Cortex-A53) through MRS/MSR:
 * identification, the cycle counter at one cycle per retired instruction, each implemented
 * event, chained pairs, overflow flags and the interrupt output, EL filtering.
 */
class PmuTest {
    private static final String ENABLE_ALL = """
            ldr x20, =0x8000003f
            msr pmcntenset_el0, x20
            mov x20, #7
            msr pmcr_el0, x20
            """; // E, P (event counters to 0), C (cycle counter to 0)

    private static SysRig el1(String code) {
        SysRig rig = new SysRig().load(code);
        rig.cpu().sys().vbar[1] = SysRig.VECTORS;
        return rig;
    }

    private static String nops(int n) {
        return " nop\n".repeat(n);
    }

    @Test
    void identifiesCortexA53PmuAndItsEvents() {
        SysRig rig = el1("""
                mrs x0, pmcr_el0
                mrs x1, pmceid0_el0
                mrs x2, pmceid1_el0
                mrs x3, id_aa64dfr0_el1
                mrs x4, pmcntenset_el0
                mrs x5, pmuserenr_el0
                """);
        assertEquals(null, rig.run());
        assertEquals(0x4103_3000L, rig.s().x[0], "IMP 0x41, IDCODE 0x03, N 6, disabled");
        // SW_INCR 0x00, INST_RETIRED 0x08, EXC_TAKEN 0x09, PC_WRITE_RETIRED 0x0C, CPU_CYCLES 0x11, MEM_ACCESS 0x13,
        // CHAIN 0x1E
        assertEquals(1L | 1L << 8 | 1L << 9 | 1L << 12 | 1L << 17 | 1L << 19 | 1L << 30, rig.s().x[1]);
        assertEquals(1L << 1, rig.s().x[2], "BR_RETIRED 0x21");
        assertEquals(1, (rig.s().x[3] >>> 8) & 0xF, "ID_AA64DFR0_EL1.PMUVer = PMUv3");
        assertEquals(0, rig.s().x[4]);
        assertEquals(0, rig.s().x[5]);
    }

    @Test
    void pmcrKeepsItsControlBitsAndPAndCReadAsZero() {
        SysRig rig = el1("""
                ldr x1, =0xffffffff
                msr pmcr_el0, x1
                mrs x0, pmcr_el0
                msr pmcr_el0, xzr
                """);
        assertEquals(null, rig.run());
        assertEquals(0x4103_3000L | 0x79, rig.s().x[0], "E, D, X, DP, LC stored; P, C write-only");
    }

    @Test
    void cycleCounterAdvancesOnePerRetiredInstruction() {
        // The MSR that enables counting counts (it runs under the new setting); the MRS reading does not.
        SysRig rig = el1(ENABLE_ALL + nops(20) + " mrs x0, pmccntr_el0\n" + nops(5) + " mrs x1, pmccntr_el0");
        assertEquals(null, rig.run());
        assertEquals(21, rig.s().x[0]);
        assertEquals(21 + 1 + 5, rig.s().x[1]);
    }

    @Test
    void cycleCounterStopsWhenDisabledAndDividesBy64WithD() {
        SysRig rig = el1(ENABLE_ALL + nops(10) + """
                 msr pmcr_el0, xzr
                 mrs x0, pmccntr_el0
                """ + nops(30) + """
                 mrs x1, pmccntr_el0
                 mov x20, #(1 | 4 | 8)
                 msr pmcr_el0, x20
                """ + nops(200) + " mrs x2, pmccntr_el0");
        assertEquals(null, rig.run());
        assertEquals(11, rig.s().x[0], "the disabling MSR is not counted");
        assertEquals(11, rig.s().x[1], "no counting while PMCR_EL0.E = 0");
        assertEquals(201 / 64, rig.s().x[2], "PMCR_EL0.D: one count per 64 cycles");
    }

    @Test
    void eventCountersCountTheirEvents() {
        SysRig rig = el1("""
                mov x1, #0x08
                msr pmevtyper0_el0, x1
                mov x1, #0x11
                msr pmevtyper1_el0, x1
                mov x1, #0x13
                msr pmevtyper2_el0, x1
                mov x1, #0x21
                msr pmevtyper3_el0, x1
                mov x1, #0x09
                msr pmevtyper4_el0, x1
                msr pmevtyper5_el0, xzr
                mov x1, #0x0c
                msr pmevtyper1_el0, x1
                ldr x9, =0x40800000
                """ + ENABLE_ALL + """
                 mov x2, #10
                1: ldr x3, [x9]
                 str x3, [x9, #8]
                 subs x2, x2, #1
                 b.ne 1b
                 svc #0
                 mov x1, #0x21
                 msr pmswinc_el0, x1
                 msr pmcr_el0, xzr
                 mrs x10, pmevcntr0_el0
                 mrs x11, pmevcntr1_el0
                 mrs x12, pmevcntr2_el0
                 mrs x13, pmevcntr3_el0
                 mrs x14, pmevcntr4_el0
                 mrs x15, pmevcntr5_el0
                 mrs x16, pmccntr_el0
                """);
        rig.place(SysRig.VECTORS + 0x200, "eret"); // SVC: back to the next instruction
        assertEquals(null, rig.run());
        // Counted: msr pmcr (1), mov (1), 10 x 4 loop instructions, svc, eret, mov, msr pmswinc = 46.
        assertEquals(46, rig.s().x[10], "INST_RETIRED");
        assertEquals(9, rig.s().x[11], "PC_WRITE_RETIRED: the 9 taken B.NE (the SVC and ERET are not branches)");
        assertEquals(20, rig.s().x[12], "MEM_ACCESS: 10 loads, 10 stores");
        assertEquals(10, rig.s().x[13], "BR_RETIRED: 10 B.NE (9 taken, 1 not)");
        assertEquals(1, rig.s().x[14], "EXC_TAKEN: the SVC");
        assertEquals(1, rig.s().x[15], "SW_INCR: bit 5 of PMSWINC (bit 0's counter counts another event)");
        assertEquals(46, rig.s().x[16], "PMCCNTR");
    }

    @Test
    void faultingInstructionIsNotRetiredButTheExceptionIsTaken() {
        SysRig rig = el1("""
                mov x1, #0x08
                msr pmevtyper0_el0, x1
                mov x1, #0x09
                msr pmevtyper1_el0, x1
                """ + ENABLE_ALL + """
                 mov x2, #1
                 ldr x3, [x2]
                 msr pmcr_el0, xzr
                 mrs x10, pmevcntr0_el0
                 mrs x11, pmevcntr1_el0
                 mrs x12, pmccntr_el0
                """);
        // Data abort (MMU off, unaligned Device access) -> vector 0x200: skip the load.
        rig.place(SysRig.VECTORS + 0x200, "mrs x4, elr_el1\n add x4, x4, #4\n msr elr_el1, x4\n eret");
        assertEquals(null, rig.run());
        // msr pmcr, mov, [ldr faults], mrs, add, msr, eret = 6 retired, 7 cycles.
        assertEquals(6, rig.s().x[10], "INST_RETIRED leaves out the load that aborted");
        assertEquals(1, rig.s().x[11], "EXC_TAKEN");
        assertEquals(7, rig.s().x[12], "the aborted load still took a cycle");
    }

    @Test
    void chainedPairCountsOverflowsOfTheEvenCounter() {
        SysRig rig = el1("""
                mov x1, #0x11
                msr pmevtyper2_el0, x1
                mov x1, #0x1e
                msr pmevtyper3_el0, x1
                mov x20, #0xc
                msr pmcntenset_el0, x20
                ldr x1, =0xfffffff0
                msr pmevcntr2_el0, x1
                ldr x1, =0xffffffff
                msr pmevcntr3_el0, x1
                mov x20, #1
                msr pmcr_el0, x20
                """ + nops(19) + """
                 msr pmcr_el0, xzr
                 mrs x10, pmevcntr2_el0
                 mrs x11, pmevcntr3_el0
                 mrs x12, pmovsclr_el0
                """);
        assertEquals(null, rig.run());
        assertEquals(4, rig.s().x[10], "0xfffffff0 + 20 wraps to 4");
        assertEquals(0, rig.s().x[11], "the odd counter took the carry and wrapped too");
        assertEquals(0b1100, rig.s().x[12], "both overflow flags set");
    }

    @Test
    void overflowRaisesTheInterruptWhileEnabledAndFlagged() {
        SysRig rig = el1("""
                mov x20, #(1 << 31)
                msr pmintenset_el1, x20
                msr pmcntenset_el0, x20
                ldr x1, =0xfffffff8
                msr pmccntr_el0, x1
                mov x20, #1
                msr pmcr_el0, x20
                """ + nops(10) + """
                 mrs x10, pmovsset_el0
                 mrs x11, pmccntr_el0
                """);
        assertEquals(null, rig.run());
        assertEquals(1L << 31, rig.s().x[10], "PMOVS.C");
        assertEquals(0x1_0000_0004L, rig.s().x[11],
                "a 64-bit counter (+12: the MRS of PMOVSSET counts); overflow at the carry out of bit 31 (LC = 0)");
        assertTrue(rig.pmuIrq, "PMINTEN.C and PMOVS.C with PMCR_EL0.E");

        rig.load("mov x20, #(1 << 31)\n msr pmovsclr_el0, x20");
        assertEquals(null, rig.run());
        assertFalse(rig.pmuIrq, "cleared overflow: interrupt drops");

        rig.load("mov x20, #(1 << 31)\n msr pmovsset_el0, x20\n msr pmcr_el0, xzr");
        rig.run(2);
        assertTrue(rig.pmuIrq, "PMOVSSET raises it");
        assertEquals(null, rig.run());
        assertFalse(rig.pmuIrq, "PMCR_EL0.E = 0 masks it");
    }

    @Test
    void longCycleCounterOverflowsOnlyAtBit63() {
        SysRig rig = el1("""
                mov x20, #(1 << 31)
                msr pmcntenset_el0, x20
                ldr x1, =0xfffffff8
                msr pmccntr_el0, x1
                mov x20, #(1 | 64)
                msr pmcr_el0, x20
                """ + nops(10) + """
                 mrs x10, pmovsset_el0
                """);
        assertEquals(null, rig.run());
        assertEquals(0, rig.s().x[10], "PMCR_EL0.LC: no overflow at bit 31");
    }

    @Test
    void filterBitsSelectTheExceptionLevels() {
        // PMCCFILTR.U = 1 (not EL0), counter 0 with P = 1 (not EL1): 20 EL0 instructions run in between.
        SysRig rig = el1("""
                mov x1, #(1 << 30)
                msr pmccfiltr_el0, x1
                ldr x1, =(1 << 31 | 0x11)
                msr pmevtyper0_el0, x1
                adr x21, back
                adr x1, el0code
                msr elr_el1, x1
                msr spsr_el1, xzr
                """ + ENABLE_ALL + """
                 eret
                el0code:
                """ + nops(20) + """
                 svc #0
                back:
                 msr pmcr_el0, xzr
                 mrs x10, pmccntr_el0
                 mrs x11, pmevcntr0_el0
                """);
        rig.place(SysRig.VECTORS + 0x400, "msr elr_el1, x21\n mov x1, #0x3c5\n msr spsr_el1, x1\n eret");
        assertEquals(null, rig.run());
        // EL1: msr pmcr, eret, then the handler's 4 and nothing after back: = 6. EL0: 20 nops + svc = 21.
        assertEquals(6, rig.s().x[10], "cycle counter at EL1 only");
        assertEquals(21, rig.s().x[11], "counter 0 at EL0 only");
    }

    @Test
    void selectedCounterThroughPmxevRegisters() {
        SysRig rig = el1("""
                mov x1, #4
                msr pmselr_el0, x1
                mov x1, #0x13
                msr pmxevtyper_el0, x1
                mov x1, #1234
                msr pmxevcntr_el0, x1
                mrs x10, pmevtyper4_el0
                mrs x11, pmevcntr4_el0
                mov x1, #31
                msr pmselr_el0, x1
                mov x1, #(1 << 31)
                msr pmxevtyper_el0, x1
                mrs x12, pmccfiltr_el0
                mov x1, #6
                msr pmselr_el0, x1
                mrs x13, pmxevcntr_el0
                """);
        assertEquals(null, rig.run());
        assertEquals(0x13, rig.s().x[10]);
        assertEquals(1234, rig.s().x[11]);
        assertEquals(1L << 31, rig.s().x[12], "SEL = 31 is PMCCFILTR_EL0");
        assertEquals(0, rig.s().x[13], "no counter 6: reads as zero");
    }

    @Test
    void countersBeyondNAreUndefined() {
        SysRig rig = el1("mrs x0, pmevcntr6_el0");
        rig.cpu().run(1);
        assertEquals(GuestException.EC_UNKNOWN, rig.ec(1));
        rig = el1("mrs x0, pmswinc_el0");
        rig.cpu().run(1);
        assertEquals(GuestException.EC_UNKNOWN, rig.ec(1), "PMSWINC_EL0 is write-only");
    }
}
