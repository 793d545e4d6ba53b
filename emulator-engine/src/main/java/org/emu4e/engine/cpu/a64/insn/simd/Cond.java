package org.emu4e.engine.cpu.a64.insn.simd;

/** ConditionHolds (shared/functions/system) on a packed NZCV (N=8, Z=4, C=2, V=1). */
final class Cond {
    private Cond() { }

    static boolean holds(int nzcv, int cond) {
        boolean n = (nzcv & 8) != 0;
        boolean z = (nzcv & 4) != 0;
        boolean c = (nzcv & 2) != 0;
        boolean v = (nzcv & 1) != 0;
        boolean r = switch (cond >>> 1) {
            case 0 -> z;
            case 1 -> c;
            case 2 -> n;
            case 3 -> v;
            case 4 -> c && !z;
            case 5 -> n == v;
            case 6 -> n == v && !z;
            default -> true;
        };
        return (cond & 1) != 0 && cond != 15 ? !r : r;
    }
}
