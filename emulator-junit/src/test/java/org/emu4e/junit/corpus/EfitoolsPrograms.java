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
 * efitools 1.9.2 (James Bottomley's UEFI secure-boot tools, built on gnu-efi) as Debian ships
 * them for arm64 (package efitools): LockDown.efi and HelloWorld.efi in the second flash bank,
 * started one after the other by U-Boot's EFI loader. LockDown enrols its built-in PK, KEK and
 * db certificates as authenticated variables, which makes U-Boot parse PKCS#7 and X.509 and
 * verify RSA signatures, and turns secure boot on; HelloWorld, unsigned, is then refused.
 * (HelloWorld is not run before: it waits for a key after resetting the EFI console's input,
 * which drops a key typed before the reset, so when to type is a race.)
 */
final class EfitoolsPrograms {
    private EfitoolsPrograms() { }

    static final String SOURCE = "efitools 1.9.2, Debian package efitools (arm64), started by U-Boot's EFI";
    private static final String UBOOT_PROMPT = "(?m)^=> ";
    private static final String DIR = "usr/lib/efitools/aarch64-linux-gnu/";
    /** Each program gets 1 MiB of flash bank 1 (0x04000000) in this order. */
    private static final List<String> PROGRAMS = List.of("HelloWorld.efi", "LockDown.efi");
    private static final long SLOT = 1L << 20;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    static List<CorpusProgram> all() {
        return List.of(secureBoot());
    }

    static CorpusProgram secureBoot() {
        List<Step> s = new ArrayList<>();
        s.add(key("Hit any key to stop autoboot", "\r"));
        s.addAll(start(1));
        s.add(await("Platform is set to boot securely"));
        s.addAll(start(0));
        s.add(await("Image not authenticated"));
        s.add(type(UBOOT_PROMPT, "poweroff"));
        s.add(await("poweroff \\.\\.\\."));
        return new CorpusProgram("efitools-secure-boot", SOURCE, EfitoolsPrograms::arguments, s,
                List.of("Platform is in Setup Mode", "Created KEK Cert", "Created db Cert", "Created PK Cert",
                        "Platform is in User Mode", "Image not authenticated", "poweroff ..."),
                Normalize.compose(Normalize.AUTOBOOT_COUNTDOWN, Normalize.FLASH_PROBE), TIMEOUT);
    }

    /** Copies program {@code slot} from flash to RAM and starts it. */
    private static List<Step> start(int slot) {
        return List.of(
                type(UBOOT_PROMPT, String.format("cp.q 0x%x 0x40400000 0x%x", 0x0400_0000L + slot * SLOT, SLOT / 8)),
                type(UBOOT_PROMPT, String.format("bootefi 0x40400000:0x%x", SLOT)));
    }

    /** U-Boot's arguments, plus the programs in flash bank 1. */
    static List<String> arguments(Path work) throws Exception {
        Path bank = work.resolve("efitools-flash1.img");
        if (!Files.isRegularFile(bank)) {
            Path script = Path.of("..", "tests", "firmware", "corpus", "fetch-arm64.sh").toAbsolutePath().normalize();
            try (RandomAccessFile f = new RandomAccessFile(bank.toFile(), "rw")) {
                for (int i = 0; i < PROGRAMS.size(); i++) {
                    List<String> fetch = List.of("bash", script.toString(), "efitools", DIR + PROGRAMS.get(i));
                    Path efi = Path.of(Debian.fetch(fetch, "Debian's efitools (arm64)"));
                    byte[] b = Files.readAllBytes(efi);
                    if (b.length > SLOT) {
                        throw new AssertionError(efi + " is larger than its " + SLOT + "-byte flash slot");
                    }
                    f.seek(i * SLOT);
                    f.write(b);
                }
                // QEMU wants a flash image of exactly the bank's size, 64 MiB.
                f.setLength(64L << 20);
            }
        }
        List<String> args = new ArrayList<>(UbootPrograms.arguments(work));
        args.addAll(List.of("-drive", "if=pflash,format=raw,unit=1,file=" + bank));
        return args;
    }
}
