package org.emu4e.engine.cpu.a64.sem;

/**
 * UDIV/SDIV (C6.2 "SDIV", "UDIV"): division by zero gives 0 (no exception in A64), results
 * round toward zero, and the signed overflow case MIN / -1 gives MIN. Pure.
 */
public final class Divide {
    private Divide() { }

    public static long sdiv64(long n, long m) {
        if (m == 0) {
            return 0;
        }
        if (m == -1) {
            return -n; // MIN / -1 wraps to MIN
        }
        return n / m;
    }

    public static long udiv64(long n, long m) {
        return m == 0 ? 0 : Long.divideUnsigned(n, m);
    }

    public static int sdiv32(int n, int m) {
        if (m == 0) {
            return 0;
        }
        if (m == -1) {
            return -n;
        }
        return n / m;
    }

    public static int udiv32(int n, int m) {
        return m == 0 ? 0 : Integer.divideUnsigned(n, m);
    }
}
