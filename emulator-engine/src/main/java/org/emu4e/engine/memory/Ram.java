package org.emu4e.engine.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Guest RAM: little-endian direct buffers shared by all vCPU threads without locking.
 * Aligned 4/8-byte accesses go through VarHandles so exclusives can use a real compare-and-set
 * (byte-array views lost CAS on JDK 22+, direct buffers keep it).
 *
 * <p>RAM is cut into {@link #CHUNK_SIZE} chunks (so it may be larger than one buffer's 2 GiB
 * limit: QEMU virt takes up to 255 GiB). A chunk is allocated on the first write or
 * compare-and-set that touches it; until then it reads as zeroes, so a large {@code -m} costs
 * only what the guest touches. An access is one shift and one mask to find chunk and offset;
 * one that crosses a chunk boundary (unaligned) is split into bytes.
 *
 * <p>Pages that hold translated code are marked with {@link #markCode}; a write to such a
 * page calls the {@link CodeWriteListener} so translation blocks can be invalidated
 * (self-modifying code). Pages that a sleeping PE's exclusive monitor covers are marked with
 * {@link #markWatched}; a write to such a page calls the {@link WatchListener} (WFE wake-up).
 * A write to an unmarked page costs one byte read.
 *
 * <p>Translated code may write a page's buffer directly ({@link #writablePage}) only while the
 * page is unmarked: every new mark bumps {@link #marks()}, and such writers drop their direct
 * pages when it changed, before their next block.
 */
public final class Ram {
    public static final int PAGE_SHIFT = 12;
    /**
     * log2 of the chunk size: 2 MiB, the unit of lazy allocation. A new direct buffer is zeroed,
     * so all of a touched chunk is resident host memory: small chunks keep the host's memory
     * close to what the guest touches (a Linux boot touches a little of most 64 MiB regions).
     */
    public static final int CHUNK_SHIFT = 21;
    public static final long CHUNK_SIZE = 1L << CHUNK_SHIFT;
    private static final long CHUNK_MASK = CHUNK_SIZE - 1;
    /** Largest RAM: 2^31 - 1 pages of code marks. */
    public static final long MAX_SIZE = (long) Integer.MAX_VALUE << PAGE_SHIFT;

    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle CHUNKS = MethodHandles.arrayElementVarHandle(ByteBuffer[].class);
    private static final VarHandle FLAGS = MethodHandles.arrayElementVarHandle(byte[].class);
    private static final byte CODE = 1;
    private static final byte WATCHED = 2;

    /** Notified (on the writing thread) when a write touches a page marked as code. */
    public interface CodeWriteListener {
        void codeWritten(long physicalAddress, int size);
    }

    private final long base;
    private final long size;
    /** Published with release/acquire: a reader never sees a half-built buffer. */
    private final ByteBuffer[] chunks;
    /** Per 4 KiB page: {@link #CODE} and {@link #WATCHED} bits, set and cleared atomically. */
    private final byte[] pageFlags;
    private volatile CodeWriteListener codeListener;
    private volatile WatchListener watchListener;
    private final ConcurrentHashMap<Class<?>, Object> shared = new ConcurrentHashMap<>();
    /** Bumped after a page of any RAM gains a mark it did not have (see {@link #marks()}). */
    private static final AtomicInteger MARKS = new AtomicInteger();

    /**
     * @throws IllegalArgumentException if {@code size} is not 1 byte .. {@link #MAX_SIZE}
     */
    public Ram(long base, long size) {
        if (size <= 0 || size > MAX_SIZE) {
            throw new IllegalArgumentException("RAM size must be between 1 byte and " + (MAX_SIZE >> 30)
                    + " GiB, was " + size);
        }
        this.base = base;
        this.size = size;
        this.chunks = new ByteBuffer[(int) ((size + CHUNK_MASK) >>> CHUNK_SHIFT)];
        this.pageFlags = new byte[(int) ((size + (1 << PAGE_SHIFT) - 1) >>> PAGE_SHIFT)];
    }

    public long base() { return base; }

    public long size() { return size; }

    /** Bytes of host memory allocated so far (touched chunks). */
    public long allocatedBytes() {
        long n = 0;
        for (int i = 0; i < chunks.length; i++) {
            ByteBuffer b = (ByteBuffer) CHUNKS.getAcquire(chunks, i);
            n += b == null ? 0 : b.capacity();
        }
        return n;
    }

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

    /** Notified (on the writing thread) when a write touches a page marked as watched. */
    public interface WatchListener {
        void watchedWritten(long physicalAddress, int size);
    }

    public void setWatchListener(WatchListener l) { this.watchListener = l; }

    /** Marks the page holding {@code pa} as containing translated code. */
    public void markCode(long pa) { mark(pa, CODE); }

    public void unmarkCode(long pa) { FLAGS.getAndBitwiseAnd(pageFlags, page(pa), (byte) ~CODE); }

    public boolean isCode(long pa) { return (pageFlags[page(pa)] & CODE) != 0; }

    /** Marks the page holding {@code pa} as watched: writes to it call the {@link WatchListener}. */
    public void markWatched(long pa) { mark(pa, WATCHED); }

    private void mark(long pa, byte bit) {
        if (((byte) FLAGS.getAndBitwiseOr(pageFlags, page(pa), bit) & bit) == 0) {
            MARKS.incrementAndGet();
        }
    }

    /**
     * A count that changes whenever a page of any RAM has become code or watched: who holds
     * pages from {@link #writablePage} must drop them when it differs from the count read
     * before taking them.
     */
    public static int marks() { return MARKS.get(); }

    /**
     * The buffer (little-endian, shared, not to be repositioned) holding the 4 KiB page at
     * {@code pagePa} for direct reads, or null if the page has no buffer yet (it reads as
     * zeroes) or is split between two; its offset in the buffer is {@link #pageOffset}.
     */
    public ByteBuffer readablePage(long pagePa) {
        long off = pagePa - base;
        if ((off & CHUNK_MASK) > CHUNK_SIZE - (1 << PAGE_SHIFT)) {
            return null;
        }
        return (ByteBuffer) CHUNKS.getAcquire(chunks, (int) (off >>> CHUNK_SHIFT));
    }

    /**
     * The buffer for direct writes of the page at {@code pagePa}, as {@link #readablePage}, or
     * null if the page is code or watched (its writes must be notified). Call
     * {@link #marks()} before: a mark set after this check changes it.
     */
    public ByteBuffer writablePage(long pagePa) {
        long off = pagePa - base;
        if ((off & CHUNK_MASK) > CHUNK_SIZE - (1 << PAGE_SHIFT) || (byte) FLAGS.getVolatile(pageFlags, page(pagePa)) != 0) {
            return null;
        }
        return chunkForWrite(off);
    }

    /** Offset of the page at {@code pagePa} in its buffer. */
    public int pageOffset(long pagePa) { return (int) ((pagePa - base) & CHUNK_MASK); }

    public void unmarkWatched(long pa) { FLAGS.getAndBitwiseAnd(pageFlags, page(pa), (byte) ~WATCHED); }

    private int page(long pa) { return (int) ((pa - base) >>> PAGE_SHIFT); }

    public long read(long pa, int len) {
        long off = pa - base;
        ByteBuffer b = (ByteBuffer) CHUNKS.getAcquire(chunks, (int) (off >>> CHUNK_SHIFT));
        int o = (int) (off & CHUNK_MASK);
        if (b == null || o > CHUNK_SIZE - len) {
            return readSlow(off, len);
        }
        return switch (len) {
            case 1 -> b.get(o) & 0xFFL;
            case 2 -> b.getShort(o) & 0xFFFFL;
            case 4 -> b.getInt(o) & 0xFFFF_FFFFL;
            case 8 -> b.getLong(o);
            default -> throw new IllegalArgumentException("size " + len);
        };
    }

    public int fetch32(long pa) {
        return (int) read(pa, 4);
    }

    public void write(long pa, int len, long value) {
        long off = pa - base;
        int o = (int) (off & CHUNK_MASK);
        if (o > CHUNK_SIZE - len) {
            writeSlow(off, len, value);
        } else {
            ByteBuffer b = chunkForWrite(off);
            switch (len) {
                case 1 -> b.put(o, (byte) value);
                case 2 -> b.putShort(o, (short) value);
                case 4 -> b.putInt(o, (int) value);
                case 8 -> b.putLong(o, value);
                default -> throw new IllegalArgumentException("size " + len);
            }
        }
        notifyMarkedPages(off, len);
    }

    /** Atomic compare-and-set of an aligned 4- or 8-byte word (store-exclusive). */
    public boolean compareAndSet(long pa, int len, long expected, long value) {
        long off = pa - base;
        ByteBuffer b = chunkForWrite(off);
        int o = (int) (off & CHUNK_MASK);
        boolean ok = len == 8
                ? LONGS.compareAndSet(b, o, expected, value)
                : INTS.compareAndSet(b, o, (int) expected, (int) value);
        if (ok) {
            notifyMarkedPages(off, len);
        }
        return ok;
    }

    /** Volatile (sequentially consistent) 8-byte read for acquire semantics (aligned). */
    public long readVolatile64(long pa) {
        long off = pa - base;
        ByteBuffer b = (ByteBuffer) CHUNKS.getAcquire(chunks, (int) (off >>> CHUNK_SHIFT));
        return b == null ? 0 : (long) LONGS.getVolatile(b, (int) (off & CHUNK_MASK));
    }

    public void readBytes(long pa, byte[] dst, int dstOff, int len) {
        long off = pa - base;
        while (len > 0) {
            int o = (int) (off & CHUNK_MASK);
            int n = (int) Math.min(len, CHUNK_SIZE - o);
            ByteBuffer b = (ByteBuffer) CHUNKS.getAcquire(chunks, (int) (off >>> CHUNK_SHIFT));
            if (b == null) {
                java.util.Arrays.fill(dst, dstOff, dstOff + n, (byte) 0);
            } else {
                b.get(o, dst, dstOff, n);
            }
            off += n;
            dstOff += n;
            len -= n;
        }
    }

    public void writeBytes(long pa, byte[] src, int srcOff, int len) {
        long first = pa - base;
        long off = first;
        int left = len;
        while (left > 0) {
            int o = (int) (off & CHUNK_MASK);
            int n = (int) Math.min(left, CHUNK_SIZE - o);
            chunkForWrite(off).put(o, src, srcOff, n);
            off += n;
            srcOff += n;
            left -= n;
        }
        if (len > 0) {
            notifyMarkedPages(first, len);
        }
    }

    private long readSlow(long off, int len) {
        if (len != 1 && len != 2 && len != 4 && len != 8) {
            throw new IllegalArgumentException("size " + len);
        }
        long v = 0;
        for (int i = 0; i < len; i++) {
            long at = off + i;
            ByteBuffer b = (ByteBuffer) CHUNKS.getAcquire(chunks, (int) (at >>> CHUNK_SHIFT));
            long byteValue = b == null ? 0 : b.get((int) (at & CHUNK_MASK)) & 0xFFL;
            v |= byteValue << (8 * i);
        }
        return v;
    }

    /** A write that crosses a chunk boundary: byte by byte, little-endian. */
    private void writeSlow(long off, int len, long value) {
        if (len != 1 && len != 2 && len != 4 && len != 8) {
            throw new IllegalArgumentException("size " + len);
        }
        for (int i = 0; i < len; i++) {
            long at = off + i;
            chunkForWrite(at).put((int) (at & CHUNK_MASK), (byte) (value >>> (8 * i)));
        }
    }

    private ByteBuffer chunkForWrite(long off) {
        int i = (int) (off >>> CHUNK_SHIFT);
        ByteBuffer b = (ByteBuffer) CHUNKS.getAcquire(chunks, i);
        return b != null ? b : allocate(i);
    }

    private synchronized ByteBuffer allocate(int i) {
        ByteBuffer b = chunks[i];
        if (b == null) {
            long start = (long) i << CHUNK_SHIFT;
            int len = (int) Math.min(CHUNK_SIZE, size - start);
            try {
                b = ByteBuffer.allocateDirect(len).order(ByteOrder.LITTLE_ENDIAN);
            } catch (OutOfMemoryError e) {
                throw new RamAllocationError(String.format(
                        "the host cannot provide guest RAM at 0x%x..0x%x (%d MiB already allocated): %s",
                        base + start, base + start + len, allocatedBytes() >> 20, e.getMessage()), e);
            }
            CHUNKS.setRelease(chunks, i, b);
        }
        return b;
    }

    private void notifyMarkedPages(long off, int len) {
        int first = (int) (off >>> PAGE_SHIFT);
        int last = (int) ((off + len - 1) >>> PAGE_SHIFT);
        int flags = 0;
        for (int p = first; p <= last; p++) {
            flags |= pageFlags[p];
        }
        if (flags == 0) {
            return;
        }
        if ((flags & CODE) != 0) {
            CodeWriteListener l = codeListener;
            if (l != null) {
                l.codeWritten(base + off, len);
            }
        }
        if ((flags & WATCHED) != 0) {
            WatchListener l = watchListener;
            if (l != null) {
                l.watchedWritten(base + off, len);
            }
        }
    }

    /** The host could not allocate a chunk of guest RAM (the message says which and why, for the user). */
    public static final class RamAllocationError extends IllegalStateException {
        RamAllocationError(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
