package org.emu4e.engine.gdbstub;

import java.util.Arrays;

import org.emu4e.engine.api.DebugHooks;

/**
 * The debugger's breakpoints and watchpoints as one immutable value. Every change makes a
 * new instance that the stub installs with {@code DebugControl.setHooks} (exclusive work),
 * so the vCPUs read it without locks. Software breakpoints (Z0) are PC checks like
 * hardware ones (Z1): guest memory is never patched.
 */
public final class Breakpoints implements DebugHooks {
    /** Watchpoint kinds as in Z2/Z3/Z4 and the stop-reply keywords. */
    public enum WatchKind {
        WRITE("watch"), READ("rwatch"), ACCESS("awatch");

        public final String stopKey;

        WatchKind(String stopKey) {
            this.stopKey = stopKey;
        }
    }

    public record Watch(long address, int length, WatchKind kind) {
        boolean overlaps(long va, int size) {
            return va + size > address && va < address + length;
        }
    }

    public static final Breakpoints NONE = new Breakpoints(new long[0], new long[0], new Watch[0]);

    private final long[] soft;
    private final long[] hard;
    private final Watch[] watches;

    private Breakpoints(long[] soft, long[] hard, Watch[] watches) {
        this.soft = soft;
        this.hard = hard;
        this.watches = watches;
    }

    public boolean isEmpty() { return soft.length == 0 && hard.length == 0 && watches.length == 0; }

    public Breakpoints withBreakpoint(long pc, boolean hardware) {
        if (hardware) {
            return contains(hard, pc) ? this : new Breakpoints(soft, add(hard, pc), watches);
        }
        return contains(soft, pc) ? this : new Breakpoints(add(soft, pc), hard, watches);
    }

    public Breakpoints withoutBreakpoint(long pc, boolean hardware) {
        if (hardware) {
            return new Breakpoints(soft, remove(hard, pc), watches);
        }
        return new Breakpoints(remove(soft, pc), hard, watches);
    }

    public Breakpoints withWatch(long address, int length, WatchKind kind) {
        Watch w = new Watch(address, length, kind);
        if (Arrays.asList(watches).contains(w)) {
            return this;
        }
        Watch[] n = Arrays.copyOf(watches, watches.length + 1);
        n[watches.length] = w;
        return new Breakpoints(soft, hard, n);
    }

    public Breakpoints withoutWatch(long address, int length, WatchKind kind) {
        Watch w = new Watch(address, length, kind);
        return new Breakpoints(soft, hard,
                Arrays.stream(watches).filter(x -> !x.equals(w)).toArray(Watch[]::new));
    }

    @Override
    public boolean anyBreakpointIn(long from, long to) {
        return anyIn(soft, from, to) || anyIn(hard, from, to);
    }

    private static boolean anyIn(long[] pcs, long from, long to) {
        for (long pc : pcs) {
            if (Long.compareUnsigned(pc, from) >= 0 && Long.compareUnsigned(pc, to) < 0) {
                return true;
            }
        }
        return false;
    }

    public boolean isHardware(long pc) { return contains(hard, pc) && !contains(soft, pc); }

    /** The watchpoint starting at {@code address} (as {@link #watchpointHit} reports it), or null. */
    public Watch watchAt(long address) {
        for (Watch w : watches) {
            if (w.address == address) {
                return w;
            }
        }
        return null;
    }

    public int count() { return soft.length + hard.length + watches.length; }

    @Override
    public boolean breakpointAt(long pc) {
        for (long a : soft) {
            if (a == pc) {
                return true;
            }
        }
        for (long a : hard) {
            if (a == pc) {
                return true;
            }
        }
        return false;
    }

    @Override
    public long watchpointHit(long va, int size, boolean write) {
        for (Watch w : watches) {
            boolean kindMatches = switch (w.kind) {
                case WRITE -> write;
                case READ -> !write;
                case ACCESS -> true;
            };
            if (kindMatches && w.overlaps(va, size)) {
                return w.address;
            }
        }
        return -1;
    }

    @Override
    public boolean hasWatchpoints() { return watches.length != 0; }

    private static boolean contains(long[] a, long v) {
        for (long x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    private static long[] add(long[] a, long v) {
        long[] n = Arrays.copyOf(a, a.length + 1);
        n[a.length] = v;
        return n;
    }

    private static long[] remove(long[] a, long v) {
        return Arrays.stream(a).filter(x -> x != v).toArray();
    }
}
