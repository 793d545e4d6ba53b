package org.emu4e.core.launch;

import static org.emu4e.core.launch.VirtLaunchConstants.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.variables.VariablesPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.emu4e.engine.board.virt.FlashImages;
import org.emu4e.engine.board.virt.VirtConfig;

/**
 * A machine as a launch configuration describes it, checked before anything starts: every
 * problem is one line naming the option (as the tabs label it) and saying what to do.
 *
 * @param kernel  kernel file, or null
 * @param initrd  initrd file, or null
 * @param append  kernel command line
 * @param bios    flash bank 0 image, or null
 * @param cpus    number of vCPUs
 * @param ram     RAM size in bytes
 * @param gic     GIC version, 2 or 3
 * @param gdbPort loopback port of the stub, 0 for any
 */
public record MachineSpec(Path kernel, Path initrd, String append, Path bios, int cpus, long ram, int gic,
        int gdbPort) {

    static final String PLUGIN_ID = "org.emu4e.core";
    private static final int MAX_CPUS_GICV2 = 8;
    private static final int MAX_CPUS_GICV3 = 64;

    /** Reads and checks {@code config}; throws with the first problem found. */
    public static MachineSpec from(ILaunchConfiguration config) throws CoreException {
        String problem = problem(config);
        if (problem != null) {
            throw error(problem, null);
        }
        return new MachineSpec(file(config, ATTR_KERNEL), file(config, ATTR_INITRD),
                config.getAttribute(ATTR_APPEND, DEFAULT_APPEND), file(config, ATTR_BIOS),
                config.getAttribute(ATTR_SMP, DEFAULT_SMP), parseSize(config.getAttribute(ATTR_MEMORY, DEFAULT_MEMORY)),
                config.getAttribute(ATTR_GIC_VERSION, DEFAULT_GIC_VERSION),
                config.getAttribute(ATTR_GDB_PORT, DEFAULT_GDB_PORT));
    }

    /** The first problem of {@code config}, or null if it can be launched (used by the tabs too). */
    public static String problem(ILaunchConfiguration config) throws CoreException {
        String kernel = expand(config.getAttribute(ATTR_KERNEL, DEFAULT_KERNEL));
        String bios = expand(config.getAttribute(ATTR_BIOS, DEFAULT_BIOS));
        if (kernel.isBlank() && bios.isBlank()) {
            return "No firmware to boot: choose a Kernel (ELF, arm64 Image or raw binary) or a BIOS image on the Firmware tab";
        }
        if (!kernel.isBlank() && !bios.isBlank()) {
            return "Kernel and BIOS cannot be booted together: clear one of them on the Firmware tab";
        }
        for (String[] f : new String[][] { { "Kernel", kernel }, { "Initrd", expand(config.getAttribute(ATTR_INITRD, DEFAULT_INITRD)) },
                { "BIOS", bios } }) {
            String p = fileProblem(f[0], f[1]);
            if (p != null) {
                return p;
            }
        }
        int gic = config.getAttribute(ATTR_GIC_VERSION, DEFAULT_GIC_VERSION);
        if (gic != 2 && gic != 3) {
            return "GIC version " + gic + " does not exist: choose 2 or 3 on the Machine tab";
        }
        int cpus = config.getAttribute(ATTR_SMP, DEFAULT_SMP);
        int max = gic == 2 ? MAX_CPUS_GICV2 : MAX_CPUS_GICV3;
        if (cpus < 1 || cpus > max) {
            return "Cores: " + cpus + " is out of range: GICv" + gic + " supports 1 to " + max
                    + (gic == 2 ? " (choose GIC version 3 for up to 64)" : "") + "; change it on the Machine tab";
        }
        String memory = config.getAttribute(ATTR_MEMORY, DEFAULT_MEMORY);
        long ram = parseSize(memory);
        if (ram < 0) {
            return "Memory '" + memory + "' is not a size: write a number with K, M or G, e.g. 256M, on the Machine tab";
        }
        if (ram < (1L << 20) || ram > (255L << 30)) {
            return "Memory " + memory + " is out of range: choose 1M to 255G on the Machine tab";
        }
        int port = config.getAttribute(ATTR_GDB_PORT, DEFAULT_GDB_PORT);
        if (port < 0 || port > 65535) {
            return "GDB port " + port + " is not a TCP port: choose 1 to 65535, or 0 for any free port";
        }
        return null;
    }

    /** The engine's board configuration. */
    public VirtConfig toVirtConfig() {
        VirtConfig c = VirtConfig.defaults().withGicVersion(gic).withCpus(cpus).withRam(ram).withKernel(kernel)
                .withInitrd(initrd).withAppend(append);
        return bios == null ? c : c.withFlash(FlashImages.NONE.withUnit(0, bios));
    }

    /** Bytes in {@code text} ("256M", "1G", "65536"), or -1 if it is not a size. */
    public static long parseSize(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        if (t.endsWith("B")) {
            t = t.substring(0, t.length() - 1);
        }
        int shift = 0;
        if (!t.isEmpty()) {
            switch (t.charAt(t.length() - 1)) {
                case 'K' -> shift = 10;
                case 'M' -> shift = 20;
                case 'G' -> shift = 30;
                default -> shift = -1;
            }
            if (shift >= 0) {
                t = t.substring(0, t.length() - 1);
            } else {
                shift = 0;
            }
        }
        if (t.isEmpty() || t.length() > 12 || !t.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Long.parseLong(t) << shift;
    }

    private static String fileProblem(String label, String path) {
        if (path.isBlank()) {
            return null;
        }
        Path p = Path.of(path);
        if (!Files.exists(p)) {
            return label + " file " + path + " does not exist: choose an existing file on the Firmware tab";
        }
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            return label + " file " + path + " is not a readable file: check its permissions or choose another on the Firmware tab";
        }
        return null;
    }

    private static Path file(ILaunchConfiguration config, String key) throws CoreException {
        String v = expand(config.getAttribute(key, ""));
        return v.isBlank() ? null : Path.of(v);
    }

    private static String expand(String value) throws CoreException {
        if (value == null || value.isEmpty()) {
            return "";
        }
        return VariablesPlugin.getDefault().getStringVariableManager().performStringSubstitution(value);
    }

    static CoreException error(String message, Throwable cause) {
        return new CoreException(new Status(IStatus.ERROR, PLUGIN_ID, message, cause));
    }
}
