package org.emu4e.junit.corpus;

import static org.emu4e.junit.corpus.CorpusProgram.Step.await;
import static org.emu4e.junit.corpus.CorpusProgram.Step.key;
import static org.emu4e.junit.corpus.CorpusProgram.Step.type;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.emu4e.junit.corpus.CorpusProgram.Step;

/**
 * Das U-Boot 2023.01 as Debian builds it for QEMU's virt board (package u-boot-qemu,
 * /usr/lib/u-boot/qemu_arm64/u-boot.bin), started from flash with -bios as on QEMU. It runs
 * from flash at EL1, relocates itself to the top of RAM, drives the PL011, PL031, PSCI and the
 * generic timer, and its shell and EFI loader are typed at over the UART.
 */
final class UbootPrograms {
    private UbootPrograms() { }

    static final String SOURCE = "Das U-Boot 2023.01, Debian package u-boot-qemu";
    /** At the start of a line: crc32 prints "==> " in its output. */
    private static final String PROMPT = "(?m)^=> ";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    static List<CorpusProgram> all() {
        return List.of(shell(), efi());
    }

    /** The arguments both emulators get: the U-Boot image in flash and the same device tree. */
    static List<String> arguments(Path work) throws Exception {
        Path uboot = Debian.file("u-boot-qemu", "/usr/lib/u-boot/qemu_arm64/u-boot.bin");
        return List.of("-M", "virt,dtb-randomness=off", "-cpu", "cortex-a53", "-m", "128M", "-nographic",
                "-nodefaults", "-serial", "stdio", "-bios", uboot.toString(),
                "-dtb", VirtDtb.of(work, "virt", "1", "128M").toString());
    }

    /** The shell: memory, expressions, the device tree, driver model, timer, RTC, environment. */
    static CorpusProgram shell() {
        List<Step> s = new ArrayList<>();
        s.add(key("Hit any key to stop autoboot", "\r"));
        for (String c : List.of(
                "version",
                "printenv bootdelay baudrate stdin arch board cpu vendor fdtcontroladdr",
                "fdt addr $fdtcontroladdr && fdt list /cpus && fdt get value v /memory@40000000 reg && echo reg=$v",
                "fdt print /psci",
                "dm tree",
                "dm uclass",
                "coninfo",
                "md.b 0 0x40",
                "mw.l 0x40200000 0xcafef00d 0x100 && crc32 0x40200000 0x400",
                "cp.b 0x40200000 0x40300001 0x3ff && cmp.b 0x40200000 0x40300001 0x3ff && crc32 0x40300001 0x3ff",
                "random 0x40400000 0x1000 0x1234 && crc32 0x40400000 0x1000 && md.q 0x40400000 4",
                "setexpr r 0xdeadbeef * 0x11 && setexpr s $r / 7 && setexpr t $s ^ 0x5555 && echo $r $s $t",
                "setexpr.b b *0x40200000 && setexpr.w w 0x1234 + 0xffff && echo $b $w",
                "for i in 1 2 3; do if itest $i -gt 1; then echo big $i; else echo small $i; fi; done",
                "setexpr x gsub ab+ X aabbbcab && echo $x",
                "date",
                "sleep 1 && echo slept",
                "env set foo bar && env exists foo && echo foo=$foo && env delete foo && env exists foo || echo gone",
                "bdinfo",
                "poweroff")) {
            s.add(type(PROMPT, c));
        }
        return new CorpusProgram("u-boot-shell", SOURCE, UbootPrograms::arguments, s,
                List.of("crc32 for 40200000 ... 402003ff ==> 85efe93a", "Total of 1023 byte(s) were the same",
                        "aXcX", "slept", "gone", "poweroff ..."),
                Normalize.compose(Normalize.AUTOBOOT_COUNTDOWN, Normalize.RTC_TIME, Normalize.FLASH_PROBE),
                TIMEOUT);
    }

    /**
     * The EFI loader: the built-in hello-world EFI application, then U-Boot's EFI self tests (41
     * tests of boot and runtime services: events, timers, TPLs, memory map, exceptions, watchdog,
     * device paths, variables, ExitBootServices, SetVirtualAddressMap...) ending in a system
     * reset through PSCI and a second boot.
     */
    static CorpusProgram efi() {
        List<Step> s = List.of(
                key("Hit any key to stop autoboot", "\r"),
                type(PROMPT, "bootefi hello"),
                type(PROMPT, "bootefi selftest"),
                key("Press any key", "x"),
                key("Hit any key to stop autoboot", "\r"),
                type(PROMPT, "poweroff"),
                await("poweroff \\.\\.\\."));
        return new CorpusProgram("u-boot-efi", SOURCE, UbootPrograms::arguments, s,
                List.of("Hello, world!", "Number of tests to execute: 41", "Summary: 2 failures", "poweroff ..."),
                Normalize.compose(Normalize.AUTOBOOT_COUNTDOWN, Normalize.RTC_TIME, Normalize.FLASH_PROBE),
                TIMEOUT);
    }
}
