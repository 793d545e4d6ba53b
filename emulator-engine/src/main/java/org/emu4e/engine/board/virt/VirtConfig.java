package org.emu4e.engine.board.virt;

import java.nio.file.Path;

import org.emu4e.engine.api.ExecConfig;
import org.emu4e.engine.devices.psci.Psci;

/**
 * Configuration of a virt machine, as the CLI's QEMU-style flags give it.
 *
 * @param cpus       number of vCPUs (-smp), 1..8 with GICv2, 1..64 with GICv3
 * @param ramSize    RAM size in bytes (-m)
 * @param kernel     -kernel image (ELF, Linux arm64 Image or raw binary), or null
 * @param initrd     -initrd file, or null
 * @param dtb        -dtb file replacing the generated device tree, or null
 * @param append     -append kernel command line ("" for none)
 * @param conduit    PSCI conduit the device tree advertises (HVC as QEMU virt with EL1 boot)
 * @param noReboot   -no-reboot: PSCI SYSTEM_RESET powers the machine off (exit 0) instead of resetting it
 * @param gicVersion interrupt controller (-machine virt,gic-version=): 2 (default, as QEMU) or 3
 * @param flash      images of the two flash banks (-bios, -drive if=pflash)
 * @param exec       how the vCPUs run guest code (--exec interp|jit); by default from the system
 *                   properties {@code emu4e.exec} and {@code emu4e.jit.threshold} (translator)
 */
public record VirtConfig(int cpus, long ramSize, Path kernel, Path initrd, Path dtb, String append,
        Psci.Conduit conduit, boolean noReboot, int gicVersion, FlashImages flash, ExecConfig exec) {

    public VirtConfig(int cpus, long ramSize, Path kernel, Path initrd, Path dtb, String append, Psci.Conduit conduit) {
        this(cpus, ramSize, kernel, initrd, dtb, append, conduit, false, 2, FlashImages.NONE, null);
    }

    public VirtConfig(int cpus, long ramSize, Path kernel, Path initrd, Path dtb, String append,
            Psci.Conduit conduit, boolean noReboot) {
        this(cpus, ramSize, kernel, initrd, dtb, append, conduit, noReboot, 2, FlashImages.NONE, null);
    }

    public VirtConfig {
        if (gicVersion != 2 && gicVersion != 3) {
            throw new IllegalArgumentException("gic-version must be 2 or 3, not " + gicVersion);
        }
        if (cpus < 1 || cpus > VirtMemoryMap.maxCpus(gicVersion)) {
            throw new IllegalArgumentException("virt with GICv" + gicVersion + " supports 1 to "
                    + VirtMemoryMap.maxCpus(gicVersion) + " CPUs, not " + cpus
                    + (gicVersion == 2 ? " (gic-version=3 allows " + VirtMemoryMap.MAX_CPUS_GICV3 + ")" : ""));
        }
        if (ramSize < (1 << 20) || ramSize > VirtMemoryMap.MAX_RAM) {
            throw new IllegalArgumentException("RAM size must be between 1 MiB and " + (VirtMemoryMap.MAX_RAM >> 30) + " GiB, not " + ramSize);
        }
        append = append == null ? "" : append;
        conduit = conduit == null ? Psci.Conduit.HVC : conduit;
        flash = flash == null ? FlashImages.NONE : flash;
        exec = exec == null ? ExecConfig.fromSystemProperties() : exec;
    }

    /** QEMU's defaults: 1 CPU, 128 MiB, no kernel. */
    public static VirtConfig defaults() {
        return new VirtConfig(1, 128L << 20, null, null, null, "", Psci.Conduit.HVC);
    }

    public VirtConfig withCpus(int n) { return new VirtConfig(n, ramSize, kernel, initrd, dtb, append, conduit, noReboot, gicVersion, flash, exec); }

    public VirtConfig withRam(long bytes) { return new VirtConfig(cpus, bytes, kernel, initrd, dtb, append, conduit, noReboot, gicVersion, flash, exec); }

    public VirtConfig withKernel(Path p) { return new VirtConfig(cpus, ramSize, p, initrd, dtb, append, conduit, noReboot, gicVersion, flash, exec); }

    public VirtConfig withInitrd(Path p) { return new VirtConfig(cpus, ramSize, kernel, p, dtb, append, conduit, noReboot, gicVersion, flash, exec); }

    public VirtConfig withDtb(Path p) { return new VirtConfig(cpus, ramSize, kernel, initrd, p, append, conduit, noReboot, gicVersion, flash, exec); }

    public VirtConfig withAppend(String a) { return new VirtConfig(cpus, ramSize, kernel, initrd, dtb, a, conduit, noReboot, gicVersion, flash, exec); }

    public VirtConfig withConduit(Psci.Conduit c) { return new VirtConfig(cpus, ramSize, kernel, initrd, dtb, append, c, noReboot, gicVersion, flash, exec); }

    public VirtConfig withNoReboot(boolean b) { return new VirtConfig(cpus, ramSize, kernel, initrd, dtb, append, conduit, b, gicVersion, flash, exec); }

    public VirtConfig withGicVersion(int v) { return new VirtConfig(cpus, ramSize, kernel, initrd, dtb, append, conduit, noReboot, v, flash, exec); }

    public VirtConfig withFlash(FlashImages f) { return new VirtConfig(cpus, ramSize, kernel, initrd, dtb, append, conduit, noReboot, gicVersion, f, exec); }

    public VirtConfig withExec(ExecConfig e) { return new VirtConfig(cpus, ramSize, kernel, initrd, dtb, append, conduit, noReboot, gicVersion, flash, e); }
}
