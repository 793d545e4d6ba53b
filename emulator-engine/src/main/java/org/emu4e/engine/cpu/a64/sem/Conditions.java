package org.emu4e.engine.cpu.a64.sem;

/** ARM ARM pseudocode {@code ConditionHolds()} (J1.1, C1.2.4 condition codes). Pure. */
public final class Conditions {
    private Conditions() { }

    /** True if condition {@code cond} (4 bits) holds for flags {@code nzcv} (N=8, Z=4, C=2, V=1). */
    public static boolean holds(int cond, int nzcv) {
        boolean n = (nzcv & 8) != 0;
        boolean z = (nzcv & 4) != 0;
        boolean c = (nzcv & 2) != 0;
        boolean v = (nzcv & 1) != 0;
        boolean r = switch (cond >>> 1) {
            case 0 -> z;            // EQ / NE
            case 1 -> c;            // CS / CC
            case 2 -> n;            // MI / PL
            case 3 -> v;            // VS / VC
            case 4 -> c && !z;      // HI / LS
            case 5 -> n == v;       // GE / LT
            case 6 -> n == v && !z; // GT / LE
            default -> true;        // AL / NV: both always true in A64
        };
        if ((cond & 1) != 0 && cond != 0xF) {
            r = !r;
        }
        return r;
    }
}
