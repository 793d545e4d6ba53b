package org.emu4e.engine.memory;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * Guest RAM larger than one 2 GiB buffer: chunked, allocated on first touch, accesses that cross
 * a chunk boundary, the code-page listener across chunks. Sparse: a 4 GiB RAM here allocates only
 * the few chunks the test touches.
 */
class RamChunkTest {
    private static final long BASE = 0x4000_0000L;
    private static final long GIB = 1L << 30;
    /** Physical 2 GiB and 4 GiB, the lines a 32-bit offset or an int-indexed buffer would break at. */
    private static final long PA_2G = 2 * GIB;
    private static final long PA_4G = 4 * GIB;

    private final Ram ram = new Ram(BASE, 4 * GIB);

    @Test
    void untouchedRamReadsZeroAndCostsNothing() {
        assertEquals(0, ram.allocatedBytes());
        assertEquals(0, ram.read(PA_4G, 8));
        assertEquals(0, ram.readVolatile64(BASE + 4 * GIB - 8));
        byte[] b = {1, 2, 3};
        ram.readBytes(PA_2G - 1, b, 0, 3);
        assertArrayEquals(new byte[3], b);
        assertEquals(0, ram.allocatedBytes(), "reads allocate nothing");
        ram.write(PA_4G, 1, 0x5A);
        assertEquals(Ram.CHUNK_SIZE, ram.allocatedBytes(), "one write allocates one chunk");
    }

    @Test
    void alignedAccessesOnBothSidesOfTheTwoAndFourGiBLines() {
        long[] addresses = {PA_2G - 8, PA_2G, PA_4G - 8, PA_4G, BASE + 4 * GIB - 8, BASE};
        for (int i = 0; i < addresses.length; i++) {
            ram.write(addresses[i], 8, 0x1111_1111_1111_1111L * (i + 1));
        }
        for (int i = 0; i < addresses.length; i++) {
            assertEquals(0x1111_1111_1111_1111L * (i + 1), ram.read(addresses[i], 8), Long.toHexString(addresses[i]));
            assertEquals(0x1111_1111_1111_1111L * (i + 1), ram.readVolatile64(addresses[i]));
        }
        assertTrue(ram.contains(BASE + 4 * GIB - 8, 8));
        assertFalse(ram.contains(BASE + 4 * GIB - 4, 8));
        assertEquals(6 * Ram.CHUNK_SIZE, ram.allocatedBytes(), "only the six touched chunks");
    }

    @Test
    void unalignedAccessesCrossingAChunkBoundary() {
        for (long line : List.of(PA_2G, PA_4G, BASE + Ram.CHUNK_SIZE)) {
            for (int len : new int[] {2, 4, 8}) {
                for (int before = 1; before < len; before++) {
                    long pa = line - before;
                    long v = 0x8877_6655_4433_2211L >>> (64 - 8 * len);
                    ram.write(pa, len, v);
                    assertEquals(v, ram.read(pa, len), len + " bytes at " + Long.toHexString(pa));
                    // little-endian: the byte at the line is byte number 'before' of the value
                    assertEquals((v >>> (8 * before)) & 0xFF, ram.read(line, 1));
                    assertEquals(v & 0xFF, ram.read(pa, 1));
                }
            }
        }
    }

    @Test
    void crossingReadOfAHalfAllocatedPair() {
        long line = PA_4G + Ram.CHUNK_SIZE; // the chunk above is never written
        ram.write(line - 2, 2, 0xBEEF);
        assertEquals(0xBEEFL, ram.read(line - 2, 4));
        assertEquals(0xBEEF_0000L, ram.read(line - 4, 4));
    }

    @Test
    void bulkCopiesSpanChunks() {
        byte[] src = new byte[3 * 4096 + 7];
        for (int i = 0; i < src.length; i++) {
            src[i] = (byte) (i * 31 + 7);
        }
        long pa = PA_2G - 5000;
        ram.writeBytes(pa, src, 0, src.length);
        byte[] back = new byte[src.length + 2];
        ram.readBytes(pa, back, 1, src.length);
        for (int i = 0; i < src.length; i++) {
            assertEquals(src[i], back[i + 1], "byte " + i);
        }
        assertEquals(src[5000] & 0xFF, ram.read(PA_2G, 1));
    }

    @Test
    void compareAndSetInAFreshChunkAndAboveFourGiB() {
        assertTrue(ram.compareAndSet(PA_4G + 16, 8, 0, 42));
        assertFalse(ram.compareAndSet(PA_4G + 16, 8, 0, 43));
        assertEquals(42, ram.read(PA_4G + 16, 8));
        assertTrue(ram.compareAndSet(PA_2G - 4, 4, 0, 0xFFFF_FFFFL));
        assertEquals(0xFFFF_FFFFL, ram.read(PA_2G - 4, 4));
    }

    @Test
    void codeWritesAreSeenAcrossTheFourGiBLine() {
        List<Long> seen = new ArrayList<>();
        ram.setCodeWriteListener((pa, size) -> seen.add(pa));
        ram.markCode(PA_4G);
        assertTrue(ram.isCode(PA_4G + 4095));
        assertFalse(ram.isCode(PA_4G - 1));
        ram.write(PA_4G - 0x1000, 8, 1);          // page below: not code
        assertEquals(List.of(), seen);
        ram.write(PA_4G - 2, 4, 1);               // crosses into the code page
        ram.writeBytes(PA_4G - 10, new byte[20], 0, 20);
        assertTrue(ram.compareAndSet(PA_4G + 8, 8, 0, 1));
        assertEquals(List.of(PA_4G - 2, PA_4G - 10, PA_4G + 8), seen);
        ram.unmarkCode(PA_4G);
        assertFalse(ram.isCode(PA_4G));
    }

    @Test
    void concurrentFirstTouchesAgreeOnOneChunk() throws Exception {
        AtomicLong sum = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long word = PA_4G + 3 * Ram.CHUNK_SIZE; // a chunk nobody touched
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 1000; i++) {
                    long old;
                    do {
                        old = ram.read(word, 8);
                    } while (!ram.compareAndSet(word, 8, old, old + 1));
                    sum.incrementAndGet();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(4000, ram.read(word, 8));
        assertEquals(Ram.CHUNK_SIZE, ram.allocatedBytes());
    }

    @Test
    void sizeLimitsAndAShortLastChunk() {
        Ram small = new Ram(BASE, (1L << 20) + 3);
        small.write(BASE + (1L << 20), 2, 0xABCD);
        assertEquals((1L << 20) + 3, small.allocatedBytes(), "the last chunk is only as long as the RAM");
        assertEquals(0xABCDL, small.read(BASE + (1L << 20), 2));
        assertThrows(IllegalArgumentException.class, () -> new Ram(BASE, 0));
        assertThrows(IllegalArgumentException.class, () -> new Ram(BASE, Ram.MAX_SIZE + 1));
        Ram huge = new Ram(BASE, 255 * GIB); // QEMU virt's largest: only the tables exist
        assertEquals(0, huge.read(BASE + 255 * GIB - 8, 8));
        assertEquals(0, huge.allocatedBytes());
    }
}
