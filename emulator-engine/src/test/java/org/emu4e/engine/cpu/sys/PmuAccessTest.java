package org.emu4e.engine.cpu.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.emu4e.engine.cpu.a64.GuestException;
import org.junit.jupiter.api.Test;

/**
 * Who may access the Performance Monitors registers (ARM ARM D7 and each register's MRS/MSR
 * pseudocode): PMUSERENR_EL0 EN/SW/CR/ER at EL0, MDCR_EL2.TPM/TPMCR, MDCR_EL3.TPM,
 * MDCR_EL2.HPMN reserving counters for EL2.
 */
class PmuAccessTest {
    /** Runs {@code insn} at EL0 with PMUSERENR_EL0 = {@code userenr}; returns the EC taken to EL1, or -1. */
    private static int atEl0(String insn, long userenr) {
        SysRig rig = new SysRig().load(insn);
        rig.cpu().sys().vbar[1] = SysRig.VECTORS;
        rig.cpu().pmu().setUserEnable(userenr);
        rig.s().el = 0;
        rig.s().spsel = 0;
        rig.cpu().run(1);
        return rig.s().pc == SysRig.VECTORS + 0x400 ? rig.ec(1) : -1;
    }

    @Test
    void el0NeedsPmuserenrEnables() {
        int trap = GuestException.EC_SYSREG;
        assertEquals(trap, atEl0("mrs x0, pmccntr_el0", 0), "EN = 0 traps to EL1");
        assertEquals(-1, atEl0("mrs x0, pmccntr_el0", 1), "EN");
        assertEquals(-1, atEl0("mrs x0, pmccntr_el0", 4), "CR allows reading the cycle counter");
        assertEquals(trap, atEl0("msr pmccntr_el0, x0", 4), "CR does not allow writing it");
        assertEquals(trap, atEl0("mrs x0, pmevcntr0_el0", 4), "CR is not ER");
        assertEquals(-1, atEl0("mrs x0, pmevcntr0_el0", 8), "ER allows reading event counters");
        assertEquals(-1, atEl0("mrs x0, pmxevcntr_el0", 8), "ER allows reading event counters");
        assertEquals(trap, atEl0("msr pmevcntr0_el0, x0", 8), "ER does not allow writing them");
        assertEquals(-1, atEl0("msr pmselr_el0, x0", 8), "ER allows PMSELR_EL0");
        assertEquals(trap, atEl0("msr pmevtyper0_el0, x0", 8), "event types need EN");
        assertEquals(-1, atEl0("msr pmswinc_el0, x0", 2), "SW allows PMSWINC_EL0");
        assertEquals(trap, atEl0("msr pmswinc_el0, x0", 8), "ER does not");
        assertEquals(trap, atEl0("mrs x0, pmcr_el0", 0xE), "PMCR_EL0 needs EN");
        assertEquals(-1, atEl0("mrs x0, pmcr_el0", 1));
        assertEquals(-1, atEl0("mrs x0, pmuserenr_el0", 0), "EL0 reads PMUSERENR_EL0 whatever its value");
        assertEquals(GuestException.EC_UNKNOWN, atEl0("msr pmuserenr_el0, x0", 0xF), "EL0 never writes it");
        assertEquals(GuestException.EC_UNKNOWN, atEl0("mrs x0, pmintenset_el1", 0xF), "an EL1 register");
    }

    @Test
    void trappedSyndromeNamesTheRegister() {
        SysRig rig = new SysRig().load("mrs x5, pmccntr_el0");
        rig.cpu().sys().vbar[1] = SysRig.VECTORS;
        rig.s().el = 0;
        rig.s().spsel = 0;
        rig.cpu().run(1);
        // ISS: Op0=3, Op2=0, Op1=3, CRn=9, Rt=5, CRm=13, Direction=1 (read).
        assertEquals((3 << 20) | (3 << 14) | (9 << 10) | (5 << 5) | (13 << 1) | 1, rig.iss(1));
    }

    @Test
    void mdcrEl2TrapsEl1AccessesAndHpmnReservesCounters() {
        SysRig rig = new SysRig(2);
        rig.cpu().sys().vbar[2] = SysRig.VECTORS;
        rig.cpu().sys().vbar[1] = SysRig.VECTORS + 0x1000;
        rig.s().el = 1;
        assertEquals(6, rig.cpu().sys().mdcrEl2 & 0x1F, "HPMN resets to N");
        rig.cpu().sys().mdcrEl2 = 1L << 5 | 4; // TPMCR, HPMN = 4
        rig.load("mrs x0, pmcr_el0");
        rig.cpu().run(1);
        assertEquals(GuestException.EC_SYSREG, rig.ec(2), "TPMCR traps PMCR_EL0 to EL2");

        rig.s().el = 1;
        rig.load("mrs x0, pmccntr_el0\n mov x1, #0x3f\n msr pmcntenset_el0, x1\n mrs x2, pmcntenset_el0");
        assertEquals(null, rig.run());
        assertEquals(0xF, rig.s().x[2], "EL1 sees only the first HPMN counters' enable bits");
        assertEquals(4, (rig.cpu().pmu().pmcr(1) >>> 11) & 0x1F, "PMCR_EL0.N at EL1 reads HPMN");
        assertEquals(6, (rig.cpu().pmu().pmcr(2) >>> 11) & 0x1F, "and N at EL2");

        rig.cpu().sys().mdcrEl2 = 1L << 6 | 6; // TPM
        rig.s().el = 1;
        rig.load("mrs x0, pmccntr_el0");
        rig.cpu().run(1);
        assertEquals(GuestException.EC_SYSREG, rig.ec(2), "TPM traps every PMU register to EL2");
    }

    @Test
    void mdcrEl3TrapsLowerElsToEl3() {
        SysRig rig = new SysRig(3);
        rig.cpu().sys().vbar[3] = SysRig.VECTORS;
        rig.cpu().sys().mdcrEl3 = 1L << 6;
        rig.s().el = 1;
        rig.load("mrs x0, pmovsset_el0");
        rig.cpu().run(1);
        assertEquals(GuestException.EC_SYSREG, rig.ec(3));
    }
}
