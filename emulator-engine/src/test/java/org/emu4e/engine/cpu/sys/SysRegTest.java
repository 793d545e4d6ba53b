package org.emu4e.engine.cpu.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.sysreg.SysReg;
import org.emu4e.engine.cpu.a64.sysreg.SysRegTable;
import org.junit.jupiter.api.Test;

/** MRS/MSR against the system register table: values, access rules, traps. */
class SysRegTest {
    private static SysRig el1(String code) {
        SysRig rig = new SysRig().load(code);
        rig.cpu().sys().vbar[1] = SysRig.VECTORS;
        return rig;
    }

    @Test
    void identificationRegistersReadCortexA53Values() {
        SysRig rig = el1("""
                mrs x0, midr_el1
                mrs x1, mpidr_el1
                mrs x2, ctr_el0
                mrs x3, dczid_el0
                mrs x4, id_aa64pfr0_el1
                mrs x5, id_aa64mmfr0_el1
                mrs x6, id_aa64isar0_el1
                mrs x7, clidr_el1
                mrs x8, currentel
                mrs x9, s3_0_c0_c7_7
                mrs x10, id_aa64dfr0_el1
                """);
        assertEquals(null, rig.run());
        assertEquals(0x410F_D034L, rig.s().x[0]);
        assertEquals(0x8000_0000L, rig.s().x[1]);
        assertEquals(0x8444_8004L, rig.s().x[2]);
        assertEquals(4, rig.s().x[3]);
        assertEquals(0x11, rig.s().x[4], "EL0/EL1 AArch64 only, no EL2/EL3");
        assertEquals(2, rig.s().x[5] & 0xF, "40-bit PA");
        assertEquals(0x0001_1120L, rig.s().x[6]);
        assertEquals(0x0A20_0023L, rig.s().x[7]);
        assertEquals(4, rig.s().x[8]);
        assertEquals(0, rig.s().x[9], "reserved ID space reads as zero");
        assertEquals(6, rig.s().x[10] & 0xF);
    }

    @Test
    void pfr0ReportsImplementedElsAndMidrIsVirtualisedForEl1() {
        SysRig rig = new SysRig(3);
        rig.load("mrs x0, id_aa64pfr0_el1\n mrs x1, midr_el1");
        assertEquals(null, rig.run());
        assertEquals(0x1111, rig.s().x[0]);
        assertEquals(0x410F_D034L, rig.s().x[1]);
    }

    @Test
    void readWriteRoundTrips() {
        SysRig rig = el1("""
                mov x0, #0x1234
                msr tpidr_el0, x0
                msr tpidr_el1, x0
                msr tpidrro_el0, x0
                msr contextidr_el1, x0
                msr mdscr_el1, x0
                mrs x1, tpidr_el0
                mrs x2, tpidr_el1
                mrs x3, tpidrro_el0
                mrs x4, contextidr_el1
                mov x5, #0x60000000
                msr nzcv, x5
                mrs x6, nzcv
                msr daifclr, #0xf
                msr daifset, #3
                mrs x7, daif
                mov x8, #2
                msr csselr_el1, x8
                mrs x9, ccsidr_el1
                mrs x10, spsel
                msr spsel, #0
                mrs x11, spsel
                msr spsel, #1
                mrs x12, sctlr_el1
                """);
        assertEquals(null, rig.run());
        for (int i = 1; i <= 4; i++) {
            assertEquals(0x1234, rig.s().x[i], "x" + i);
        }
        assertEquals(0x6000_0000L, rig.s().x[6]);
        assertEquals(0xC0, rig.s().x[7], "I and F set");
        assertEquals(0x707F_E07AL, rig.s().x[9]);
        assertEquals(1, rig.s().x[10]);
        assertEquals(0, rig.s().x[11]);
        assertEquals(0x30D0_0800L, rig.s().x[12], "SCTLR_EL1 RES1 bits at reset");
    }

    @Test
    void unknownRegisterIsUndefined() {
        for (String insn : new String[] {"mrs x0, s3_5_c15_c0_0", "msr s2_1_c0_c0_0, x0", "mrs x0, s3_0_c9_c9_0"}) {
            SysRig rig = el1(insn);
            rig.cpu().run(1);
            assertEquals(GuestException.EC_UNKNOWN, rig.ec(1), insn);
            assertEquals(SysRig.VECTORS + 0x200, rig.s().pc, insn);
        }
    }

    @Test
    void registersOfAbsentOrHigherElsAreUndefined() {
        for (String insn : new String[] {"mrs x0, hcr_el2", "msr scr_el3, x0", "mrs x0, sp_el1", "msr midr_el1, x0"}) {
            SysRig rig = el1(insn);
            rig.cpu().run(1);
            assertEquals(GuestException.EC_UNKNOWN, rig.ec(1), insn);
        }
        SysRig rig = new SysRig(2);
        rig.s().el = 1;
        rig.cpu().sys().vbar[1] = SysRig.VECTORS;
        rig.load("mrs x0, hcr_el2");
        rig.cpu().run(1);
        assertEquals(GuestException.EC_UNKNOWN, rig.ec(1), "EL2 register from EL1");
    }

    @Test
    void spEl0AccessIsUndefinedWhileUsingSpEl0() {
        SysRig rig = el1("msr spsel, #0\n mrs x0, sp_el0");
        rig.cpu().run(2);
        assertEquals(GuestException.EC_UNKNOWN, rig.ec(1));
    }

    @Test
    void el0AccessToEl1RegisterIsUndefinedAndToGatedEl0RegisterTraps() {
        SysRig rig = el1("mrs x0, sctlr_el1");
        rig.s().el = 0;
        rig.s().spsel = 0;
        rig.cpu().run(1);
        assertEquals(GuestException.EC_UNKNOWN, rig.ec(1));
        assertEquals(SysRig.VECTORS + 0x400, rig.s().pc);

        rig = el1("mrs x3, ctr_el0");
        rig.s().el = 0;
        rig.s().spsel = 0;
        rig.cpu().run(1);
        assertEquals(GuestException.EC_SYSREG, rig.ec(1), "SCTLR_EL1.UCT = 0 traps CTR_EL0");
        // ISS: Op0=3, Op2=1, Op1=3, CRn=0, Rt=3, CRm=0, Direction=1 (read).
        assertEquals((3 << 20) | (1 << 17) | (3 << 14) | (3 << 5) | 1, rig.iss(1));

        rig = el1("mrs x3, ctr_el0\n msr daifset, #2\n mrs x4, tpidr_el0\n mrs x5, nzcv");
        rig.cpu().sys().sctlr[1] |= (1 << 15) | (1 << 9);
        rig.s().el = 0;
        rig.s().spsel = 0;
        assertEquals(null, rig.run());
        assertEquals(0x8444_8004L, rig.s().x[3]);
    }

    @Test
    void timerRegistersDelegateToTheBoardTimerAndEl0AccessIsGatedByCntkctl() {
        SysRig rig = el1("mrs x0, cntfrq_el0\n mov x1, #5\n msr cntv_ctl_el0, x1\n mrs x2, cntv_ctl_el0");
        assertEquals(null, rig.run());
        assertEquals(62_500_000L, rig.s().x[0]);
        assertEquals(5, rig.s().x[2]);

        rig = el1("mrs x0, cntvct_el0");
        rig.s().el = 0;
        rig.s().spsel = 0;
        rig.cpu().run(1);
        assertEquals(GuestException.EC_SYSREG, rig.ec(1));
    }

    @Test
    void fpcrAccessTrapsWhenCpacrDisablesFp() {
        SysRig rig = el1("mrs x0, fpcr");
        rig.cpu().run(1);
        assertEquals(GuestException.EC_FP_ACCESS, rig.ec(1));
        rig = el1("mov x1, #(3 << 20)\n msr cpacr_el1, x1\n isb\n mov x2, #(1 << 24)\n msr fpcr, x2\n mrs x3, fpcr");
        assertEquals(null, rig.run());
        assertEquals(1 << 24, rig.s().x[3]);
    }

    @Test
    void tableHasNoDuplicateNamesAndKnowsTheCoreRegisters() {
        Set<String> names = new HashSet<>();
        for (SysReg r : SysRegTable.all()) {
            assertTrue(names.add(r.name()), r.name());
        }
        for (String n : new String[] {"SCTLR_EL1", "TCR_EL1", "TTBR0_EL1", "TTBR1_EL1", "MAIR_EL1", "VBAR_EL1", "ESR_EL1",
            "FAR_EL1", "ELR_EL1", "SPSR_EL1", "HCR_EL2", "SCR_EL3", "CNTV_CTL_EL0", "PMCR_EL0", "OSLAR_EL1"}) {
            assertNotNull(SysRegTable.byName(n), n);
        }
    }
}
