package org.emu4e.engine.board.virt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.emu4e.engine.cli.Main;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where the boot files go, compared with qemu-system-aarch64 (7.2) -M virt -m 128M on the same
 * command line: a position-independent probe prints its own address, X0 and the first word at
 * X0 and at the start of RAM (0xd00dfeed read little-endian shows the device tree). For each
 * kind of -kernel (raw binary, arm64 Image with text_offset 0, 0x80000, or a pre-3.17 header
 * with image_size 0, ELF) and -bios, with and without -initrd: the same entry point, the same
 * device tree address, and for the Linux kinds the same linux,initrd-start/end in the dumped
 * tree (-M virt,dumpdtb=FILE).
 *
 * <p>QEMU's rules (hw/arm/boot.c behaviour, checked here): a raw image is loaded and entered at
 * RAM base + 0x80000; an Image at RAM base + text_offset, + 2 MiB when text_offset is below
 * 4 KiB (booting.rst allows any 2 MiB-aligned base; QEMU keeps its boot stub at RAM base, which
 * emu4e does not need: the boot CPU starts at the entry with X0 set); the initrd at RAM base + min(RAM/2,
 * 128 MiB); the tree of a raw/Image boot 2 MiB-aligned after the initrd's place, with or without
 * an initrd. An ELF or -bios image finds the tree at the start of RAM. Where emu4e gives more
 * than QEMU: X0 = the tree's address for an ELF or -bios image too (QEMU leaves X0 = 0), and an
 * ELF image's -initrd is loaded and named in /chosen (QEMU ignores -initrd for ELF).
 */
class BootPlacementQemuTest {
    private static final String PROBE = """
                .text
                .globl _start
            _start:
                b 1f
                .word 0
                .quad TEXT_OFFSET
                .quad IMAGE_SIZE
                .quad 0, 0, 0, 0
                .ascii MAGIC
                .word 0
            1:  mov x19, x0
                adr x20, _start
                ldr x21, =0x09000000
                adr x1, s_pc
                bl puts
                mov x1, x20
                bl puthex
                adr x1, s_x0
                bl puts
                mov x1, x19
                bl puthex
                adr x1, s_dtb
                bl puts
                mov x1, #0
                cbz x19, 2f
                ldr w1, [x19]
            2:  bl puthex
                adr x1, s_ram
                bl puts
                mov x1, #0x40000000
                ldr w1, [x1]
                bl puthex
                adr x1, s_nl
                bl puts
                ldr w0, =0x84000008
                hvc #0
            3:  b 3b
            puts: ldrb w2, [x1], #1
                cbz w2, 9f
                str w2, [x21]
                b puts
            9:  ret
            puthex: mov x3, #60
            4:  lsr x2, x1, x3
                and x2, x2, #15
                cmp x2, #10
                add x4, x2, #'0'
                add x5, x2, #('a'-10)
                csel x2, x4, x5, lo
                str w2, [x21]
                subs x3, x3, #4
                b.ge 4b
                ret
            s_pc: .asciz "pc=0x"
            s_x0: .asciz " x0=0x"
            s_dtb: .asciz " [x0]=0x"
            s_ram: .asciz " [ram]=0x"
            s_nl: .asciz "\\n"
            """;

    @TempDir
    static Path dir;

    @BeforeAll
    static void tools() {
        for (String tool : List.of("qemu-system-aarch64", "aarch64-linux-gnu-gcc", "aarch64-linux-gnu-objcopy")) {
            Assumptions.assumeTrue(onPath(tool), tool + " not installed");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"raw", "image-text-offset-0", "image-text-offset-80000", "image-size-0", "elf", "bios"})
    void sameEntryAndDeviceTreeAsQemu(String kind) throws Exception {
        Path image = build(kind);
        String option = kind.equals("bios") ? "-bios" : "-kernel";
        for (boolean initrd : new boolean[] {false, true}) {
            List<String> args = new ArrayList<>(List.of("-M", "virt", "-cpu", "cortex-a53", "-m", "128M", "-nographic",
                    option, image.toString()));
            if (initrd && !kind.equals("bios")) {
                Path rd = dir.resolve("initrd.img");
                Files.write(rd, new byte[12345]);
                args.addAll(List.of("-initrd", rd.toString()));
            }
            String qemu = qemu(args);
            String emu = emu4e(args);
            String what = kind + (initrd ? " with -initrd" : "");
            Matcher q = line(qemu, what + " on QEMU");
            Matcher e = line(emu, what + " on emu4e");
            assertEquals(q.group(1), e.group(1), what + ": entry point (QEMU: " + qemu.strip() + ")");
            if (kind.equals("elf") || kind.equals("bios")) {
                assertEquals(q.group(5), e.group(5), what + ": word at the start of RAM");
                assertEquals(0L, Long.parseUnsignedLong(q.group(2), 16), what + ": QEMU leaves X0 = 0");
                assertEquals("00000000edfe0dd0", q.group(5), what + ": QEMU's tree at the start of RAM");
                assertEquals("0000000040000000", e.group(2), what + ": emu4e passes the tree's address in X0");
            } else {
                assertEquals(q.group(2), e.group(2), what + ": X0 = the device tree's address");
                assertEquals("00000000edfe0dd0", e.group(3), what + ": a device tree at X0");
            }
            if (initrd && !kind.equals("elf") && !kind.equals("bios")) {
                assertEquals(chosenInitrd(args, true), chosenInitrd(args, false), what + ": /chosen initrd range");
            }
        }
    }

    private static Matcher line(String out, String what) {
        Matcher m = Pattern.compile("pc=0x(\\p{XDigit}{16}) x0=0x(\\p{XDigit}{16}) \\[x0\\]=0x(\\p{XDigit}{16})"
                + "( \\[ram\\]=0x(\\p{XDigit}{16}))").matcher(out);
        assertTrue(m.find(), what + " printed: " + out);
        return m;
    }

    /** linux,initrd-start and -end of the dumped tree, as numbers (QEMU writes one cell, emu4e two). */
    private static List<Long> chosenInitrd(List<String> args, boolean onQemu) throws Exception {
        Path dtb = dir.resolve(onQemu ? "qemu.dtb" : "emu4e.dtb");
        Files.deleteIfExists(dtb);
        List<String> a = new ArrayList<>(args);
        a.set(1, "virt,dumpdtb=" + dtb);
        if (onQemu) {
            qemu(a);
        } else {
            emu4e(a);
        }
        String dts = exec(List.of("dtc", "-I", "dtb", "-O", "dts", dtb.toString()));
        List<Long> r = new ArrayList<>();
        for (String prop : List.of("linux,initrd-start", "linux,initrd-end")) {
            Matcher m = Pattern.compile(prop + " = <([^>]*)>").matcher(dts);
            assertTrue(m.find(), prop + " in " + dts);
            long v = 0;
            for (String cell : m.group(1).trim().split("\\s+")) {
                v = (v << 32) | Long.decode(cell);
            }
            r.add(v);
        }
        return r;
    }

    private static Path build(String kind) throws Exception {
        String textOffset = kind.equals("image-text-offset-80000") || kind.equals("image-size-0") ? "0x80000" : "0";
        String imageSize = kind.startsWith("image") && !kind.equals("image-size-0") ? "0x10000" : "0";
        String magic = kind.startsWith("image") ? "\"ARM\\x64\"" : "\"NONE\"";
        String link = kind.equals("bios") ? "0" : kind.equals("elf") ? "0x40200000" : "0x40080000";
        Path s = dir.resolve(kind + ".S");
        Files.writeString(s, PROBE);
        Path o = dir.resolve(kind + ".o");
        Path elf = dir.resolve(kind + ".elf");
        exec(List.of("aarch64-linux-gnu-gcc", "-c", "-x", "assembler-with-cpp", "-DTEXT_OFFSET=" + textOffset,
                "-DIMAGE_SIZE=" + imageSize, "-DMAGIC=" + magic, "-o", o.toString(), s.toString()));
        exec(List.of("aarch64-linux-gnu-ld", "-Ttext=" + link, "-o", elf.toString(), o.toString()));
        if (kind.equals("elf")) {
            return elf;
        }
        Path bin = dir.resolve(kind + ".bin");
        exec(List.of("aarch64-linux-gnu-objcopy", "-O", "binary", elf.toString(), bin.toString()));
        return bin;
    }

    private static String qemu(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("timeout", "30", "qemu-system-aarch64", "-nic", "none"));
        cmd.addAll(args);
        return exec(cmd).replace("\r", "");
    }

    private static String emu4e(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main(new PrintStream(out, true), new PrintStream(err, true), new ByteArrayInputStream(new byte[0]))
                .run(args);
        assertEquals(0, code, "emu4e " + args + ": " + err);
        return out.toString(StandardCharsets.US_ASCII);
    }

    private static String exec(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), cmd + " did not finish");
        assertEquals(0, p.exitValue(), cmd + ": " + out);
        return out;
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
