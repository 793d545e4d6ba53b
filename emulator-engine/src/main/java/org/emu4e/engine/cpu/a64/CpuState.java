package org.emu4e.engine.cpu.a64;

/**
 * Architectural register state of one AArch64 PE (ARM ARM D1.2, "The AArch64 application
 * level programmers' model", and D1.4 PSTATE). Owned by its vCPU thread: other threads
 * read or write it only from work scheduled on that vCPU.
 */
public final class CpuState {
    /** X0..X30; index 31 is never stored here (it is XZR or SP depending on the encoding). */
    public final long[] x = new long[32];
    /** SP_EL0..SP_EL3. */
    public final long[] sp = new long[4];
    /** SIMD&FP registers V0..V31 as low and high 64-bit halves. */
    public final long[] vlo = new long[32];
    public final long[] vhi = new long[32];

    public long pc;
    /** Address of the next instruction; handlers that branch overwrite it. */
    public long nextPc;

    // PSTATE (D1.4). NZCV kept as the 4-bit value in bits [3:0] (N=8, Z=4, C=2, V=1).
    public int nzcv;
    public int el;
    /** PSTATE.SP: 0 = use SP_EL0, 1 = use SP_ELx. */
    public int spsel;
    /** PSTATE.{D,A,I,F} as bits 3..0 (D=8, A=4, I=2, F=1). */
    public int daif;
    public boolean ss;
    public boolean il;
    public boolean pan;

    public int fpcr;
    public int fpsr;

    /**
     * Scratch arrays of the SIMD&FP semantics, used only by this vCPU's thread inside one
     * instruction, so that no instruction allocates: lane arrays (insn.simd.Lanes) and the
     * result cell of the FP fast path (sem.fp.FpFast). Not architectural state.
     */
    public final long[][] lanes = new long[8][16];
    public final long[] fpOut = new long[1];

    public long x(int n) { return n == 31 ? 0 : x[n]; }

    public int w(int n) { return n == 31 ? 0 : (int) x[n]; }

    public void setX(int n, long v) {
        if (n != 31) {
            x[n] = v;
        }
    }

    /** Writes a W register: zero-extends into the X register. */
    public void setW(int n, int v) {
        if (n != 31) {
            x[n] = v & 0xFFFF_FFFFL;
        }
    }

    /** Reads register n where 31 means the current stack pointer. */
    public long xsp(int n) { return n == 31 ? currentSp() : x[n]; }

    public void setXsp(int n, long v) {
        if (n == 31) {
            setCurrentSp(v);
        } else {
            x[n] = v;
        }
    }

    public long currentSp() { return spsel == 0 ? sp[0] : sp[el]; }

    public void setCurrentSp(long v) {
        if (spsel == 0) {
            sp[0] = v;
        } else {
            sp[el] = v;
        }
    }

    public boolean n() { return (nzcv & 8) != 0; }

    public boolean z() { return (nzcv & 4) != 0; }

    public boolean c() { return (nzcv & 2) != 0; }

    public boolean v() { return (nzcv & 1) != 0; }

    /** PSTATE packed as in SPSR_ELx for AArch64 (C5.2.18): NZCV[31:28], SS[21], IL[20], DAIF[9:6], M[3:0]. */
    public long pstateToSpsr() {
        long m = ((long) el << 2) | spsel;
        return ((long) nzcv << 28) | (ss ? 1L << 21 : 0) | (il ? 1L << 20 : 0) | (pan ? 1L << 22 : 0)
                | ((long) daif << 6) | m;
    }

    /** Restores PSTATE from an AArch64 SPSR value (caller checks M[4] and EL legality). */
    public void spsrToPstate(long spsr) {
        nzcv = (int) (spsr >>> 28) & 0xF;
        ss = (spsr & (1L << 21)) != 0;
        il = (spsr & (1L << 20)) != 0;
        pan = (spsr & (1L << 22)) != 0;
        daif = (int) (spsr >>> 6) & 0xF;
        el = (int) (spsr >>> 2) & 3;
        spsel = (int) spsr & 1;
    }

    /** Architectural reset values for the parts held here (D1.9 "Reset"). */
    public void reset(int resetEl, long resetPc) {
        java.util.Arrays.fill(x, 0);
        java.util.Arrays.fill(sp, 0);
        java.util.Arrays.fill(vlo, 0);
        java.util.Arrays.fill(vhi, 0);
        nzcv = 0;
        el = resetEl;
        spsel = 1;
        daif = 0xF;
        ss = false;
        il = false;
        pan = false;
        fpcr = 0;
        fpsr = 0;
        pc = resetPc;
        nextPc = resetPc;
    }
}
