package org.emu4e.engine.cpu.simd;

import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.testing.CpuRig;

/** A CpuRig at EL1 with FP enabled, running short SIMD&FP sequences. */
final class SimdRig {
    final CpuRig rig = new CpuRig();
    final CpuState s = rig.s();

    SimdRig() {
        rig.cpu().sys().cpacrEl1 = 3L << 20;
        rig.cpu().sys().vbar[1] = CpuRig.RAM_BASE + 0x2_0000;
    }

    SimdRig run(String src) {
        rig.load(src);
        rig.run(64);
        return this;
    }

    SimdRig d(int reg, double v) {
        s.vlo[reg] = Double.doubleToRawLongBits(v);
        s.vhi[reg] = 0;
        return this;
    }

    SimdRig f(int reg, float v) {
        s.vlo[reg] = Float.floatToRawIntBits(v) & 0xFFFF_FFFFL;
        s.vhi[reg] = 0;
        return this;
    }

    double d(int reg) { return Double.longBitsToDouble(s.vlo[reg]); }

    float f(int reg) { return Float.intBitsToFloat((int) s.vlo[reg]); }
}
