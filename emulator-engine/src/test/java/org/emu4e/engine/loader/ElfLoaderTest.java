package org.emu4e.engine.loader;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.emu4e.engine.memory.PhysicalBus;
import org.emu4e.engine.memory.Ram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class ElfLoaderTest {
    static final long RAM = 0x4000_0000L;
    static final long SIZE = 16L << 20;

    /** A minimal ELF64 LE AArch64 executable with one PT_LOAD segment of {@code code} + bss. */
    static byte[] elf(long paddr, byte[] code, long bss, long entry) {
        ByteBuffer b = ByteBuffer.allocate(64 + 56 + code.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0});
        b.position(16);
        b.putShort((short) 2).putShort((short) 183).putInt(1).putLong(entry).putLong(64).putLong(0)
                .putInt(0).putShort((short) 64).putShort((short) 56).putShort((short) 1)
                .putShort((short) 64).putShort((short) 0).putShort((short) 0);
        b.putInt(1).putInt(5).putLong(120).putLong(paddr).putLong(paddr).putLong(code.length)
                .putLong(code.length + bss).putLong(0x1000);
        b.put(code);
        return b.array();
    }

    /** An ELF with "mov x0, #1; b ." at {@code at}, for board tests. */
    public static byte[] elfForBoard(long at) {
        byte[] code = {0x20, 0x00, (byte) 0x80, (byte) 0xd2, 0x00, 0x00, 0x00, 0x14};
        return elf(at, code, 0x100, at);
    }

    private static LoadException fails(byte[] f) {
        return assertThrows(LoadException.class, () -> ElfLoader.load("t.elf", f, RAM, SIZE));
    }

    @Test
    void loadsSegmentAndZeroesBss() throws Exception {
        byte[] code = {1, 2, 3, 4, 5, 6, 7, 8};
        BootImage img = ElfLoader.load("t.elf", elf(RAM + 0x8_0000, code, 0x2000, RAM + 0x8_0004), RAM, SIZE);
        assertEquals(RAM + 0x8_0004, img.entry());
        assertEquals(RAM + 0x8_0000, img.low());
        assertEquals(RAM + 0x8_0000 + 8 + 0x2000, img.high());
        PhysicalBus bus = new PhysicalBus(new ReentrantLock());
        Ram ram = new Ram(RAM, SIZE);
        bus.addRam(ram);
        bus.load(RAM + 0x8_0008, new byte[] {9, 9, 9, 9}); // stale bytes where bss goes
        img.loadInto(bus);
        assertEquals(0x0807060504030201L, bus.read(RAM + 0x8_0000, 8));
        assertEquals(0, bus.read(RAM + 0x8_0008, 4), "bss zeroed");
    }

    @Test
    void malformedFilesGiveClearErrors() {
        byte[] good = elf(RAM, new byte[16], 0, RAM);
        assertTrue(fails(java.util.Arrays.copyOf(good, 40)).getMessage().contains("truncated ELF header"));
        byte[] cls = good.clone();
        cls[4] = 1;
        assertTrue(fails(cls).getMessage().contains("not a 64-bit ELF"));
        byte[] be = good.clone();
        be[5] = 2;
        assertTrue(fails(be).getMessage().contains("little-endian"));
        byte[] arm = good.clone();
        arm[18] = 40; // EM_ARM
        assertTrue(fails(arm).getMessage().contains("not AArch64"));
        byte[] rel = good.clone();
        rel[16] = 1; // ET_REL
        assertTrue(fails(rel).getMessage().contains("not an executable"));
        assertTrue(fails(java.util.Arrays.copyOf(good, 100)).getMessage().contains("program headers run past"));
        assertTrue(fails(java.util.Arrays.copyOf(good, 125)).getMessage().contains("runs past the end"));
        assertTrue(fails(elf(0x1000, new byte[4], 0, 0x1000)).getMessage().contains("outside RAM"));
        assertTrue(fails(elf(RAM + SIZE - 4, new byte[4], 4, RAM)).getMessage().contains("outside RAM"));
        assertTrue(fails(elf(RAM, new byte[4], 0, 0x10)).getMessage().contains("entry point"));
        byte[] nophdr = good.clone();
        nophdr[56] = 0;
        assertTrue(fails(nophdr).getMessage().contains("no program headers"));
        byte[] noload = good.clone();
        noload[64] = 4; // PT_NOTE
        assertTrue(fails(noload).getMessage().contains("no loadable"));
        byte[] bigfile = good.clone();
        ByteBuffer.wrap(bigfile).order(ByteOrder.LITTLE_ENDIAN).putLong(64 + 32, 1L << 40);
        assertTrue(fails(bigfile).getMessage().contains("file size"));
    }

    @Test
    void randomCorruptionNeverCrashes() {
        byte[] good = elf(RAM + 0x1000, new byte[64], 0x100, RAM + 0x1000);
        java.util.Random r = new java.util.Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] f = good.clone();
            for (int k = 0; k < 4; k++) {
                f[8 + r.nextInt(f.length - 8)] = (byte) r.nextInt();
            }
            try {
                ElfLoader.load("fuzz", f, RAM, SIZE);
            } catch (LoadException expected) {
                // fine: a clear error
            }
        }
    }

    @Test
    void toolchainElf(@TempDir Path tmp) throws Exception {
        Path s = tmp.resolve("t.s");
        Files.writeString(s, ".text\n.globl _start\n_start: mov x0, #1\n b .\n.bss\n.space 4096\n");
        Path o = tmp.resolve("t.o");
        Path e = tmp.resolve("t.elf");
        run(List.of("aarch64-linux-gnu-as", "-o", o.toString(), s.toString()));
        run(List.of("aarch64-linux-gnu-ld", "-Ttext=0x40080000", "-o", e.toString(), o.toString()));
        BootImage img = BootFiles.loadKernel(e, RAM, SIZE);
        assertEquals(BootImage.Kind.ELF, img.kind());
        assertEquals(0x4008_0000L, img.entry());
        assertTrue(img.high() >= 0x4008_0000L + 4096);
    }

    private static void run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);
    }
}
