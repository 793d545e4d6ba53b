package org.emu4e.engine.gdbstub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.emu4e.engine.api.Machine;
import org.emu4e.engine.api.RunState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Non-stop debugging as Eclipse CDT drives it: gdb-multiarch over GDB/MI with
 * {@code non-stop on}, one vCPU interrupted ({@code -exec-interrupt --thread}) and inspected
 * while the others keep running, then everything interrupted and detached.
 */
@Timeout(180)
class GdbMiNonStopTest {
    GuestProgram guest;
    Machine machine;
    GdbServer server;

    @BeforeEach
    void start() throws Exception {
        guest = GuestProgram.get();
        machine = TestBoard.machine(4, false, guest.image);
        server = GdbServer.start(machine, null, 0);
        machine.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (machine != null) {
            machine.shutdown();
        }
    }

    @Test
    void allStopInterruptAndBreakpointAsCdtDoesThem() throws Exception {
        try (GdbMi gdb = new GdbMi(guest.dir)) {
            assertEquals("^done", gdb.cmd("-gdb-set mi-async on")); // CDT's default for remote targets
            assertTrue(gdb.cmd("-file-exec-and-symbols " + guest.elf).startsWith("^done"));
            assertTrue(gdb.cmd("-target-select remote 127.0.0.1:" + server.port()).startsWith("^connected"));
            assertTrue(gdb.cmd("-exec-continue").startsWith("^running"));
            assertTrue(machine.vcpu(0).awaitState(RunState.RUNNING, Duration.ofSeconds(10)));
            assertTrue(gdb.cmd("-exec-interrupt").startsWith("^done"));
            String stopped = gdb.await(l -> l.startsWith("*stopped"), 30);
            assertTrue(stopped.contains("signal-name=\"SIGINT\""), stopped);
            for (int i = 0; i < 4; i++) {
                assertTrue(machine.debug().isStopped(i), "all-stop: CPU " + i);
            }
            String bp = gdb.cmd("-break-insert tick");
            assertTrue(bp.startsWith("^done,bkpt={number=\"1\""), bp);
            assertTrue(gdb.cmd("-exec-continue").startsWith("^running"));
            stopped = gdb.await(l -> l.startsWith("*stopped"), 30);
            assertTrue(stopped.contains("reason=\"breakpoint-hit\"") && stopped.contains("func=\"tick\""), stopped);
            String regs = gdb.cmd("-data-list-register-names");
            assertTrue(regs.contains("\"ESR_EL1\"") && regs.contains("\"v31\""), regs);
            assertTrue(gdb.cmd("-target-detach").startsWith("^done"));
        }
        assertTrue(server.awaitNoClient(Duration.ofSeconds(10)));
    }

    @Test
    void interruptOneThreadWhileOthersRun() throws Exception {
        // let CPU 0 boot the others and everyone settle before attaching
        assertTrue(machine.vcpu(3).awaitState(RunState.PSCI_OFF, Duration.ofSeconds(20))
                || machine.vcpu(2).awaitState(RunState.WFI, Duration.ofSeconds(20)));
        try (GdbMi gdb = new GdbMi(guest.dir)) {
            assertEquals("^done", gdb.cmd("-gdb-set non-stop on"));
            assertEquals("^done", gdb.cmd("-gdb-set mi-async on"));
            assertTrue(gdb.cmd("-file-exec-and-symbols " + guest.elf).startsWith("^done"));
            assertTrue(gdb.cmd("-target-select remote 127.0.0.1:" + server.port()).startsWith("^connected"));
            String info = gdb.cmd("-thread-info");
            assertTrue(info.contains("name=\"CPU#2\"") && info.contains("details=\"CPU#2 ["), info);

            assertTrue(gdb.cmd("-exec-continue --all").startsWith("^running"));
            for (int i : new int[] {0, 1}) {
                assertTrue(machine.vcpu(i).awaitState(RunState.RUNNING, Duration.ofSeconds(10)), "CPU " + i);
            }

            assertTrue(gdb.cmd("-exec-interrupt --thread 2").startsWith("^done"));
            gdb.await(l -> l.startsWith("*stopped") && l.contains("thread-id=\"2\""), 30);
            assertTrue(machine.debug().isStopped(1));
            assertFalse(machine.debug().isStopped(0), "CPU 0 keeps running");

            info = gdb.cmd("-thread-info");
            assertTrue(info.matches(".*\\{id=\"2\".*?state=\"stopped\".*"), info);
            assertTrue(info.matches(".*\\{id=\"1\".*?details=\"CPU#0 \\[running\\]\".*?state=\"running\".*"), info);

            String cpu = gdb.cmd("-data-evaluate-expression --thread 2 --frame 0 cpu");
            assertEquals("^done,value=\"1\"", cpu);
            assertTrue(gdb.cmd("-data-list-register-values --thread 2 x 32").contains("{number=\"32\",value=\"0x4001"));
            // CPU 0 really runs meanwhile: its counter moves while thread 2 is inspected
            String c1 = gdb.cmd("-data-evaluate-expression --thread 2 --frame 0 counter[0]");
            String c2 = c1;
            for (int k = 0; k < 200 && c2.equals(c1); k++) {
                Thread.sleep(10);
                c2 = gdb.cmd("-data-evaluate-expression --thread 2 --frame 0 counter[0]");
            }
            assertFalse(c1.equals(c2), "counter[0] advanced: " + c1 + " -> " + c2);

            assertTrue(gdb.cmd("-exec-continue --thread 2").startsWith("^running"));
            assertTrue(gdb.cmd("-exec-interrupt --all").startsWith("^done"));
            gdb.await(l -> l.startsWith("*stopped") && l.contains("thread-id=\"1\""), 30);
            assertTrue(gdb.cmd("-target-detach").startsWith("^done"));
        }
        assertTrue(server.awaitNoClient(Duration.ofSeconds(10)));
        assertTrue(machine.vcpu(0).awaitState(RunState.RUNNING, Duration.ofSeconds(10)), "detach resumes");
    }
}
