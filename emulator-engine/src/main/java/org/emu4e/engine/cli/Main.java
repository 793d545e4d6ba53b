package org.emu4e.engine.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.emu4e.engine.api.Machine;
import org.emu4e.engine.board.virt.VirtBoard;
import org.emu4e.engine.board.virt.VirtMachine;
import org.emu4e.engine.loader.LoadException;

/**
 * emu4e command line (the runnable jar's Main-Class): QEMU-style flags for the virt board.
 * Exit status: the machine's exit code (0 after guest PSCI SYSTEM_OFF); 1, with a one-line message
 * on stderr, for a bad command line, a boot file that cannot be loaded, RAM the host cannot give or
 * a server that cannot start (as qemu-system-aarch64 exits 1 for all of these).
 */
public final class Main {
    /** Where the demo firmware is built (relative to the repository root). */
    public static final Path DEMO_ELF = Path.of("examples", "demo", "build", "demo.elf");
    /** The committed prebuilt demo firmware, used when no build exists (no cross compiler). */
    public static final Path DEMO_PREBUILT = Path.of("examples", "demo", "demo.elf");

    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;

    public Main(PrintStream out, PrintStream err, InputStream in) {
        this.out = out;
        this.err = err;
        this.in = in;
    }

    public static void main(String[] args) {
        int code = new Main(System.out, System.err, System.in).run(List.of(args));
        System.exit(code);
    }

    /** Runs the CLI; returns the process exit status. */
    public int run(List<String> args) {
        if (!args.isEmpty() && args.get(0).equals("ctl")) {
            return org.emu4e.engine.control.client.CtlMain.run(args.subList(1, args.size()).toArray(String[]::new),
                    out, err);
        }
        boolean demo = !args.isEmpty() && args.get(0).equals("demo");
        CliOptions o;
        try {
            o = CliOptions.parse(demo ? demoArgs(args.subList(1, args.size())) : args);
        } catch (UsageException e) {
            err.println("emu4e: " + e.getMessage());
            return 1;
        }
        if (o.help()) {
            out.print(CliOptions.USAGE);
            return 0;
        }
        if (o.version()) {
            out.println(CliOptions.VERSION);
            return 0;
        }
        LogLines.configure(o.logItems(), err);
        if (o.dumpDtb() != null) {
            return dumpDtb(o);
        }
        Machine m;
        try {
            m = VirtMachine.create(o.config());
        } catch (LoadException | IllegalStateException e) {
            err.println("emu4e: " + e.getMessage());
            return 1;
        }
        List<AutoCloseable> servers = new ArrayList<>();
        RunStats stats = new RunStats();
        try {
            return runMachine(m, o, demo, servers, stats);
        } finally {
            for (AutoCloseable s : servers) {
                try {
                    s.close();
                } catch (Exception e) {
                    err.println("emu4e: closing server: " + e.getMessage());
                }
            }
            m.shutdown();
            if (o.stats()) {
                stats.print(m, err);
            }
        }
    }

    private int runMachine(Machine m, CliOptions o, boolean demo, List<AutoCloseable> servers, RunStats stats) {
        long origin = System.nanoTime();
        if (o.serial()) {
            m.console().addOutputListener(bytes -> {
                out.write(bytes, 0, bytes.length);
                out.flush();
            });
            StdinPump.start(in, m.console(), m::shutdown);
        }
        if (o.tracePower()) {
            m.addStateListener(new PowerTrace(err, origin));
        }
        boolean debuggable = false;
        Frontends.Server gdb = null;
        try {
            if (o.gdbHost() != null) {
                gdb = Frontends.startGdb(m, o.gdbHost(), o.gdbPort());
                servers.add(gdb.handle());
                debuggable = true;
                err.println((demo ? "emu4e demo: " : "emu4e: ") + "GDB stub listening on " + o.gdbHost() + ":"
                        + gdb.port() + (demo ? " (gdb-multiarch -ex 'target remote :" + gdb.port() + "')" : ""));
            }
            if (o.control() != null) {
                Frontends.Server s = Frontends.startControl(m, o.control(), gdb);
                servers.add(s.handle());
                debuggable = true;
                err.println("emu4e: control protocol listening on port " + s.port());
            }
        } catch (IOException | RuntimeException e) {
            err.println("emu4e: cannot start server: " + e.getMessage());
            return 1;
        }
        if (o.startPaused()) {
            if (debuggable) {
                for (int i = 0; i < m.cpuCount(); i++) {
                    m.debug().stop(i); // -S: no vCPU runs until a debugger or control client resumes it
                }
            } else {
                err.println("emu4e: -S without a debugger or control connection: starting anyway");
            }
        }
        stats.started();
        m.start();
        try {
            while (!m.awaitShutdown(Duration.ofSeconds(1))) {
                // keep waiting: the guest or Ctrl-A x ends the run
            }
            stats.stopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        out.flush();
        return m.exitCode();
    }

    private int dumpDtb(CliOptions o) {
        try {
            VirtBoard board = new VirtBoard(o.config());
            Files.write(o.dumpDtb(), board.deviceTreeBlob());
            board.close();
            err.println("emu4e: dtb dumped to " + o.dumpDtb() + ". Exiting.");
            return 0;
        } catch (LoadException | IllegalStateException e) {
            err.println("emu4e: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("emu4e: cannot write " + o.dumpDtb() + ": " + e.getMessage());
            return 1;
        }
    }

    /** demo: the demo firmware on 4 vCPUs with the GDB stub on a free loopback port. */
    static List<String> demoArgs(List<String> extra) throws UsageException {
        Path elf = findDemo();
        List<String> a = new ArrayList<>(List.of("-M", "virt", "-cpu", "cortex-a53", "-smp", "4", "-m", "256M",
                "-nographic", "-kernel", elf.toString(), "-gdb", "tcp:127.0.0.1:0"));
        a.addAll(extra);
        return a;
    }

    /**
     * The demo image: -Demu4e.demo.elf / EMU4E_DEMO_ELF, else in the checkout ({@code emu4e.home}, set
     * by the launcher, or a folder above the working directory) the rebuilt image, else the prebuilt one.
     */
    static Path findDemo() throws UsageException {
        String prop = System.getProperty("emu4e.demo.elf", System.getenv("EMU4E_DEMO_ELF"));
        if (prop != null) {
            return Path.of(prop);
        }
        List<Path> roots = new ArrayList<>();
        String home = System.getProperty("emu4e.home");
        if (home != null) {
            roots.add(Path.of(home));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            roots.add(dir);
        }
        for (Path root : roots) {
            for (Path p : List.of(root.resolve(DEMO_ELF), root.resolve(DEMO_PREBUILT))) {
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        throw new UsageException("demo: neither " + DEMO_ELF + " nor " + DEMO_PREBUILT
                + " found in this directory or above; run it from the emu4e checkout (or 'make -C examples/demo')");
    }
}
