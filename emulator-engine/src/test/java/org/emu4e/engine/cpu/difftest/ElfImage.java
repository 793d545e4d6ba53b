package org.emu4e.engine.cpu.difftest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.emu4e.engine.memory.PhysicalBus;

/** Loads the PT_LOAD segments of a little-endian ELF64 file into guest physical memory. */
final class ElfImage {
    private ElfImage() { }

    /** Copies every loadable segment to its p_paddr (the BSS part stays zero) and returns e_entry. */
    static long load(Path elf, PhysicalBus bus) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(elf)).order(ByteOrder.LITTLE_ENDIAN);
        long entry = b.getLong(24);
        long phoff = b.getLong(32);
        int phentsize = b.getShort(54) & 0xFFFF;
        int phnum = b.getShort(56) & 0xFFFF;
        for (int i = 0; i < phnum; i++) {
            int ph = (int) (phoff + (long) i * phentsize);
            if (b.getInt(ph) != 1) { // PT_LOAD
                continue;
            }
            long offset = b.getLong(ph + 8);
            long paddr = b.getLong(ph + 24);
            long filesz = b.getLong(ph + 32);
            byte[] seg = new byte[(int) filesz];
            b.get((int) offset, seg);
            bus.load(paddr, seg);
        }
        return entry;
    }
}
