package org.emu4e.engine.cpu.a64.insn.simd;

import org.emu4e.engine.cpu.a64.CpuState;

/** Shapes of floating-point lane operations, so one handler serves a family of rows. */
final class FpOps {
    private FpOps() { }

    @FunctionalInterface
    interface Op1 {
        long apply(int n, long a, CpuState st);
    }

    @FunctionalInterface
    interface Op2 {
        long apply(int n, long a, long b, CpuState st);
    }

    @FunctionalInterface
    interface Op3 {
        long apply(int n, long acc, long a, long b, CpuState st);
    }
}
