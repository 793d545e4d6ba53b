package org.emu4e.engine.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.emu4e.engine.loader.ElfLoaderTest;
import org.emu4e.engine.loader.ElfSegmentsTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input on the command line: each case exits with status 1 and one line on stderr,
 * "emu4e: ..." naming the flag or the file, and never a stack trace. Run in-process (fast) and,
 * for a few cases, in a fresh JVM as a user runs it.
 */
@Timeout(120) // a case the CLI wrongly accepts would start a machine with no kernel
class BadInputTest {
    private static final long RAM = 0x4000_0000L;

    @TempDir
    Path tmp;

    /** Runs the CLI in-process; asserts exit 1 and one "emu4e: " line containing every {@code words}. */
    private static String fails(List<String> args, String... words) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main(new PrintStream(out, true), new PrintStream(err, true), new ByteArrayInputStream(new byte[0]))
                .run(args);
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, args + " -> " + e);
        assertEquals(1, e.lines().count(), "one line for " + args + ": " + e);
        assertTrue(e.startsWith("emu4e: "), e);
        for (String w : words) {
            assertTrue(e.contains(w), args + ": '" + w + "' not in: " + e);
        }
        assertFalse(e.contains("Exception") || e.contains("\tat "), e);
        return e;
    }

    private static List<String> args(String... a) {
        return new ArrayList<>(Arrays.asList(a));
    }

    private Path file(String name, byte[] content) throws Exception {
        Path p = tmp.resolve(name);
        Files.write(p, content);
        return p;
    }

    @Test
    void unknownAndMalformedFlags() {
        fails(args("-frobnicate"), "-frobnicate", "unknown option");
        fails(args("--frobnicate"), "--frobnicate");
        fails(args("-kernel"), "-kernel", "missing value");
        fails(args("-kernel", ""), "-kernel", "empty file name");
        fails(args("-M", "raspi3b"), "-M", "raspi3b");
        fails(args("-machine", "virt,iommu=smmuv3"), "-machine", "iommu=smmuv3");
        fails(args("-cpu", "cortex-a72"), "-cpu", "cortex-a72");
        fails(args("-serial", "pty"), "-serial", "pty");
        fails(args("-gdb", "tcp::99999"), "-gdb", "port");
    }

    @Test
    void cpuCounts() {
        fails(args("-smp", "0"), "-smp", "0");
        fails(args("-smp", "65"), "-smp", "65");
        fails(args("-smp", "-1"), "-smp");
        fails(args("-smp", "four"), "-smp", "four");
        fails(args("-smp", ""), "-smp");
        fails(args("-smp", "99999999999"), "-smp");
    }

    @Test
    void ramSizes() {
        fails(args("-m", "0"), "-m", "0");
        fails(args("-m", "512K"), "-m", "512K");
        fails(args("-m", "1T"), "-m", "1T");
        fails(args("-m", "abc"), "-m", "abc");
        fails(args("-m", "12X"), "-m", "12X");
        fails(args("-m", "-5"), "-m");
        fails(args("-m", "G"), "-m");
        fails(args("-m", "99999999999999G"), "-m");
        fails(args("-m", "4G,slots=2,maxmem=8G"), "-m");
    }

    @Test
    void kernelFiles() throws Exception {
        fails(args("-kernel", tmp.resolve("missing.elf").toString()), "missing.elf");
        fails(args("-kernel", tmp.toString()), tmp.toString());
        fails(args("-kernel", file("empty", new byte[0]).toString()), "empty");
        Path truncated = file("truncated.elf", Arrays.copyOf(ElfLoaderTest.elfForBoard(RAM + 0x8_0000), 100));
        fails(args("-kernel", truncated.toString()), "truncated.elf", "truncated");
        Path header = file("header.elf", new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0});
        fails(args("-kernel", header.toString()), "header.elf", "truncated ELF header");
        byte[] arm32 = ElfLoaderTest.elfForBoard(RAM + 0x8_0000);
        arm32[4] = 1;
        fails(args("-kernel", file("arm32.elf", arm32).toString()), "arm32.elf", "64-bit");
        Path overlap = file("overlap.elf",
                ElfSegmentsTest.elf(RAM, new long[] {RAM, 0x10, 0x2000}, new long[] {RAM + 0x1000, 0x10, 0x10}));
        fails(args("-kernel", overlap.toString()), "overlap.elf", "overlap");
        Path low = file("low.elf", ElfLoaderTest.elfForBoard(0x1000_0000L));
        fails(args("-kernel", low.toString()), "low.elf", "outside RAM");
        Path high = file("high.elf", ElfLoaderTest.elfForBoard(RAM + (64L << 20)));
        fails(args("-m", "64M", "-kernel", high.toString()), "high.elf", "outside RAM");
    }

    @Test
    void ramTooSmallForKernelInitrdOrDtb() throws Exception {
        Path raw = file("raw.bin", new byte[3 << 20]);
        fails(args("-m", "2M", "-kernel", raw.toString()), "raw.bin", "RAM");
        Path small = file("small.bin", new byte[] {0x1f, 0x20, 0x03, (byte) 0xd5});
        Path initrd = file("initrd.img", new byte[3 << 20]);
        fails(args("-m", "4M", "-kernel", small.toString(), "-initrd", initrd.toString()), "initrd");
        fails(args("-kernel", small.toString(), "-initrd", tmp.resolve("nope.img").toString()), "nope.img");
        Path kernelFillsRam = file("big.bin", new byte[(4 << 20) - 0x80000 - 64]); // raw: at RAM base + 0x80000
        fails(args("-m", "4M", "-kernel", kernelFillsRam.toString()), "device tree");
        fails(args("-kernel", small.toString(), "-dtb", file("junk.dtb", new byte[100]).toString()), "junk.dtb");
        fails(args("-kernel", small.toString(), "-dtb", tmp.resolve("none.dtb").toString()), "none.dtb");
    }

    @Test
    void inAFreshJvmToo() throws Exception {
        Path truncated = file("cut.elf", Arrays.copyOf(ElfLoaderTest.elfForBoard(RAM + 0x8_0000), 90));
        for (List<String> a : List.of(args("-kernel", truncated.toString()), args("-smp", "0"), args("-bogus"))) {
            CliProcess.Result r = CliProcess.run(List.of(), a, 60);
            assertEquals(1, r.exit(), a + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("emu4e: "), r.err());
            assertEquals("", r.out());
        }
    }
}
