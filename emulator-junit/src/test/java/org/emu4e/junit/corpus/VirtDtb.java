package org.emu4e.junit.corpus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.emu4e.junit.GuestProcess;

/**
 * The device tree both emulators boot with: emu4e's own virt tree ({@code -M virt,dumpdtb=}),
 * passed to both with {@code -dtb}. QEMU's virt board has devices emu4e does not model (virtio,
 * PCIe, fw_cfg, GPIO); with one tree, firmware on both sees the same machine description.
 */
final class VirtDtb {
    private VirtDtb() { }

    /** For {@code -M machine -smp smp -m memory}. */
    static synchronized Path of(Path work, String machine, String smp, String memory) throws Exception {
        Path dtb = work.resolve((machine + "-" + smp + "-" + memory).replaceAll("[^A-Za-z0-9-]", "_") + ".dtb");
        if (!Files.isRegularFile(dtb)) {
            List<String> cmd = new ArrayList<>(GuestProcess.emu4eCommand());
            cmd.addAll(List.of("-M", machine + ",dumpdtb=" + dtb, "-smp", smp, "-m", memory, "-nographic"));
            try (GuestProcess p = GuestProcess.start("emu4e dumpdtb", cmd, work)) {
                if (p.awaitExit(Duration.ofSeconds(30)) != 0 || !Files.isRegularFile(dtb)) {
                    throw new AssertionError("emu4e -M virt,dumpdtb failed: " + p.text());
                }
            }
        }
        return dtb;
    }
}
