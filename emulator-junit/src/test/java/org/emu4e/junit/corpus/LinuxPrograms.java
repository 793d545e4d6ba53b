package org.emu4e.junit.corpus;

import static org.emu4e.junit.corpus.CorpusProgram.Step.await;
import static org.emu4e.junit.corpus.CorpusProgram.Step.type;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.emu4e.junit.corpus.CorpusProgram.Step;

/**
 * Debian's arm64 Linux kernel (linux-image-*-arm64) with Debian's static busybox (busybox-static,
 * arm64) as the whole initramfs, both fetched from Debian by scripts/fetch-linux.sh. The boot
 * log is compared line by line (CPU features from the ID registers, GIC, timers, PSCI, SMP
 * bring-up, PL011, PL031, memory layout), then busybox's shell is typed at.
 */
final class LinuxPrograms {
    private LinuxPrograms() { }

    static final String SOURCE = "Linux 6.1 and BusyBox, Debian packages linux-image-arm64 and busybox-static (arm64)";
    private static final String PROMPT = "(?m)^/ # ";
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** busybox is the init: it installs its applets and starts a shell on the console. */
    private static final String INIT = """
            #!/bin/busybox sh
            /bin/busybox --install -s /bin
            mount -t proc proc /proc
            mount -t sysfs sys /sys
            echo "corpus: userspace up"
            exec sh
            """;

    static List<CorpusProgram> all() {
        return List.of(boot("linux-gicv2-smp2", "virt,dtb-randomness=off", "2"),
                boot("linux-gicv3-smp4", "virt,gic-version=3,dtb-randomness=off", "4"));
    }

    static CorpusProgram boot(String name, String machine, String smp) {
        CorpusProgram.Prepare prepare = work -> {
            Path assets = assets(work);
            return List.of("-M", machine, "-cpu", "cortex-a53", "-smp", smp, "-m", "256M", "-nographic",
                    "-nodefaults", "-serial", "stdio", "-kernel", assets.resolve("Image").toString(),
                    "-initrd", initramfs(work, assets.resolve("busybox")).toString(),
                    "-dtb", VirtDtb.of(work, machine.replace(",dtb-randomness=off", ""), smp, "256M").toString(),
                    // initramfs_async=0: unpacked in order with the other initcalls, so the log's
                    // order does not depend on how fast the host runs the unpacking thread.
                    "-append", "console=ttyAMA0 initramfs_async=0");
        };
        List<Step> s = new ArrayList<>();
        s.add(await("corpus: userspace up"));
        for (String c : List.of(
                "cat /proc/cpuinfo",
                "uname -m; cat /proc/cmdline /sys/devices/system/cpu/online",
                "ls /proc/device-tree /sys/bus/platform/devices",
                "echo $((0x7fffffff * 3 / 7 % 1000)) $((-17 >> 2)) $((1 << 40))",
                "awk 'BEGIN{printf \"%.9f %.6e\\n\", atan2(1,1)*4, exp(10)/3}'",
                "awk 'BEGIN{x=1;for(i=1;i<=20;i++)x*=i;printf \"%d %.3f\\n\",x,sqrt(2)}'",
                "sha256sum /bin/busybox; md5sum /init",
                "dd if=/dev/zero bs=4096 count=256 2>/dev/null | sha1sum",
                "seq 1 2000 | sort -r | tr '\\n' ' ' | cksum",
                "grep -c ^processor /proc/cpuinfo; cat /proc/sys/kernel/ostype",
                "poweroff -f")) {
            s.add(type(PROMPT, c));
        }
        s.add(await("reboot: Power down"));
        return new CorpusProgram(name, SOURCE, prepare, s,
                List.of("Machine model: linux,dummy-virt", "corpus: userspace up", "reboot: Power down"),
                Normalize.compose(Normalize.KERNEL_TIMESTAMPS, Normalize.KERNEL_TIMINGS, Normalize.RTC_TIME,
                        Normalize.PSCI_MINOR_VERSION, Normalize.AARCH32, Normalize.GICV3_SIZE),
                TIMEOUT);
    }

    private static Path assets(Path work) throws Exception {
        Debian.command("cpio", "cpio");
        Path script = Path.of("..", "scripts", "fetch-linux.sh").toAbsolutePath().normalize();
        return Path.of(Debian.fetch(List.of("bash", script.toString()),
                "Debian's arm64 Linux kernel and busybox-static"));
    }

    private static synchronized Path initramfs(Path work, Path busybox) throws IOException, InterruptedException {
        Path initrd = work.resolve("busybox-initrd.gz");
        if (Files.isRegularFile(initrd)) {
            return initrd;
        }
        Path root = work.resolve("rootfs");
        for (String d : new String[] {"bin", "proc", "sys", "dev"}) {
            Files.createDirectories(root.resolve(d));
        }
        Files.copy(busybox, root.resolve("bin/busybox"));
        Files.writeString(root.resolve("init"), INIT);
        for (String f : new String[] {"bin/busybox", "init"}) {
            Files.setPosixFilePermissions(root.resolve(f), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        String cpio = "cd '" + root + "' && find . | cpio -o -H newc | gzip > '" + initrd + "'";
        if (Debian.run(List.of("sh", "-c", cpio)) != 0) {
            throw new AssertionError("cpio could not build " + initrd);
        }
        return initrd;
    }
}
