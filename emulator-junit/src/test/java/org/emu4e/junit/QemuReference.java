package org.emu4e.junit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
        try (GuestProcess p = GuestProcess.start("qemu-system-aarch64", List.of("qemu-system-aarch64", "-M", "virt",
                "-cpu", "cortex-a53", "-smp", Integer.toString(smp), "-m", "128M", "-nographic", "-nic", "none",
                "-kernel", elf.toString()), Path.of("."))) {
            p.awaitExit(timeout);
            return p.lines();
        }
    }
}
