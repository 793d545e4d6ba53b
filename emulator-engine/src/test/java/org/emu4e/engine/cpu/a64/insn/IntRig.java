package org.emu4e.engine.cpu.a64.insn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.emu4e.engine.api.DebugHooks;
import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.testing.CpuRig;

/** Small conveniences over {@link CpuRig} for the integer-core instruction tests. */
public final class IntRig {
    /** Vector base used by tests that expect an exception. */
    public static final long VBAR = CpuRig.RAM_BASE + 0x2_0000;

    public final CpuRig rig = new CpuRig();

    public IntRig() {
        rig.cpu().sys().vbar[1] = VBAR;
        // stop at the vector table instead of executing it
        rig.cpu().debug = new DebugHooks() {
            @Override public boolean breakpointAt(long pc) { return pc >= VBAR && pc < VBAR + 0x800; }
            @Override public boolean anyBreakpointIn(long from, long to) { return from < VBAR + 0x800 && to > VBAR; }
            @Override public long watchpointHit(long va, int size, boolean write) { return -1; }
            @Override public boolean hasWatchpoints() { return false; }
        };
    }

    /** Assembles {@code asm}, sets X0.. to {@code x}, runs to the end of the code. */
    public static IntRig run(String asm, long... x) {
        IntRig r = new IntRig();
        r.rig.load(asm);
        for (int i = 0; i < x.length; i++) {
            r.s().x[i] = x[i];
        }
        r.rig.run(100_000);
        return r;
    }

    public CpuState s() { return rig.s(); }

    public long x(int n) { return rig.s().x[n]; }

    public int nzcv() { return rig.s().nzcv; }

    /** Asserts that the code took a synchronous exception to EL1 with this EC. */
    public void assertException(int ec) {
        assertEquals(VBAR + 0x200, rig.s().pc, "current-EL SPx synchronous vector");
        assertEquals(ec, (int) (rig.cpu().sys().esr[1] >>> 26), "ESR_EL1.EC");
    }

    public long esr() { return rig.cpu().sys().esr[1]; }

    public long far() { return rig.cpu().sys().far[1]; }

    public long elr() { return rig.cpu().sys().elr[1]; }
}
