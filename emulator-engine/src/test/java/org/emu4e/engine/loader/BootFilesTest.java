package org.emu4e.engine.loader;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootFilesTest {
    static final long RAM = 0x4000_0000L;
    static final long SIZE = 256L << 20;

    static byte[] image(long textOffset, long imageSize, int length) {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 0x91005a4d).putLong(8, textOffset).putLong(16, imageSize).putInt(0x38, LinuxImageLoader.MAGIC);
        return b.array();
    }

    @Test
    void linuxImageAtTextOffset(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("Image");
        Files.write(f, image(0x80000, 0x20000, 4096));
        BootImage img = BootFiles.loadKernel(f, RAM, SIZE);
        assertEquals(BootImage.Kind.LINUX_IMAGE, img.kind());
        assertEquals(RAM + 0x80000, img.entry());
        assertEquals(RAM + 0x80000 + 0x20000, img.high());
        long initrd = BootFiles.initrdAddress(img, 1000, RAM, SIZE);
        assertEquals(RAM + (128L << 20), initrd, "QEMU: base + min(ram/2, 128M)");
        long dtb = BootFiles.dtbAddress(img, initrd + 1000, 0x1000, RAM, SIZE);
        assertEquals(RAM + (130L << 20), dtb, "2 MiB aligned after the initrd");
        assertEquals(RAM + (2L << 20), BootFiles.dtbAddress(img, img.high(), 0x1000, RAM, SIZE));
    }

    @Test
    void oldImageWithoutSize(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("Image");
        Files.write(f, image(0, 0, 8192));
        BootImage img = BootFiles.loadKernel(f, RAM, SIZE);
        assertEquals(RAM + 0x80000, img.entry(), "image_size 0: text_offset 0x80000");
        Files.write(f, image(0, 0x10000, 8192));
        assertEquals(RAM + (2L << 20), BootFiles.loadKernel(f, RAM, SIZE).entry(),
                "text_offset below 4 KiB: 2 MiB above RAM base, as QEMU virt");
    }

    @Test
    void badImages(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("Image");
        Files.write(f, image(0x123, 0x1000, 4096));
        assertTrue(assertThrows(LoadException.class, () -> BootFiles.loadKernel(f, RAM, SIZE))
                .getMessage().contains("text_offset"));
        Files.write(f, image(0x80000, 1L << 40, 4096));
        assertTrue(assertThrows(LoadException.class, () -> BootFiles.loadKernel(f, RAM, SIZE))
                .getMessage().contains("does not fit"));
    }

    @Test
    void rawBinaryAtRamBasePlus0x80000(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("raw.bin");
        Files.write(f, new byte[] {0x1f, 0x20, 0x03, (byte) 0xd5});
        BootImage img = BootFiles.loadKernel(f, RAM, SIZE);
        assertEquals(BootImage.Kind.RAW, img.kind());
        assertEquals(RAM + 0x80000, img.entry(), "QEMU virt: raw AArch64 kernels at RAM base + 0x80000");
        assertEquals(List.of(RAM + 0x80000), img.segments().stream().map(BootImage.Segment::address).toList());
        long dtb = BootFiles.dtbAddress(img, img.high(), 0x1000, RAM, SIZE);
        assertEquals(RAM + (2L << 20), dtb);
    }

    @Test
    void elfLeavesRoomForDtbAtRamBase() throws Exception {
        BootImage img = ElfLoader.load("e", ElfLoaderTest.elf(RAM + 0x80000, new byte[8], 0, RAM + 0x80000), RAM, SIZE);
        assertEquals(RAM, BootFiles.dtbAddress(img, img.high(), 0x1000, RAM, SIZE), "like QEMU for bare-metal ELF");
        BootImage low = ElfLoader.load("e", ElfLoaderTest.elf(RAM, new byte[8], 0, RAM), RAM, SIZE);
        assertEquals(RAM + (2L << 20), BootFiles.dtbAddress(low, low.high(), 0x1000, RAM, SIZE));
    }

    @Test
    void dtbAtTopWhenNoRoomAfter() throws Exception {
        long small = 4L << 20;
        long end = RAM + small - (1 << 20);
        assertEquals(RAM + small - 0x1000, BootFiles.dtbAddress(null, end, 0x1000, RAM, small),
                "no 2 MiB slot left: last bytes of RAM");
        assertThrows(LoadException.class, () -> BootFiles.dtbAddress(null, RAM + small, 0x1000, RAM, small));
        assertThrows(LoadException.class, () -> BootFiles.dtbAddress(null, RAM, 3 << 20, RAM, SIZE));
    }

    @Test
    void missingAndEmptyFiles(@TempDir Path tmp) throws Exception {
        assertTrue(assertThrows(LoadException.class, () -> BootFiles.loadKernel(tmp.resolve("nope"), RAM, SIZE))
                .getMessage().contains("cannot read kernel"));
        Path e = tmp.resolve("empty");
        Files.write(e, new byte[0]);
        assertTrue(assertThrows(LoadException.class, () -> BootFiles.loadKernel(e, RAM, SIZE))
                .getMessage().contains("empty"));
        Path big = tmp.resolve("big");
        Files.write(big, new byte[2 << 20]);
        assertThrows(LoadException.class, () -> BootFiles.loadKernel(big, RAM, 1 << 20));
        assertThrows(LoadException.class, () -> BootFiles.initrdAddress(null, SIZE, RAM, SIZE));
    }
}
