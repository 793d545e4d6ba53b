package org.emu4e.engine.cli;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.emu4e.engine.board.virt.VirtConfig;
import org.emu4e.engine.board.virt.VirtMemoryMap;
import org.emu4e.engine.api.ExecConfig;
import org.emu4e.engine.api.ExecMode;

/**
 * The QEMU-style command line of emu4e, parsed. Every value is checked here; an error names
 * the flag ({@link UsageException}).
 *
 * @param config       the machine
 * @param dumpDtb      -machine dumpdtb=FILE: write the device tree and exit
 * @param gdbHost      host of -gdb tcp:HOST:PORT / -s (null: no stub)
 * @param gdbPort      its port (0 = any free port)
 * @param startPaused  -S: do not start the vCPUs (the debugger or control client does)
 * @param serial       -serial: true for stdio (default), false for none
 * @param tracePower   --trace-power: print every vCPU state change
 * @param stats        --stats: print retired instructions and MIPS per vCPU at exit
 * @param control      --control tcp:HOST:PORT endpoint, or null
 * @param logItems     -d items (guest_errors, unimp)
 * @param help         -h/--help
 * @param version      --version
 */
public record CliOptions(VirtConfig config, Path dumpDtb, String gdbHost, int gdbPort, boolean startPaused,
        boolean serial, boolean tracePower, boolean stats, String control, Set<String> logItems, boolean help,
        boolean version) {
    /** Printed by --version. */
    public static final String VERSION = "emu4e 0.1.0 (virt board, AArch64 ARMv8.0-A Cortex-A53-class vCPUs)";

    public static final String USAGE = """
            usage: emu4e [options]            run a virt machine
                   emu4e demo [options]       run the demo firmware (examples/demo) on 4 vCPUs with the GDB stub
                   emu4e ctl ...              control-protocol client (emu4e ctl --help)
            options (QEMU-style):
              -M, -machine virt[,gic-version=2|3|max][,dumpdtb=FILE][,dtb-randomness=off]
              -cpu cortex-a53|cortex-a57|max (all run the one ARMv8.0 Cortex-A53-class core model)
              -smp N (1..8, GICv3 1..64) -m SIZE (e.g. 256M, 4G; default 128M, max 255G)
              -kernel FILE (ELF, arm64 Image or raw)   -initrd FILE   -dtb FILE   -append STRING
              -bios FILE               firmware in flash bank 0; without -kernel the boot CPU starts at 0x0
              -drive if=pflash,format=raw,file=FILE[,unit=0|1]   a flash bank's image (read-only)
              -nographic, -serial stdio|none           -d guest_errors,unimp
              -s (= -gdb tcp::1234)    -gdb tcp:[HOST]:PORT    -S (do not start the vCPUs)
              --trace-power            print each vCPU run-state change on stderr
              --stats                  at exit, print the instructions each vCPU retired and the guest
                                       MIPS (instructions per wall-clock second) on stderr
              --control tcp:[HOST:]PORT  serve the control protocol (port 0: any free port)
              -display none   -nodefaults (no effect: emu4e has no display or default extras)
              -no-reboot               PSCI SYSTEM_RESET exits (status 0) instead of resetting
              --exec jit|interp        translate hot blocks to JVM bytecode (default; a block is
                                       interpreted until -Demu4e.jit.threshold=N entries fall within
                                       -Demu4e.jit.window=MS) or only interpret
              -h, --help               --version
            """;

    private static final Set<String> LOG_ITEMS = Set.of("guest_errors", "unimp");

    public static CliOptions parse(List<String> args) throws UsageException {
        VirtConfig c = VirtConfig.defaults();
        Path dumpDtb = null;
        String gdbHost = null;
        int gdbPort = 0;
        boolean paused = false;
        boolean serial = true;
        boolean trace = false;
        boolean stats = false;
        String control = null;
        Set<String> log = new LinkedHashSet<>();
        boolean help = false;
        boolean version = false;
        int cpus = 1;
        String smpFlag = "-smp";
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            String f = flag.startsWith("--") && !flag.equals("--trace-power") && !flag.equals("--control")
                    && !flag.equals("--help") && !flag.equals("--version") ? flag.substring(1) : flag;
            switch (f) {
                case "-h", "-help", "--help" -> help = true;
                case "-M", "-machine" -> {
                    String v = value(args, i++, flag);
                    for (String part : v.split(",")) {
                        if (part.equals("virt") || part.equals("virt-7.2") || part.equals("type=virt")) {
                            continue;
                        } else if (part.startsWith("gic-version=")) {
                            c = c.withGicVersion(switch (part.substring(12)) {
                                case "2" -> 2;
                                case "3", "max" -> 3; // max: the newest this board models
                                case "host" -> throw new UsageException(flag + ": gic-version=host needs KVM;"
                                        + " emu4e emulates gic-version=2 or 3");
                                default -> throw new UsageException(flag + ": unsupported '" + part
                                        + "' (supported: gic-version=2, 3, max)");
                            });
                        } else if (part.startsWith("dumpdtb=")) {
                            dumpDtb = Path.of(nonEmpty(part.substring(8), flag + " dumpdtb"));
                        } else if (part.equals("virtualization=off") || part.equals("secure=off")) {
                            continue;
                        } else if (part.equals("dtb-randomness=off") || part.equals("dtb-kaslr-seed=off")) {
                            continue; // the generated tree never carries rng-seed / kaslr-seed
                        } else if (part.startsWith("dtb-randomness=") || part.startsWith("dtb-kaslr-seed=")) {
                            throw new UsageException(flag + ": unsupported '" + part + "' (emu4e writes no random"
                                    + " seeds into the device tree: only dtb-randomness=off)");
                        } else {
                            throw new UsageException(flag + ": unsupported machine or property '" + part
                                    + "' (supported: virt, gic-version=2|3|max, dumpdtb=FILE, dtb-randomness=off)");
                        }
                    }
                }
                case "-cpu" -> {
                    // One CPU model: the ARMv8.0-A Cortex-A53-class core. cortex-a57 and max are
                    // accepted so QEMU command lines work unchanged, and run that same core.
                    String v = value(args, i++, flag);
                    if (!Set.of("cortex-a53", "cortex-a57", "max").contains(v)) {
                        throw new UsageException(flag + ": unsupported CPU '" + v + "' (supported: cortex-a53, cortex-a57, max)");
                    }
                }
                case "-display" -> {
                    String v = value(args, i++, flag);
                    if (!v.equals("none")) {
                        throw new UsageException(flag + ": unsupported display '" + v + "' (only none: emu4e has no display)");
                    }
                }
                case "-nodefaults" -> { }
                case "-no-reboot" -> c = c.withNoReboot(true);
                case "-version", "--version" -> version = true;
                case "-smp" -> {
                    String v = value(args, i++, flag);
                    String n = v.startsWith("cpus=") ? v.substring(5) : v.split(",")[0];
                    cpus = integer(n, flag);
                    smpFlag = flag;
                    if (cpus < 1 || cpus > VirtMemoryMap.MAX_CPUS_GICV3) {
                        throw new UsageException(flag + ": CPU count must be 1.." + VirtMemoryMap.MAX_CPUS
                                + " (GICv2) or 1.." + VirtMemoryMap.MAX_CPUS_GICV3 + " (gic-version=3), not " + cpus);
                    }
                }
                case "-m" -> {
                    String v = value(args, i++, flag);
                    long size = size(v.startsWith("size=") ? v.substring(5) : v, flag);
                    if (size < (1 << 20) || size > VirtMemoryMap.MAX_RAM) {
                        throw new UsageException(flag + ": RAM size must be 1M.." + (VirtMemoryMap.MAX_RAM >> 30)
                                + "G, not '" + v + "'");
                    }
                    c = c.withRam(size);
                }
                case "-kernel" -> c = c.withKernel(Path.of(nonEmpty(value(args, i++, flag), flag)));
                case "-initrd" -> c = c.withInitrd(Path.of(nonEmpty(value(args, i++, flag), flag)));
                case "-dtb" -> c = c.withDtb(Path.of(nonEmpty(value(args, i++, flag), flag)));
                case "-append" -> c = c.withAppend(value(args, i++, flag));
                case "-bios" -> {
                    if (c.flash().unit0() != null) {
                        throw new UsageException(flag + ": flash bank 0 is already given (by -bios or -drive if=pflash)");
                    }
                    c = c.withFlash(c.flash().withUnit(0, Path.of(nonEmpty(value(args, i++, flag), flag))));
                }
                case "-drive" -> c = c.withFlash(PflashDrive.parse(value(args, i++, flag), flag, c.flash()));
                case "-nographic" -> { }
                case "-serial" -> {
                    String v = value(args, i++, flag);
                    switch (v) {
                        case "stdio", "mon:stdio" -> serial = true;
                        case "none", "null" -> serial = false;
                        default -> throw new UsageException(flag + ": unsupported backend '" + v + "' (stdio or none)");
                    }
                }
                case "-d" -> {
                    for (String item : value(args, i++, flag).split(",")) {
                        if (!LOG_ITEMS.contains(item)) {
                            throw new UsageException(flag + ": unknown log item '" + item + "' (guest_errors, unimp)");
                        }
                        log.add(item);
                    }
                }
                case "-s" -> {
                    gdbHost = "127.0.0.1";
                    gdbPort = 1234;
                }
                case "-gdb" -> {
                    String v = value(args, i++, flag);
                    HostPort hp = hostPort(v, flag, "127.0.0.1");
                    gdbHost = hp.host;
                    gdbPort = hp.port;
                }
                case "-S" -> paused = true;
                case "-exec" -> {
                    String v = value(args, i++, flag);
                    try {
                        c = c.withExec(new ExecConfig(ExecMode.parse(v), c.exec().threshold(), c.exec().windowNanos()));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException(flag + ": " + e.getMessage());
                    }
                }
                case "--trace-power" -> trace = true;
                case "-stats" -> stats = true;
                case "--control" -> {
                    String v = value(args, i++, flag);
                    try {
                        org.emu4e.engine.control.server.ControlAddress.parse(v);
                    } catch (IllegalArgumentException e) {
                        throw new UsageException(flag + ": " + e.getMessage());
                    }
                    control = v;
                }
                default -> throw new UsageException(flag + ": unknown option (see -h)");
            }
        }
        // Checked once both flags are known (-smp may come before -machine), as QEMU does.
        if (cpus > VirtMemoryMap.maxCpus(c.gicVersion())) {
            throw new UsageException(smpFlag + ": too many CPUs for GICv2 (" + cpus + ", at most " + VirtMemoryMap.MAX_CPUS
                    + "); use -machine virt,gic-version=3 for up to " + VirtMemoryMap.MAX_CPUS_GICV3);
        }
        c = c.withCpus(cpus);
        if (c.flash().hasFirmware() && c.kernel() != null) {
            throw new UsageException("-kernel: cannot boot a kernel and flash firmware (-bios or pflash unit 0) "
                    + "together: QEMU hands the kernel to the firmware through fw_cfg, which emu4e does not model");
        }
        return new CliOptions(c, dumpDtb, gdbHost, gdbPort, paused, serial, trace, stats, control, Set.copyOf(log),
                help, version);
    }

    /** A parsed tcp:HOST:PORT endpoint. */
    public record HostPort(String host, int port) { }

    /** Parses "tcp:HOST:PORT" or "tcp::PORT" (QEMU's chardev syntax). */
    public static HostPort hostPort(String v, String flag, String defaultHost) throws UsageException {
        if (!v.startsWith("tcp:")) {
            throw new UsageException(flag + ": expected tcp:HOST:PORT, not '" + v + "'");
        }
        String rest = v.substring(4);
        int colon = rest.lastIndexOf(':');
        if (colon < 0) {
            throw new UsageException(flag + ": expected tcp:HOST:PORT, not '" + v + "'");
        }
        String host = rest.substring(0, colon);
        int port = integer(rest.substring(colon + 1), flag);
        if (port < 0 || port > 65535) {
            throw new UsageException(flag + ": port out of range: " + port);
        }
        return new HostPort(host.isEmpty() ? defaultHost : host, port);
    }

    /** QEMU size syntax: a number (fractions allowed) with an optional K/M/G/T suffix; no suffix means MiB. */
    public static long size(String v, String flag) throws UsageException {
        String s = v.trim().toUpperCase(Locale.ROOT);
        if (s.endsWith("B")) {
            s = s.substring(0, s.length() - 1);
        }
        long unit = 1L << 20;
        if (!s.isEmpty()) {
            char last = s.charAt(s.length() - 1);
            int shift = switch (last) {
                case 'K' -> 10;
                case 'M' -> 20;
                case 'G' -> 30;
                case 'T' -> 40;
                default -> -1;
            };
            if (shift >= 0) {
                unit = 1L << shift;
                s = s.substring(0, s.length() - 1);
            }
        }
        try {
            if (s.contains(".")) { // QEMU takes fractions too: 1.5G
                java.math.BigDecimal bytes = new java.math.BigDecimal(s).multiply(java.math.BigDecimal.valueOf(unit));
                if (bytes.signum() <= 0 || bytes.compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                    throw new UsageException(flag + ": bad size '" + v + "'");
                }
                return bytes.longValue();
            }
            long n = Long.parseLong(s);
            if (n <= 0 || n > Long.MAX_VALUE / unit) {
                throw new UsageException(flag + ": bad size '" + v + "'");
            }
            return n * unit;
        } catch (NumberFormatException e) {
            throw new UsageException(flag + ": bad size '" + v + "' (examples: 256M, 1G)");
        }
    }

    private static String value(List<String> args, int i, String flag) throws UsageException {
        if (i + 1 >= args.size()) {
            throw new UsageException(flag + ": missing value");
        }
        return args.get(i + 1);
    }

    private static String nonEmpty(String v, String flag) throws UsageException {
        if (v.isEmpty()) {
            throw new UsageException(flag + ": empty file name");
        }
        return v;
    }

    private static int integer(String v, String flag) throws UsageException {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(flag + ": not a number: '" + v + "'");
        }
    }
}
