package org.emu4e.engine.cpu.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.locks.ReentrantLock;

import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.devices.gic.Gicv3;
import org.junit.jupiter.api.Test;

/**
 * The ICC_* system registers through real MRS/MSR: UNDEFINED and ID_AA64PFR0_EL1.GIC = 0 without
 * a GICv3 (IHI 0069, ID_AA64PFR0_EL1.GIC), routed to the GICv3 CPU interface with one, UNDEFINED at EL0.
 */
class GicSysRegTest {
    @Test
    void withoutGicv3TheIccRegistersAreUndefined() {
        SysRig rig = new SysRig().load("mrs x0, id_aa64pfr0_el1\n mrs x1, S3_0_C12_C12_0");
        rig.cpu().sys().vbar[1] = SysRig.VECTORS;
        rig.cpu().run(2);
        assertEquals(0, (rig.s().x[0] >>> 24) & 0xF, "GIC field: no system-register interface");
        assertEquals(GuestException.EC_UNKNOWN, rig.ec(1), "ICC_IAR1_EL1 UNDEFINED");
        assertEquals(SysRig.VECTORS + 0x200, rig.s().pc);
    }

    @Test
    void withGicv3MrsAndMsrReachTheCpuInterface() {
        SysRig rig = new SysRig();
        Gicv3 gic = new Gicv3(new long[] {0x8000_0000L}, 288, new ReentrantLock());
        rig.gic = gic.cpuInterface(0);
        gic.distributor().write(0, 4, 0x12); // ARE, EnableGrp1
        gic.redistributors().write(0x1_0100, 4, 0xFFFF); // GICR_ISENABLER0: SGIs
        rig.load("""
                mrs x0, id_aa64pfr0_el1
                mrs x1, S3_0_C12_C12_5      // ICC_SRE_EL1
                mov x2, #0xf0
                msr S3_0_C4_C6_0, x2        // ICC_PMR_EL1
                mov x2, #1
                msr S3_0_C12_C12_7, x2      // ICC_IGRPEN1_EL1
                mov x2, #1
                movk x2, #(6 << 8), lsl #16
                msr S3_0_C12_C11_5, x2      // ICC_SGI1R_EL1: SGI 6 to Aff0 0 (self)
                mrs x3, S3_0_C12_C12_2      // ICC_HPPIR1_EL1
                mrs x4, S3_0_C12_C12_0      // ICC_IAR1_EL1
                mrs x5, S3_0_C12_C11_3      // ICC_RPR_EL1
                msr S3_0_C12_C12_1, x4      // ICC_EOIR1_EL1
                mrs x6, S3_0_C12_C11_3
                mrs x7, S3_0_C12_C12_0
                """);
        rig.cpu().run(16);
        assertEquals(1, (rig.s().x[0] >>> 24) & 0xF, "GIC field: system registers implemented");
        assertEquals(7, rig.s().x[1]);
        assertEquals(6, rig.s().x[3]);
        assertEquals(6, rig.s().x[4]);
        assertEquals(0, rig.s().x[5], "running at the SGI's priority 0");
        assertEquals(0xFF, rig.s().x[6], "idle after EOI");
        assertEquals(1023, rig.s().x[7], "spurious");
    }

    @Test
    void iccRegistersAreUndefinedAtEl0() {
        SysRig rig = new SysRig();
        rig.gic = new Gicv3(new long[] {0x8000_0000L}, 288, new ReentrantLock()).cpuInterface(0);
        rig.load("mrs x0, S3_0_C4_C6_0");
        rig.cpu().sys().vbar[1] = SysRig.VECTORS;
        rig.s().el = 0;
        rig.cpu().run(1);
        assertEquals(GuestException.EC_UNKNOWN, rig.ec(1));
    }
}
