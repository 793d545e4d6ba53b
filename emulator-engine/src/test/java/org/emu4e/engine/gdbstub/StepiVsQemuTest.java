package org.emu4e.engine.gdbstub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.emu4e.engine.api.Machine;
import org.emu4e.engine.board.virt.VirtConfig;
import org.emu4e.engine.board.virt.VirtMachine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same guest ELF (resources {@code stepi/stepi.S}: loops, calls, loads/stores, branches,
 * nothing timing- or device-dependent) started with -S on emu4e's virt machine and on
 * qemu-system-aarch64 -M virt, each single-stepped {@value #STEPS} times by gdb-multiarch:
 * the two PC sequences must be equal.
 */
@Timeout(120)
class StepiVsQemuTest {
    static final int STEPS = 1000;

    @TempDir
    static Path dir;
    static Path elf;

    @BeforeAll
    static void build() throws Exception {
        for (String f : List.of("stepi.S", "stepi.ld")) {
            try (InputStream in = StepiVsQemuTest.class.getResourceAsStream("stepi/" + f)) {
                Files.write(dir.resolve(f), in.readAllBytes());
            }
        }
        GuestProgram.exec(dir, "aarch64-linux-gnu-gcc", "-g", "-nostdlib", "-static", "-fno-pie", "-no-pie",
                "-Wl,--build-id=none", "-Wl,--no-warn-rwx-segments", "-T", "stepi.ld", "-o", "stepi.elf", "stepi.S");
        elf = dir.resolve("stepi.elf");
    }

    @Test
    void singleSteppedPcsMatchQemu() throws Exception {
        List<Long> ours = emu4eTrace();
        List<Long> qemu = qemuTrace();
        assertEquals(STEPS + 1, qemu.size(), "QEMU trace length");
        assertEquals(STEPS + 1, ours.size(), "emu4e trace length");
        for (int i = 0; i < qemu.size(); i++) {
            if (!qemu.get(i).equals(ours.get(i))) {
                fail("first difference after " + i + " steps: emu4e pc=0x" + Long.toHexString(ours.get(i))
                        + ", QEMU pc=0x" + Long.toHexString(qemu.get(i))
                        + (i > 0 ? " (previous pc 0x" + Long.toHexString(qemu.get(i - 1)) + ")" : ""));
            }
        }
    }

    private List<Long> emu4eTrace() throws Exception {
        Machine machine = VirtMachine.create(VirtConfig.defaults().withCpus(1).withRam(128L << 20).withKernel(elf));
        GdbServer server = null;
        try {
            server = GdbServer.start(machine, null, 0);
            GdbServer.stopBeforeStart(machine);
            machine.start();
            return trace(server.port());
        } finally {
            if (server != null) {
                server.close();
            }
            machine.shutdown();
        }
    }

    private List<Long> qemuTrace() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Process qemu = new ProcessBuilder("qemu-system-aarch64", "-M", "virt", "-cpu", "cortex-a53", "-smp", "1",
                "-m", "128M", "-nographic", "-monitor", "none", "-serial", "none", "-S",
                "-gdb", "tcp:127.0.0.1:" + port, "-kernel", elf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("qemu.log").toFile()).start();
        try {
            return trace(port); // gdb retries the connection until QEMU listens (tcp auto-retry)
        } finally {
            qemu.destroy();
            if (!qemu.waitFor(5, TimeUnit.SECONDS)) {
                qemu.destroyForcibly();
            }
        }
    }

    /** gdb-multiarch in batch mode: the PC at the stop, then after each of {@link #STEPS} stepi. */
    private static List<Long> trace(int port) throws IOException, InterruptedException {
        Path script = Files.createTempFile(dir, "trace", ".gdb");
        Files.write(script, List.of("set pagination off", "set confirm off", "set width 0",
                "file " + elf, "target remote 127.0.0.1:" + port, "printf \"PC %lx\\n\", $pc",
                "python",
                "for _ in range(" + STEPS + "):",
                "    gdb.execute('stepi', to_string=True)",
                "    gdb.write('PC %x\\n' % (int(gdb.parse_and_eval('$pc')) & 0xffffffffffffffff))",
                "end",
                "detach"));
        Process p = new ProcessBuilder("gdb-multiarch", "-nx", "-batch", "-x", script.toString())
                .directory(dir.toFile()).redirectErrorStream(true).start();
        Thread watchdog = new Thread(() -> {
            try {
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        });
        watchdog.setDaemon(true);
        watchdog.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "gdb did not exit");
        List<Long> pcs = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("PC ")) {
                pcs.add(Long.parseUnsignedLong(line.substring(3).trim(), 16));
            }
        }
        assertTrue(pcs.size() == STEPS + 1 && !out.contains("Remote failure reply"), "gdb output:\n" + out);
        return pcs;
    }
}
