package org.emu4e.junit.corpus;

import static org.emu4e.junit.corpus.CorpusProgram.Step.await;
import static org.emu4e.junit.corpus.CorpusProgram.Step.key;
import static org.emu4e.junit.corpus.CorpusProgram.Step.type;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.emu4e.junit.corpus.CorpusProgram.Step;

/**
 * GNU GRUB 2.06 as Debian ships it signed for arm64 UEFI (package grub-efi-arm64-signed,
 * grubaa64.efi: one EFI application with about 100 modules), put in the second flash bank,
 * copied to RAM and started by U-Boot's EFI loader ({@code bootefi}); its shell is typed at
 * through U-Boot's EFI console. GRUB uses only EFI services (console, memory map, handles and
 * protocols, configuration tables, timer, ResetSystem), so this runs U-Boot's EFI
 * implementation under a third code base, and powers off through EFI ResetSystem and PSCI.
 */
final class GrubPrograms {
    private GrubPrograms() { }

    static final String SOURCE = "GNU GRUB 2.06, Debian package grub-efi-arm64-signed (arm64), started by U-Boot's EFI";
    private static final String GRUB_PROMPT = "(?m)^grub> ";
    private static final String UBOOT_PROMPT = "(?m)^=> ";
    private static final String IMAGE = "usr/lib/grub/arm64-efi-signed/grubaa64.efi.signed";
    /** The window U-Boot copies from flash bank 1 (0x04000000) to RAM and hands to bootefi. */
    private static final long WINDOW = 5L << 20;
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    static List<CorpusProgram> all() {
        return List.of(shell());
    }

    static CorpusProgram shell() {
        List<Step> s = new ArrayList<>();
        s.add(key("Hit any key to stop autoboot", "\r"));
        s.add(type(UBOOT_PROMPT, String.format("cp.q 0x4000000 0x40400000 0x%x", WINDOW / 8)));
        s.add(type(UBOOT_PROMPT, String.format("bootefi 0x40400000:0x%x", WINDOW)));
        for (String c : List.of(
                "set pager=0",
                "lsmod",
                "ls",
                "ls (proc)",
                "lsefi",
                "lsefimmap",
                "lsefisystab",
                "regexp -s v \"([0-9]+)x\" \"ab12x34\"; echo v=$v",
                "for i in 1 2 3; do if [ $i -lt 2 ]; then echo small $i; else echo big $i; fi; done",
                "echo -e \"tab[\\t] octal[\\101]\"",
                "sleep 1; echo slept",
                "help echo",
                "halt")) {
            s.add(type(GRUB_PROMPT, c));
        }
        s.add(await("poweroff \\.\\.\\."));
        return new CorpusProgram("grub-efi-shell", SOURCE, GrubPrograms::arguments, s,
                List.of("Welcome to GRUB!", "Vendor: Das U-Boot, Version=20230100", "v=12", "big 3", "slept",
                        "poweroff ..."),
                Normalize.compose(Normalize.AUTOBOOT_COUNTDOWN, Normalize.FLASH_PROBE), TIMEOUT);
    }

    /** U-Boot's arguments, plus GRUB in flash bank 1. */
    static List<String> arguments(Path work) throws Exception {
        Path bank = work.resolve("grub-flash1.img");
        if (!Files.isRegularFile(bank)) {
            Path script = Path.of("..", "tests", "firmware", "corpus", "fetch-arm64.sh").toAbsolutePath().normalize();
            Path efi = Path.of(Debian.fetch(List.of("bash", script.toString(), "grub-efi-arm64-signed", IMAGE),
                    "Debian's grub-efi-arm64-signed (arm64)"));
            if (Files.size(efi) > WINDOW) {
                throw new AssertionError(efi + " is " + Files.size(efi) + " bytes, more than the " + WINDOW
                        + "-byte window GrubPrograms copies: make WINDOW larger");
            }
            Files.copy(efi, bank);
            // QEMU wants a flash image of exactly the bank's size, 64 MiB.
            try (RandomAccessFile f = new RandomAccessFile(bank.toFile(), "rw")) {
                f.setLength(64L << 20);
            }
        }
        List<String> args = new ArrayList<>(UbootPrograms.arguments(work));
        args.addAll(List.of("-drive", "if=pflash,format=raw,unit=1,file=" + bank));
        return args;
    }
}
