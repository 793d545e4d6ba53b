/**
 * Floating-point semantics written once, as static methods on final classes, for the
 * interpreter and a future bytecode translator (ARM ARM DDI 0487 shared/functions/float).
 *
 * <p>Data flow: {@link org.emu4e.engine.cpu.a64.sem.fp.Fp#unpack} (FPUnpack, input flush
 * with FPCR.FZ and IDC) gives type, sign and an exact value {@code mant * 2^exp}; each
 * operation computes its result exactly in integers (long, 128-bit products, BigInteger for
 * fused ops and square root) and rounds once in {@link org.emu4e.engine.cpu.a64.sem.fp.FpRound}
 * (FPRound: tininess before rounding, output flush, RN/RP/RM/RZ plus ties-away and
 * round-to-odd, AHP). {@link org.emu4e.engine.cpu.a64.sem.fp.FpFast} short-cuts FADD/FSUB/FMUL
 * to host arithmetic only where that is provably identical.
 *
 * <p>Side effects (what a translator must write back before an {@code invokestatic}): every
 * method taking a {@code CpuState} reads {@code fpcr} and ORs cumulative flags into
 * {@code fpsr}; nothing else in the state is touched. Methods without a state parameter are pure.
 */
package org.emu4e.engine.cpu.a64.sem.fp;
