package org.emu4e.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.testing.CpuRig;
import org.junit.jupiter.api.Test;

class RigSmokeTest {
    @Test
    void unallocatedEncodingIsAGuestUndefinedException() {
        CpuRig rig = new CpuRig();
        rig.cpu().sys().vbar[1] = CpuRig.RAM_BASE + 0x2_0000;
        rig.load(".inst 0x00000000");
        rig.cpu().run(1);
        assertEquals(CpuRig.RAM_BASE + 0x2_0200, rig.s().pc, "current-EL SPx synchronous vector");
        assertEquals(GuestException.EC_UNKNOWN, (int) (rig.cpu().sys().esr[1] >>> 26));
        assertEquals(CpuRig.CODE, rig.cpu().sys().elr[1]);
    }
}
