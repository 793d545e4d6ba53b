package org.emu4e.junit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reference emulator of the conformance tests: qemu-system-aarch64 (QEMU 7.2) with
 * {@code -M virt -cpu cortex-a53 -m 128M -nographic -nic none}, run until the firmware's PSCI
 * SYSTEM_OFF. {@code -nic none}: the default virtio NIC needs efi-virtio.rom (Debian's ipxe-qemu,
 * only a recommendation of qemu-system-arm, not installed by .ci/run), and no program uses it.
 */
final class QemuReference {
    private QemuReference() { }

    /** The UART lines (CR removed, leading and trailing empty lines dropped). */
    static List<String> run(Path elf, int smp, Duration timeout) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("qemu-system-aarch64", "-M", "virt", "-cpu", "cortex-a53", "-smp",
                Integer.toString(smp), "-m", "128M", "-nographic", "-nic", "none", "-kernel", elf.toString())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        // Read on another thread so a firmware that never powers off can't block the test forever.
        var out = new java.io.ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try {
                p.getInputStream().transferTo(out);
            } catch (IOException e) {
                // process killed: keep what was read
            }
        }, "qemu-output");
        reader.start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            reader.join(5000);
            throw new AssertionError("qemu-system-aarch64 did not power off within " + timeout + "; printed:\n" + out);
        }
        reader.join(5000);
        List<String> lines = new ArrayList<>();
        for (String l : out.toString(StandardCharsets.ISO_8859_1).split("\n")) {
            String s = l.replace("\r", "");
            if (!s.isEmpty() || !lines.isEmpty()) {
                lines.add(s);
            }
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}
