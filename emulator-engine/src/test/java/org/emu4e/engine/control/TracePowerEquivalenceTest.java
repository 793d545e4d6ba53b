package org.emu4e.engine.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.emu4e.engine.cli.Main;
import org.emu4e.engine.control.client.ControlClientAdapter;
import org.emu4e.engine.control.client.ControlConnection;
import org.emu4e.engine.control.protocol.CpuParams;
import org.emu4e.engine.control.protocol.VcpuStateChanged;
import org.emu4e.engine.testing.Asm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control protocol's {@code vcpu/stateChanged} events and the CLI's {@code --trace-power}
 * lines are two views of one stream: for a scripted scenario (PMU halts and resumes of running
 * and sleeping cores, driven over the protocol) every event a client receives is, per vCPU and in
 * order, exactly the trace's line for that transition (cpu, from, to, reason, instruction count),
 * and the trace has nothing the client missed after it subscribed.
 */
class TracePowerEquivalenceTest {
    /** CPU 0 starts CPUs 1-3: 1 and 2 spin, 3 sleeps in WFI; CPU 0 then spins. */
    private static final String GUEST = """
                mov x20, #1
            1:  ldr x0, =0xC4000003
                mov x1, x20
                adr x2, sec
                mov x3, x20
                hvc #0
                add x20, x20, #1
                cmp x20, #4
                b.ne 1b
            2:  add x5, x5, #1
                b 2b
            sec:
                cmp x0, #3
                b.eq 4f
            3:  add x5, x5, #1
                b 3b
            4:  wfi
                b 4b
            """;
    private static final Pattern TRACE = Pattern.compile("t=\\d+ cpu(\\d+) (\\w+) -> (\\w+) \\((.*)\\) insns=(\\d+)");

    @Test
    void eventStreamEqualsTracePowerOutput(@TempDir Path tmp) throws Exception {
        Path raw = tmp.resolve("guest.bin");
        Files.write(raw, Asm.assemble(GUEST));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true);
        Main main = new Main(new PrintStream(new ByteArrayOutputStream(), true), errStream,
                new ByteArrayInputStream(new byte[0]));
        Thread cli = new Thread(() -> main.run(List.of("-M", "virt", "-smp", "4", "-m", "64M", "-nographic",
                "-kernel", raw.toString(), "--trace-power", "--control", "tcp:127.0.0.1:0")), "cli");
        cli.setDaemon(true);
        cli.start();
        int port = awaitPort(err);

        List<VcpuStateChanged> events = new CopyOnWriteArrayList<>();
        ControlClientAdapter client = new ControlClientAdapter() {
            @Override
            public void stateChanged(VcpuStateChanged e) {
                events.add(e);
            }
        };
        try (ControlConnection c = ControlConnection.connect("127.0.0.1", port, client)) {
            c.initialize("trace-equivalence", List.of("vcpu/stateChanged")).get(10, TimeUnit.SECONDS);
            awaitTrace(err, "cpu3 RUNNING -> WFI");
            for (int cpu : new int[] {2, 3, 1, 2}) {
                c.server().pmu().halt(new CpuParams(cpu)).get(10, TimeUnit.SECONDS);
                c.server().pmu().resume(new CpuParams(cpu)).get(10, TimeUnit.SECONDS);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (pmuEvents(events) < 8 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            c.request("machine/shutdown", null).get(10, TimeUnit.SECONDS);
        }
        cli.join(10_000);

        List<String[]> trace = new ArrayList<>();
        for (String line : err.toString().split("\n")) {
            Matcher m = TRACE.matcher(line.trim());
            if (m.matches()) {
                trace.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)});
            }
        }
        assertEquals(8, pmuEvents(events), "4 halts and 4 resumes: " + events);
        for (int cpu = 0; cpu < 4; cpu++) {
            final int k = cpu;
            List<String> fromEvents = events.stream().filter(e -> e.cpu() == k)
                    .map(e -> e.from() + "->" + e.to() + "|" + e.reason() + "|" + e.instructionCount()).toList();
            List<String> fromTrace = trace.stream().filter(t -> Integer.parseInt(t[0]) == k)
                    .map(t -> t[1] + "->" + t[2] + "|" + t[3] + "|" + t[4]).toList();
            // The trace also has what happened before the client subscribed (boot, CPU_ON, WFI)
            // and the shutdown; between those it must be exactly the client's events.
            int at = indexOfSublist(fromTrace, fromEvents);
            assertTrue(at >= 0, "cpu" + k + ": events " + fromEvents + " not a run of the trace " + fromTrace);
        }
        assertTrue(events.stream().anyMatch(e -> e.cpu() == 3 && e.from().equals("WFI") && e.to().equals("PMU_HALTED")));
        assertTrue(events.stream().anyMatch(e -> e.cpu() == 3 && e.from().equals("PMU_HALTED") && e.to().equals("WFI")),
                "a core halted in WFI is back in WFI after the resume");
    }

    private static long pmuEvents(List<VcpuStateChanged> events) {
        return events.stream().filter(e -> e.from().equals("PMU_HALTED") || e.to().equals("PMU_HALTED")).count();
    }

    private static int indexOfSublist(List<String> list, List<String> sub) {
        for (int i = 0; i + sub.size() <= list.size(); i++) {
            if (list.subList(i, i + sub.size()).equals(sub)) {
                return i;
            }
        }
        return -1;
    }

    private static int awaitPort(ByteArrayOutputStream err) throws InterruptedException {
        Pattern p = Pattern.compile("control protocol listening on port (\\d+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Matcher m = p.matcher(err.toString());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            Thread.sleep(10);
        }
        throw new AssertionError("CLI did not start the control server: " + err);
    }

    private static void awaitTrace(ByteArrayOutputStream err, String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!err.toString().contains(fragment)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + fragment + "' in the trace: " + err);
            }
            Thread.sleep(10);
        }
    }
}
