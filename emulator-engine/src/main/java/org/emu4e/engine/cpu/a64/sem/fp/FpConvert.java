package org.emu4e.engine.cpu.a64.sem.fp;

import static org.emu4e.engine.cpu.a64.sem.fp.Fp.*;

import org.emu4e.engine.cpu.a64.CpuState;
import org.emu4e.engine.cpu.a64.sem.fp.Fp.Unpacked;

/** FPConvert, FPToFixed, FixedToFP, FPRoundInt and VFPExpandImm (shared/functions/float). */
public final class FpConvert {
    private FpConvert() { }

    /** FPConvert from width n to width m (half inputs never flushed, AHP for half outputs). */
    public static long convert(int n, int m, long op, int rounding, CpuState st) {
        Unpacked u = unpack(n, op, st);
        boolean altHp = m == 16 && (st.fpcr & AHP) != 0;
        if (u.isNaN()) {
            long r;
            if (altHp) {
                r = zero(m, u.sign);
            } else if ((st.fpcr & DN) != 0) {
                r = defaultNaN(m);
            } else {
                r = convertNaN(n, m, op);
            }
            if (u.type == SNAN || altHp) {
                st.fpsr |= IOC;
            }
            return r;
        }
        if (u.isInf()) {
            if (altHp) {
                st.fpsr |= IOC;
                return zero(m, u.sign) | (mask(m) >>> 1);
            }
            return inf(m, u.sign);
        }
        if (u.isZero()) {
            return zero(m, u.sign);
        }
        return FpRound.round(m, u.sign, u.mant, u.exp, false, rounding, st);
    }

    /** FPConvertNaN: keeps the sign and the top payload bits, sets the quiet bit. */
    static long convertNaN(int n, int m, long op) {
        int pn = fbits(n) - 1;
        int pm = fbits(m) - 1;
        long payload = op & ((1L << pn) - 1);
        payload = pm >= pn ? payload << (pm - pn) : payload >>> (pn - pm);
        return zero(m, sign(n, op)) | defaultNaN(m) | payload;
    }

    /** Rounding decision on a magnitude with discarded-part class err (FpRound error classes). */
    static boolean roundUp(int rounding, boolean sign, long mag, int err) {
        return switch (rounding) {
            case RN -> err == FpRound.ABOVE || (err == FpRound.HALF && (mag & 1) != 0);
            case RP -> err != FpRound.EXACT && !sign;
            case RM -> err != FpRound.EXACT && sign;
            case RA -> err >= FpRound.HALF;
            default -> false;
        };
    }

    /**
     * FPToFixed: op * 2^fbits rounded to an integer of {@code bits} (32 or 64), saturating
     * with IOC; IXC when inexact. Returns the integer sign/zero-extended to 64 bits for 64,
     * or the low 32 bits for 32.
     */
    public static long toFixed(int n, long op, int fbits, boolean unsigned, int bits, int rounding, CpuState st) {
        Unpacked u = unpack(n, op, st);
        if (u.isNaN()) {
            st.fpsr |= IOC;
            return 0;
        }
        boolean overflow = false;
        long mag = 0;
        int err = FpRound.EXACT;
        if (u.isInf()) {
            overflow = true;
        } else if (!u.isZero()) {
            int e = u.exp + fbits;
            int bl = 64 - Long.numberOfLeadingZeros(u.mant);
            if (e >= 0) {
                if (bl + e > 64) {
                    overflow = true;
                } else {
                    mag = u.mant << e;
                }
            } else if (-e >= 64) {
                err = FpRound.BELOW;
            } else {
                mag = u.mant >>> -e;
                err = FpRound.classify(u.mant, -e, false);
            }
            if (!overflow && roundUp(rounding, u.sign, mag, err)) {
                mag++;
                if (mag == 0) {
                    overflow = true;
                }
            }
        }
        boolean sign = u.sign;
        long result;
        if (!overflow) {
            if (unsigned) {
                if (sign && mag != 0) {
                    overflow = true;
                } else if (bits == 32 && Long.compareUnsigned(mag, 0xFFFF_FFFFL) > 0) {
                    overflow = true;
                }
            } else {
                long limit = bits == 32 ? 1L << 31 : Long.MIN_VALUE;
                int c = Long.compareUnsigned(mag, limit);
                if (c > 0 || (c == 0 && !sign)) {
                    overflow = true;
                }
            }
        }
        if (overflow) {
            st.fpsr |= IOC;
            if (unsigned) {
                result = sign ? 0 : (bits == 32 ? 0xFFFF_FFFFL : -1L);
            } else if (bits == 32) {
                result = sign ? Integer.MIN_VALUE : Integer.MAX_VALUE;
            } else {
                result = sign ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
        } else {
            if (err != FpRound.EXACT) {
                st.fpsr |= IXC;
            }
            result = sign ? -mag : mag;
        }
        return bits == 32 ? result & 0xFFFF_FFFFL : result;
    }

    /** FixedToFP: the integer {@code v} (of {@code bits}) divided by 2^fbits, rounded to width n. */
    public static long fromFixed(int n, long v, int fbits, boolean unsigned, int bits, int rounding, CpuState st) {
        if (bits == 32) {
            v = unsigned ? v & 0xFFFF_FFFFL : (int) v;
        }
        if (v == 0) {
            return 0;
        }
        boolean sign = !unsigned && v < 0;
        long mag = sign ? -v : v;
        return FpRound.roundUnsigned(n, sign, mag, -fbits, rounding, st);
    }

    /** FPRoundInt: round to an integral value; {@code exact} raises IXC when the value changes. */
    public static long roundInt(int n, long op, int rounding, boolean exact, CpuState st) {
        Unpacked u = unpack(n, op, st);
        if (u.isNaN()) {
            return processNaN(n, u.type, op, st);
        }
        if (u.isInf()) {
            return inf(n, u.sign);
        }
        if (u.isZero()) {
            return zero(n, u.sign);
        }
        if (u.exp >= 0) {
            return op;
        }
        long mag;
        int err;
        if (-u.exp >= 64) {
            mag = 0;
            err = FpRound.BELOW;
        } else {
            mag = u.mant >>> -u.exp;
            err = FpRound.classify(u.mant, -u.exp, false);
        }
        if (roundUp(rounding, u.sign, mag, err)) {
            mag++;
        }
        if (exact && err != FpRound.EXACT) {
            st.fpsr |= IXC;
        }
        if (mag == 0) {
            return zero(n, u.sign);
        }
        int saved = st.fpsr;
        long r = FpRound.round(n, u.sign, mag, 0, false, RZ, st);
        st.fpsr = saved;
        return r;
    }

    /** VFPExpandImm: the 8-bit FMOV immediate as a value of width n. */
    public static long expandImm(int n, int imm8) {
        int e = ebits(n);
        int f = fbits(n);
        long sign = (imm8 >>> 7) & 1;
        long b6 = (imm8 >>> 6) & 1;
        long exp = ((b6 ^ 1) << (e - 1)) | ((b6 == 1 ? (1L << (e - 3)) - 1 : 0) << 2) | ((imm8 >>> 4) & 3);
        long frac = ((long) imm8 & 15) << (f - 4);
        return (sign << (n - 1)) | (exp << f) | frac;
    }
}
