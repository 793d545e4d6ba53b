package org.emu4e.engine.cpu.a64;

/**
 * The GICv3 system-register CPU interface (ICC_*_EL1, IHI 0069) as the PE's MRS/MSR
 * see it. Implemented by the board's interrupt controller when it is a GICv3; a board with a
 * memory-mapped CPU interface (GICv2) gives none, and then the ICC registers are UNDEFINED and
 * ID_AA64PFR0_EL1.GIC reads 0.
 */
public interface GicCpuInterfaceAccess {
    /** The registers, named as in the GIC architecture without the ICC_ prefix and _EL1 suffix. */
    enum Reg { SRE, CTLR, PMR, BPR0, BPR1, IAR0, IAR1, EOIR0, EOIR1, HPPIR0, HPPIR1, DIR, RPR, IGRPEN0, IGRPEN1,
        SGI0R, SGI1R, ASGI1R, AP0R0, AP0R1, AP0R2, AP0R3, AP1R0, AP1R1, AP1R2, AP1R3 }

    long read(Reg reg);

    void write(Reg reg, long value);
}
