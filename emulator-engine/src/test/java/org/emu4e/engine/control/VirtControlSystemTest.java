package org.emu4e.engine.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.emu4e.engine.api.Machine;
import org.emu4e.engine.board.virt.VirtConfig;
import org.emu4e.engine.board.virt.VirtMachine;
import org.emu4e.engine.control.client.ControlClientAdapter;
import org.emu4e.engine.control.client.ControlConnection;
import org.emu4e.engine.control.protocol.CpuParams;
import org.emu4e.engine.control.protocol.PmuCpuState;
import org.emu4e.engine.control.protocol.UartOutput;
import org.emu4e.engine.control.protocol.UartWriteParams;
import org.emu4e.engine.control.protocol.VcpuInfo;
import org.emu4e.engine.control.protocol.VcpuStateChanged;
import org.emu4e.engine.control.server.ControlServer;
import org.emu4e.engine.testing.Asm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on the virt board: CPU 0 starts CPUs 1-3 with PSCI CPU_ON, prints "ready" on the
 * PL011 and echoes what it receives; the control client over TCP sees the output, types into
 * the UART, and halts and resumes a running secondary through the PMU.
 */
class VirtControlSystemTest {
    private static final String GUEST = """
                ldr x19, =0x09000000
                mov w4, #0x301
                str w4, [x19, #0x30]
                mov x20, #1
            1:  ldr x0, =0xC4000003
                mov x1, x20
                adr x2, sec
                mov x3, #0
                hvc #0
                add x20, x20, #1
                cmp x20, #4
                b.ne 1b
                adr x2, msg
            2:  ldrb w3, [x2], #1
                cbz w3, 3f
                str w3, [x19]
                b 2b
            3:  ldr w4, [x19, #0x18]
                tbnz w4, #4, 3b
                ldr w3, [x19]
                add w3, w3, #1
                str w3, [x19]
                b 3b
            sec:
                add x5, x5, #1
                b sec
            msg: .asciz "ready\\n"
            """;

    @Test
    void controlAVirtMachineOverTcp(@TempDir Path tmp) throws Exception {
        Path raw = tmp.resolve("guest.bin");
        Files.write(raw, Asm.assemble(GUEST));
        Machine m = VirtMachine.create(VirtConfig.defaults().withCpus(4).withRam(64L << 20).withKernel(raw));
        StringBuilder uart = new StringBuilder();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        CompletableFuture<Void> echoed = new CompletableFuture<>();
        List<VcpuStateChanged> events = new CopyOnWriteArrayList<>();
        ControlClientAdapter client = new ControlClientAdapter() {
            @Override
            public void output(UartOutput e) {
                synchronized (uart) {
                    uart.append(e.text());
                    if (uart.indexOf("ready\n") >= 0) {
                        ready.complete(null);
                    }
                    if (uart.indexOf("IBM") >= 0) {
                        echoed.complete(null);
                    }
                }
            }

            @Override
            public void stateChanged(VcpuStateChanged e) {
                events.add(e);
            }
        };
        try (ControlServer server = ControlServer.open(m, "tcp:0");
                ControlConnection c = ControlConnection.connect("127.0.0.1", server.port(), client)) {
            c.initialize("virt system test", null).get(5, TimeUnit.SECONDS);
            m.start();
            ready.get(20, TimeUnit.SECONDS);

            List<VcpuInfo> cpus = null;
            for (int i = 0; i < 200; i++) {
                cpus = c.server().vcpu().list().get(5, TimeUnit.SECONDS).vcpus();
                if (cpus.stream().allMatch(v -> v.state().equals("RUNNING"))) {
                    break;
                }
                Thread.sleep(10);
            }
            assertEquals(4, cpus.size());
            assertTrue(cpus.stream().allMatch(v -> v.state().equals("RUNNING")), cpus.toString());
            assertTrue(events.stream().anyMatch(e -> e.cpu() == 2 && e.from().equals("PSCI_OFF")), events.toString());

            // the guest adds one to every byte it receives: "HAL" comes back as "IBM"
            assertEquals(3, c.server().uart().write(new UartWriteParams("HAL")).get(5, TimeUnit.SECONDS).bytes());
            echoed.get(10, TimeUnit.SECONDS);

            for (int round = 0; round < 5; round++) {
                events.clear();
                PmuCpuState halted = c.server().pmu().halt(new CpuParams(2)).get(5, TimeUnit.SECONDS);
                assertEquals("PMU_HALTED", halted.state());
                assertTrue(halted.haltAsserted());
                assertTrue(events.stream().anyMatch(e -> e.cpu() == 2 && e.to().equals("PMU_HALTED")), events.toString());
                long before = c.server().vcpu().list().get(5, TimeUnit.SECONDS).vcpus().get(2).instructionCount();
                Thread.sleep(20);
                long after = c.server().vcpu().list().get(5, TimeUnit.SECONDS).vcpus().get(2).instructionCount();
                assertEquals(before, after, "a PMU-halted core retires nothing");
                PmuCpuState resumed = c.server().pmu().resume(new CpuParams(2)).get(5, TimeUnit.SECONDS);
                assertEquals("RUNNING", resumed.state());
                assertFalse(resumed.haltAsserted());
            }
        } finally {
            m.shutdown();
        }
        ThreadLeakCheck.assertNoControlThreads();
    }
}
