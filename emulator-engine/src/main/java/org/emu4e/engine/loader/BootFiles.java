package org.emu4e.engine.loader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns -kernel/-initrd/-dtb files into what the board copies into RAM, and decides where
 * things go, following QEMU 7.2's hw/arm/boot.c policy:
 * <ul>
 * <li>kernel: ELF (segments at their addresses), Linux arm64 Image (RAM base + text_offset, see
 *     {@link LinuxImageLoader}), anything else raw at RAM base + 0x80000, entered there;</li>
 * <li>initrd: at RAM base + min(RAM/2, 128 MiB), or after the kernel if that is higher;</li>
 * <li>device tree: for an ELF that leaves room below it, at the start of RAM (as QEMU does for
 *     bare-metal ELF images); for a raw or Image kernel 2 MiB aligned after the initrd, or after
 *     the place the initrd would have (also without -initrd); otherwise after the kernel, 2 MiB
 *     aligned; if that does not fit, in the last 2 MiB-aligned slot of RAM.</li>
 * </ul>
 */
public final class BootFiles {
    private static final long ALIGN_2M = 2L << 20;
    /** Offset from the start of RAM where a raw AArch64 kernel is loaded and entered. */
    public static final long RAW_OFFSET = 0x80000;

    private BootFiles() { }

    /** Reads and recognises a kernel file. */
    public static BootImage loadKernel(Path file, long ramBase, long ramSize) throws LoadException {
        byte[] f = read(file, "kernel", ramSize);
        String name = file.toString();
        if (ElfLoader.isElf(f)) {
            return ElfLoader.load(name, f, ramBase, ramSize);
        }
        if (LinuxImageLoader.isImage(f)) {
            return LinuxImageLoader.load(name, f, ramBase, ramSize);
        }
        if (f.length == 0) {
            throw new LoadException(name + ": kernel file is empty");
        }
        if (f.length > ramSize - RAW_OFFSET) {
            throw new LoadException(name + ": raw image (" + f.length + " bytes) does not fit in RAM above RAM base + 0x80000");
        }
        long at = ramBase + RAW_OFFSET;
        return new BootImage(BootImage.Kind.RAW, List.of(new BootImage.Segment(at, f, f.length)), at, at, at + f.length);
    }

    /** Reads a file (initrd, dtb, kernel) with a size limit and a clear error. */
    public static byte[] read(Path file, String what, long limit) throws LoadException {
        try {
            long size = Files.size(file);
            if (size > limit) {
                throw new LoadException(file + ": " + what + " of " + size + " bytes does not fit in RAM");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new LoadException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    /** Where the initrd goes (QEMU: loader_start + min(ram/2, 128 MiB), never over the kernel). */
    public static long initrdAddress(BootImage kernel, long size, long ramBase, long ramSize) throws LoadException {
        long at = ramBase + Math.min(ramSize / 2, 128L << 20);
        if (kernel != null && kernel.high() > at) {
            at = (kernel.high() + 0xFFF) & ~0xFFFL;
        }
        if (at - ramBase + size > ramSize) {
            throw new LoadException("initrd of " + size + " bytes does not fit in RAM after the kernel");
        }
        return at;
    }

    /**
     * Where the device tree goes.
     *
     * @param usedEnd end of the kernel or initrd, whichever is higher (ramBase if none)
     */
    public static long dtbAddress(BootImage kernel, long usedEnd, int dtbSize, long ramBase, long ramSize)
            throws LoadException {
        if (dtbSize > ALIGN_2M) {
            throw new LoadException("device tree of " + dtbSize + " bytes is larger than 2 MiB");
        }
        if (kernel != null && kernel.kind() == BootImage.Kind.ELF && kernel.low() - ramBase >= dtbSize) {
            return ramBase;
        }
        long ramEnd = ramBase + ramSize;
        long at = (usedEnd + ALIGN_2M - 1) & -ALIGN_2M;
        if (at + dtbSize <= ramEnd) {
            return at;
        }
        at = (ramEnd - dtbSize) & -ALIGN_2M;
        if (at < usedEnd) {
            at = (ramEnd - dtbSize) & ~7L;
        }
        if (at < usedEnd) {
            throw new LoadException("no room for the device tree in RAM after the kernel and initrd");
        }
        return at;
    }
}
