package org.emu4e.engine.loader;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Loads a Linux arm64 {@code Image} (Linux Documentation/arch/arm64/booting.rst): a 64-byte
 * header with magic "ARM\x64" at offset 0x38, text_offset at 0x08 and image_size at 0x10. The
 * image goes at a 2 MiB aligned base plus text_offset; entry is its first byte. The base is the
 * start of RAM, or 2 MiB above it when text_offset is below 4 KiB (as QEMU's virt board places
 * it: its boot stub owns the first page of RAM; booting.rst allows any 2 MiB-aligned base).
 */
public final class LinuxImageLoader {
    public static final int MAGIC = 0x644D_5241; // "ARM\x64" little-endian
    private static final long ALIGN_2M = 2L << 20;

    private LinuxImageLoader() { }

    public static boolean isImage(byte[] f) {
        return f.length >= 64 && ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).getInt(0x38) == MAGIC;
    }

    public static BootImage load(String name, byte[] f, long ramBase, long ramSize) throws LoadException {
        if (!isImage(f)) {
            throw new LoadException(name + ": no arm64 Image header (magic ARM\\x64 at 0x38)");
        }
        ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
        long textOffset = b.getLong(0x08);
        long imageSize = b.getLong(0x10);
        if (imageSize == 0) {
            textOffset = 0x80000; // booting.rst: image_size 0 means a pre-3.17 kernel with text_offset 0x80000
            imageSize = f.length;
        }
        if (textOffset < 0 || textOffset >= ramSize || imageSize < 0 || (textOffset & 0xFFF) != 0) {
            throw new LoadException(String.format("%s: implausible text_offset 0x%x", name, textOffset));
        }
        long base = (ramBase + ALIGN_2M - 1) & -ALIGN_2M;
        if (textOffset < 0x1000) {
            base += ALIGN_2M;
        }
        long start = base + textOffset;
        long size = Math.max(imageSize, f.length);
        if (start - ramBase + size > ramSize) {
            throw new LoadException(String.format("%s: kernel of 0x%x bytes at 0x%x does not fit in RAM (%d MiB)",
                    name, size, start, ramSize >> 20));
        }
        return new BootImage(BootImage.Kind.LINUX_IMAGE, List.of(new BootImage.Segment(start, f.clone(), size)),
                start, start, start + size);
    }
}
