package org.emu4e.engine.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Guest RAM: a direct little-endian buffer shared by all vCPU threads without locking.
 * Aligned 8-byte accesses go through VarHandles so exclusives can use a real compare-and-set
 * (byte-array views lost CAS on JDK 22+, direct buffers keep it).
 *
 * <p>Pages that hold translated code are marked with {@link #markCode}; a write to such a
 * page calls the {@link CodeWriteListener} so translation blocks can be invalidated
 * (self-modifying code).
 */
public final class Ram {
    public static final int PAGE_SHIFT = 12;
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** Notified (on the writing thread) when a write touches a page marked as code. */
    public interface CodeWriteListener {
        void codeWritten(long physicalAddress, int size);
    }

    private final long base;
    private final long size;
    private final ByteBuffer buf;
    private final byte[] codePages;
    private volatile CodeWriteListener codeListener;
    private final ConcurrentHashMap<Class<?>, Object> shared = new ConcurrentHashMap<>();

    public Ram(long base, long size) {
        if (size <= 0 || size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("RAM size must be between 1 byte and 2 GiB, was " + size);
        }
        this.base = base;
        this.size = size;
        this.buf = ByteBuffer.allocateDirect((int) size).order(ByteOrder.LITTLE_ENDIAN);
        this.codePages = new byte[(int) ((size + (1 << PAGE_SHIFT) - 1) >>> PAGE_SHIFT)];
    }

    public long base() { return base; }

    public long size() { return size; }

    public boolean contains(long pa, int len) {
        long off = pa - base;
        return off >= 0 && off <= size - len;
    }

    public void setCodeWriteListener(CodeWriteListener l) { this.codeListener = l; }

    /**
     * State about this RAM owned by a layer above memory and shared by every bus view that
     * maps it (the translated code of its pages): created once by {@code factory}.
     */
    public <T> T shared(Class<T> type, Function<Ram, T> factory) {
        return type.cast(shared.computeIfAbsent(type, t -> factory.apply(this)));
    }

    /** Marks the page holding {@code pa} as containing translated code. */
    public void markCode(long pa) { codePages[(int) ((pa - base) >>> PAGE_SHIFT)] = 1; }

    public void unmarkCode(long pa) { codePages[(int) ((pa - base) >>> PAGE_SHIFT)] = 0; }

    public boolean isCode(long pa) { return codePages[(int) ((pa - base) >>> PAGE_SHIFT)] != 0; }

    public long read(long pa, int len) {
        int off = (int) (pa - base);
        return switch (len) {
            case 1 -> buf.get(off) & 0xFFL;
            case 2 -> buf.getShort(off) & 0xFFFFL;
            case 4 -> buf.getInt(off) & 0xFFFF_FFFFL;
            case 8 -> buf.getLong(off);
            default -> throw new IllegalArgumentException("size " + len);
        };
    }

    public int fetch32(long pa) {
        return buf.getInt((int) (pa - base));
    }

    public void write(long pa, int len, long value) {
        int off = (int) (pa - base);
        switch (len) {
            case 1 -> buf.put(off, (byte) value);
            case 2 -> buf.putShort(off, (short) value);
            case 4 -> buf.putInt(off, (int) value);
            case 8 -> buf.putLong(off, value);
            default -> throw new IllegalArgumentException("size " + len);
        }
        checkCode(off, len);
    }

    /** Atomic compare-and-set of an aligned 4- or 8-byte word (store-exclusive). */
    public boolean compareAndSet(long pa, int len, long expected, long value) {
        int off = (int) (pa - base);
        boolean ok = len == 8
                ? LONGS.compareAndSet(buf, off, expected, value)
                : INTS.compareAndSet(buf, off, (int) expected, (int) value);
        if (ok) {
            checkCode(off, len);
        }
        return ok;
    }

    /** Volatile (sequentially consistent) 8-byte read for acquire semantics. */
    public long readVolatile64(long pa) { return (long) LONGS.getVolatile(buf, (int) (pa - base)); }

    public void readBytes(long pa, byte[] dst, int dstOff, int len) {
        buf.get((int) (pa - base), dst, dstOff, len);
    }

    public void writeBytes(long pa, byte[] src, int srcOff, int len) {
        int off = (int) (pa - base);
        buf.put(off, src, srcOff, len);
        checkCode(off, len);
    }

    private void checkCode(int off, int len) {
        int first = off >>> PAGE_SHIFT;
        int last = (off + len - 1) >>> PAGE_SHIFT;
        for (int p = first; p <= last; p++) {
            if (codePages[p] != 0) {
                CodeWriteListener l = codeListener;
                if (l != null) {
                    l.codeWritten(base + off, len);
                }
                return;
            }
        }
    }
}
