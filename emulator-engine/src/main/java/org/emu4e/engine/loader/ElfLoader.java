package org.emu4e.engine.loader;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads an ELF64 little-endian AArch64 executable (ELF specification, "ELF-64 Object File
 * Format"; AArch64 ELF ABI for EM_AARCH64): every PT_LOAD segment at its physical address
 * (p_paddr, as QEMU does), with p_memsz - p_filesz zero bytes after the file bytes, entry at
 * e_entry. Every malformed or out-of-RAM input is a {@link LoadException}, never a crash.
 */
public final class ElfLoader {
    public static final int EM_AARCH64 = 183;
    private static final int PT_LOAD = 1;

    private ElfLoader() { }

    public static boolean isElf(byte[] f) {
        return f.length >= 4 && f[0] == 0x7F && f[1] == 'E' && f[2] == 'L' && f[3] == 'F';
    }

    public static BootImage load(String name, byte[] f, long ramBase, long ramSize) throws LoadException {
        if (!isElf(f)) {
            throw new LoadException(name + ": not an ELF file");
        }
        if (f.length < 64) {
            throw new LoadException(name + ": truncated ELF header (" + f.length + " bytes)");
        }
        if (f[4] != 2) {
            throw new LoadException(name + ": not a 64-bit ELF (EI_CLASS " + f[4] + "); AArch64 needs ELFCLASS64");
        }
        if (f[5] != 1) {
            throw new LoadException(name + ": not a little-endian ELF (EI_DATA " + f[5] + ")");
        }
        ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
        int type = b.getShort(16) & 0xFFFF;
        int machine = b.getShort(18) & 0xFFFF;
        if (machine != EM_AARCH64) {
            throw new LoadException(name + ": ELF machine " + machine + " is not AArch64 (" + EM_AARCH64 + ")");
        }
        if (type != 2 && type != 3) {
            throw new LoadException(name + ": ELF type " + type + " is not an executable (ET_EXEC or ET_DYN)");
        }
        long entry = b.getLong(24);
        long phoff = b.getLong(32);
        int phentsize = b.getShort(54) & 0xFFFF;
        int phnum = b.getShort(56) & 0xFFFF;
        if (phnum == 0) {
            throw new LoadException(name + ": ELF has no program headers");
        }
        if (phentsize < 56) {
            throw new LoadException(name + ": bad program header size " + phentsize);
        }
        if (phoff < 0 || phoff > f.length || (long) phnum * phentsize > f.length - phoff) {
            throw new LoadException(name + ": truncated ELF: program headers run past the end of the file");
        }
        List<BootImage.Segment> segs = new ArrayList<>();
        long physicalEntry = -1;
        long low = Long.MAX_VALUE;
        long high = 0;
        for (int i = 0; i < phnum; i++) {
            int ph = (int) (phoff + (long) i * phentsize);
            if (b.getInt(ph) != PT_LOAD) {
                continue;
            }
            long offset = b.getLong(ph + 8);
            long vaddr = b.getLong(ph + 16);
            long paddr = b.getLong(ph + 24);
            long filesz = b.getLong(ph + 32);
            long memsz = b.getLong(ph + 40);
            if (memsz == 0) {
                continue;
            }
            if (filesz < 0 || memsz < 0 || filesz > memsz) {
                throw new LoadException(String.format("%s: segment %d has file size 0x%x > memory size 0x%x",
                        name, i, filesz, memsz));
            }
            if (offset < 0 || offset > f.length || filesz > f.length - offset) {
                throw new LoadException(String.format("%s: truncated ELF: segment %d (offset 0x%x, size 0x%x) "
                        + "runs past the end of the file (%d bytes)", name, i, offset, filesz, f.length));
            }
            if (Long.compareUnsigned(paddr, ramBase) < 0 || memsz > ramSize
                    || Long.compareUnsigned(paddr - ramBase, ramSize - memsz) > 0) {
                throw new LoadException(String.format("%s: segment %d at 0x%x..0x%x is outside RAM 0x%x..0x%x",
                        name, i, paddr, paddr + memsz, ramBase, ramBase + ramSize));
            }
            byte[] data = new byte[(int) filesz];
            System.arraycopy(f, (int) offset, data, 0, (int) filesz);
            segs.add(new BootImage.Segment(paddr, data, memsz));
            if (Long.compareUnsigned(entry - vaddr, memsz) < 0) {
                physicalEntry = paddr + (entry - vaddr); // entry given as a virtual address
            }
            low = Math.min(low, paddr);
            high = Math.max(high, paddr + memsz);
        }
        if (segs.isEmpty()) {
            throw new LoadException(name + ": ELF has no loadable (PT_LOAD) segments");
        }
        checkNoOverlap(name, segs);
        if (physicalEntry == -1) {
            if (Long.compareUnsigned(entry - ramBase, ramSize) >= 0) {
                throw new LoadException(String.format("%s: entry point 0x%x is outside RAM and every segment",
                        name, entry));
            }
            physicalEntry = entry;
        }
        return new BootImage(BootImage.Kind.ELF, List.copyOf(segs), physicalEntry, low, high);
    }

    /** Two PT_LOAD segments claiming the same bytes: which wins is undefined, so refuse (as QEMU's loader does). */
    private static void checkNoOverlap(String name, List<BootImage.Segment> segs) throws LoadException {
        List<BootImage.Segment> sorted = new ArrayList<>(segs);
        sorted.sort((a, b) -> Long.compareUnsigned(a.address(), b.address()));
        for (int i = 1; i < sorted.size(); i++) {
            BootImage.Segment a = sorted.get(i - 1);
            BootImage.Segment b = sorted.get(i);
            if (Long.compareUnsigned(b.address(), a.address() + a.memSize()) < 0) {
                throw new LoadException(String.format("%s: segments at 0x%x..0x%x and 0x%x..0x%x overlap", name,
                        a.address(), a.address() + a.memSize(), b.address(), b.address() + b.memSize()));
            }
        }
    }
}
