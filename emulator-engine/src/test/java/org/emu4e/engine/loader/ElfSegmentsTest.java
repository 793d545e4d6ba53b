package org.emu4e.engine.loader;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

/** ELF files with several PT_LOAD segments: overlapping ones are refused, adjacent ones load. */
public class ElfSegmentsTest {
    static final long RAM = 0x4000_0000L;
    static final long SIZE = 16L << 20;

    /** An ELF64 AArch64 executable with one PT_LOAD per {address, fileSize, memSize} triple. */
    public static byte[] elf(long entry, long[]... segments) {
        int n = segments.length;
        int dataAt = 64 + 56 * n;
        int total = dataAt;
        for (long[] s : segments) {
            total += (int) s[1];
        }
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0});
        b.position(16);
        b.putShort((short) 2).putShort((short) 183).putInt(1).putLong(entry).putLong(64).putLong(0)
                .putInt(0).putShort((short) 64).putShort((short) 56).putShort((short) n)
                .putShort((short) 64).putShort((short) 0).putShort((short) 0);
        long off = dataAt;
        for (long[] s : segments) {
            b.putInt(1).putInt(5).putLong(off).putLong(s[0]).putLong(s[0]).putLong(s[1]).putLong(s[2]).putLong(0x1000);
            off += s[1];
        }
        return b.array();
    }

    @Test
    void overlappingSegmentsAreRefusedNamingBoth() {
        byte[] f = elf(RAM, new long[] {RAM + 0x2000, 0x100, 0x100}, new long[] {RAM, 0x100, 0x2001});
        LoadException e = assertThrows(LoadException.class, () -> ElfLoader.load("o.elf", f, RAM, SIZE));
        assertEquals("o.elf: segments at 0x40000000..0x40002001 and 0x40002000..0x40002100 overlap", e.getMessage());
        byte[] same = elf(RAM, new long[] {RAM, 8, 8}, new long[] {RAM + 4, 8, 8});
        assertTrue(assertThrows(LoadException.class, () -> ElfLoader.load("s.elf", same, RAM, SIZE))
                .getMessage().contains("overlap"));
    }

    @Test
    void adjacentSegmentsLoad() throws Exception {
        BootImage img = ElfLoader.load("a.elf",
                elf(RAM, new long[] {RAM, 0x100, 0x1000}, new long[] {RAM + 0x1000, 0x10, 0x10}), RAM, SIZE);
        assertEquals(2, img.segments().size());
        assertEquals(RAM + 0x1010, img.high());
    }
}
