package org.emu4e.engine.gdbstub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Random;

import org.emu4e.engine.api.Machine;
import org.emu4e.engine.api.RunState;
import org.emu4e.engine.cpu.a64.CpuContext;
import org.emu4e.engine.runtime.MttcgMachine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The stub driven over a real socket with raw packets, against the real runtime
 * ({@link MttcgMachine} on a {@link TestBoard}, four vCPUs). The code is all {@code udf #0}, so every step is one exception entry to
 * VBAR_EL1 + 0x200: that is what breakpoints and steps are checked against.
 */
@Timeout(60)
class GdbProtocolTest {
    static final int REG_PC = 0x20;
    static final int REG_ESR = 0x44;
    static final int REG_VBAR = 0x4d;
    static final long VBAR = TestBoard.RAM_BASE + 0x8000;
    static final long VECTOR = VBAR + 0x200;

    TestBoard board;
    Machine machine;
    GdbServer server;

    @BeforeEach
    void start() throws IOException {
        board = new TestBoard(4, true, new byte[0x1000]);
        machine = new MttcgMachine(board);
        machine.start();
        server = GdbServer.start(machine, null, 0);
    }

    @AfterEach
    void stop() {
        server.close();
        machine.shutdown();
    }

    private RspClient connect() throws IOException {
        RspClient c = new RspClient(server.port());
        String sup = c.request("qSupported:multiprocess+;swbreak+;hwbreak+;xmlRegisters=i386");
        assertTrue(sup.contains("PacketSize=4000"), sup);
        assertTrue(sup.contains("qXfer:features:read+"), sup);
        assertTrue(sup.contains("QNonStop+"), sup);
        assertEquals("OK", c.request("QStartNoAckMode"));
        c.ackMode = false;
        return c;
    }

    static String le64(long v) {
        return Hex.encode(Hex.le(v, 8));
    }

    static long reg(RspClient c, int n) throws IOException {
        return Hex.fromLe(Hex.decode(c.request("p" + Hex.num(n))), 0, 8);
    }

    @Test
    void queriesThreadsAndRegisters() throws IOException {
        try (RspClient c = connect()) {
            assertEquals("T05thread:1;", c.request("?"));
            assertEquals("m1,2,3,4", c.request("qfThreadInfo"));
            assertEquals("l", c.request("qsThreadInfo"));
            assertEquals("QC1", c.request("qC"));
            assertEquals("CPU#2 [debug stopped]", Hex.decodeText(c.request("qThreadExtraInfo,3")));
            assertEquals("OK", c.request("T4"));
            assertEquals("E01", c.request("T9"));
            assertEquals("vCont;c;C;s;S;t", c.request("vCont?"));
            String xml = c.request("qXfer:features:read:target.xml:0,fffff");
            assertTrue(xml.startsWith("l<?xml"), xml.substring(0, 20));
            assertTrue(xml.contains("ESR_EL1"));
            assertEquals("E00", c.request("qXfer:features:read:nope.xml:0,100"));
            assertEquals("OK", c.request("Hg3"));
            assertEquals(788 * 2, c.request("g").length());
            assertEquals("OK", c.request("P" + Hex.num(REG_VBAR) + "=" + le64(VBAR)));
            assertEquals(VBAR, reg(c, REG_VBAR));
            assertEquals(VBAR, (long) machine.vcpu(2).<Long>callSync(ctx -> CpuContext.cpuOf(ctx).sys().vbar[1]));
            assertEquals("E45", c.request("p400"));
            assertEquals("", c.request("qUnknownThing"));
            assertEquals("", c.request("vMustReplyEmpty"));
        }
    }

    @Test
    void memoryReadsWritesAndRefusals() throws IOException {
        try (RspClient c = connect()) {
            assertEquals("0000000000000000", c.request("m" + Hex.num(TestBoard.ENTRY) + ",8"));
            assertEquals("OK", c.request("M" + Hex.num(TestBoard.ENTRY + 0x800) + ",4:78563412"));
            assertEquals("78563412", c.request("m" + Hex.num(TestBoard.ENTRY + 0x800) + ",4"));
            // X with bytes that need escaping: # $ } *
            String bin = "" + (char) 0x23 + (char) 0x24 + (char) 0x7d + (char) 0x2a;
            assertEquals("OK", c.request("X" + Hex.num(TestBoard.ENTRY + 0x900) + ",4:" + bin));
            assertEquals("23247d2a", c.request("m" + Hex.num(TestBoard.ENTRY + 0x900) + ",4"));
            assertEquals("OK", c.request("X" + Hex.num(TestBoard.ENTRY) + ",0:"));
            assertEquals("E14", c.request("m10,4"));
            assertEquals("E14", c.request("M10,2:0000"));
            // Device memory: refused in virtual mode (reads have side effects), allowed in phys mode.
            assertEquals("E14", c.request("m" + Hex.num(TestBoard.DEVICE) + ",4"));
            assertEquals(0, board.deviceReads);
            assertEquals("OK", c.request("qRcmd," + Hex.encodeText("phys on")));
            assertEquals("0000adde", c.request("m" + Hex.num(TestBoard.DEVICE) + ",4"));
            assertEquals("OK", c.request("qRcmd," + Hex.encodeText("phys off")));
            assertTrue(c.consoleLines.get(0).contains("physical"), c.consoleLines.toString());
            // partial read at the end of RAM
            long end = TestBoard.RAM_BASE + (16L << 20);
            assertEquals("00000000", c.request("m" + Hex.num(end - 4) + ",8"));
        }
    }

    @Test
    void breakpointStepInterruptAndWatchKinds() throws Exception {
        try (RspClient c = connect()) {
            assertEquals("OK", c.request("Hg1"));
            assertEquals("OK", c.request("P" + Hex.num(REG_VBAR) + "=" + le64(VBAR)));
            assertEquals("OK", c.request("P" + Hex.num(REG_PC) + "=" + le64(TestBoard.ENTRY)));
            assertEquals("OK", c.request("Z0," + Hex.num(VECTOR) + ",4"));
            assertEquals("T05swbreak:;thread:1;", c.request("vCont;c:1"));
            assertEquals(VECTOR, reg(c, REG_PC));
            assertEquals(0x0200_0000L, reg(c, REG_ESR), "ESR_EL1: EC 0 (unknown reason), IL");
            // stepping from the breakpoint executes the udf there: exception entry back to VECTOR
            assertEquals("T05thread:1;", c.request("vCont;s:1"));
            assertEquals(VECTOR, reg(c, REG_PC));
            assertEquals(VECTOR, reg(c, 0x44 + 2), "ELR_EL1 = the stepped udf");
            assertEquals("OK", c.request("z0," + Hex.num(VECTOR) + ",4"));
            // hardware breakpoint reported as hwbreak
            assertEquals("OK", c.request("P" + Hex.num(REG_PC) + "=" + le64(TestBoard.ENTRY)));
            assertEquals("OK", c.request("Z1," + Hex.num(VECTOR) + ",4"));
            assertEquals("T05hwbreak:;thread:1;", c.request("vCont;c:1;c"));
            assertEquals("OK", c.request("z1," + Hex.num(VECTOR) + ",4"));
            // continue everything, then Ctrl-C
            c.send("c");
            assertTrue(c.quiet(200), "no stop while running");
            assertTrue(machine.vcpu(3).awaitState(RunState.RUNNING, Duration.ofSeconds(5)));
            c.sendRaw(new byte[] {3});
            assertTrue(c.reply().startsWith("T02thread:"));
            for (int i = 0; i < 4; i++) {
                assertTrue(machine.debug().isStopped(i), "all-stop: CPU " + i);
            }
            assertEquals("OK", c.request("Z2,40001000,8"));
            assertEquals("OK", c.request("Z3,40002000,4"));
            assertEquals("OK", c.request("Z4,40003000,1"));
            assertEquals("OK", c.request("z3,40002000,4"));
            assertEquals("E22", c.request("Z2,40001000,0"));
            assertEquals("", c.request("Z9,0,0"));
            assertEquals("E22", c.request("Z0,zz,4"));
        }
    }

    @Test
    void monitorCommandsAndThreadNames() throws IOException, InterruptedException {
        try (RspClient c = connect()) {
            assertEquals("OK", c.request("qRcmd," + Hex.encodeText("help")));
            assertTrue(c.consoleLines.get(0).contains("pmu halt N"));
            c.consoleLines.clear();
            assertEquals("OK", c.request("qRcmd," + Hex.encodeText("info cpus")));
            String info = String.join("", c.consoleLines);
            assertTrue(info.contains("CPU#3 [debug stopped] pc=0x") && info.contains("EL1"), info);
            assertEquals("OK", c.request("qRcmd," + Hex.encodeText("pmu halt 2")));
            assertTrue(machine.pmu().isHaltAsserted(2));
            assertEquals("CPU#2 [PMU halted]", Hex.decodeText(c.request("qThreadExtraInfo,3")));
            String threads = c.request("qXfer:threads:read::0,fff");
            assertTrue(threads.contains("<thread id=\"3\" core=\"2\" name=\"CPU#2\">CPU#2 [PMU halted]</thread>"), threads);
            assertEquals("E01", c.request("qRcmd," + Hex.encodeText("pmu halt 9")));
            assertEquals("E01", c.request("qRcmd," + Hex.encodeText("frobnicate")));
            assertEquals("OK", c.request("qRcmd," + Hex.encodeText("pmu resume 2")));
            assertFalse(machine.pmu().isHaltAsserted(2));
            // detach: everything runs again, a running vCPU is named [running]
            assertEquals("OK", c.request("D"));
        }
        assertTrue(server.awaitNoClient(Duration.ofSeconds(5)));
        assertTrue(machine.vcpu(1).awaitState(RunState.RUNNING, Duration.ofSeconds(5)));
        assertTrue(machine.vcpu(0).awaitState(RunState.RUNNING, Duration.ofSeconds(5)), "detach resumed every vCPU");
        assertEquals("running", server.threadStates().label(1));
        try (RspClient c = connect()) {
            assertEquals("T05thread:1;", c.request("?"), "reconnect after detach");
            assertTrue(server.clientAddress().isPresent());
            assertTrue(server.status().contains("client 127.0.0.1"), server.status());
        }
    }

    @Test
    void closeReleasesThePortAndDetaches() throws Exception {
        int port = server.port();
        try (RspClient c = connect()) {
            assertEquals("OK", c.request("Z0," + Hex.num(VECTOR) + ",4"));
            server.close();
            assertTrue(server.awaitNoClient(Duration.ofSeconds(5)));
        }
        try (java.net.ServerSocket again = new java.net.ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, again.getLocalPort());
        }
        assertTrue(machine.vcpu(0).awaitState(RunState.RUNNING, Duration.ofSeconds(5)), "resumed on close");
        assertTrue(machine.vcpu(0).<Boolean>callSync(ctx -> CpuContext.cpuOf(ctx).debug == null), "breakpoints removed");
    }

    @Test
    void secondClientIsRefusedWhileOneIsConnected() throws IOException {
        try (RspClient c = connect(); Socket other = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            other.setSoTimeout(5000);
            assertEquals(-1, other.getInputStream().read());
            assertEquals("T05thread:1;", c.request("?"));
        }
    }

    @Test
    void nonStopStopsOneThreadWhileOthersRun() throws IOException, InterruptedException {
        try (RspClient c = connect()) {
            assertEquals("OK", c.request("QNonStop:1"));
            assertEquals("T00thread:1;", c.request("?"), "only the current thread stays stopped");
            assertEquals("OK", c.request("vStopped"));
            assertTrue(machine.vcpu(3).awaitState(RunState.RUNNING, Duration.ofSeconds(5)), "the others run");
            assertEquals("OK", c.request("vCont;c"));
            for (int i = 0; i < 4; i++) {
                assertTrue(machine.vcpu(i).awaitState(RunState.RUNNING, Duration.ofSeconds(5)));
            }
            assertEquals("OK", c.request("vCont;t:2"));
            assertEquals("Stop:T00thread:2;", c.notification());
            assertEquals("OK", c.request("vStopped"));
            assertTrue(machine.debug().isStopped(1));
            assertFalse(machine.debug().isStopped(0));
            assertEquals("CPU#0 [running]", Hex.decodeText(c.request("qThreadExtraInfo,1")));
            assertEquals("OK", c.request("Hg2"));
            assertEquals(788 * 2, c.request("g").length());
            // a breakpoint hit by a running vCPU arrives as a notification
            assertEquals("OK", c.request("Z0," + Hex.num(VECTOR) + ",4"));
            assertEquals("OK", c.request("Hg1"));
            assertEquals("OK", c.request("vCont;t:1"));
            assertEquals("Stop:T00thread:1;", c.notification());
            assertEquals("OK", c.request("vStopped"));
            assertEquals("OK", c.request("P" + Hex.num(REG_VBAR) + "=" + le64(VBAR)));
            assertEquals("OK", c.request("P" + Hex.num(REG_PC) + "=" + le64(TestBoard.ENTRY)));
            assertEquals("OK", c.request("vCont;c:1"));
            assertEquals("Stop:T05swbreak:;thread:1;", c.notification());
            assertEquals("OK", c.request("vStopped"));
            assertEquals("OK", c.request("vCtrlC"));
            int stops = 0;
            while (stops < 2) { // vCPUs 2 and 3 were running; their stops may come as one or two notifications
                String note = c.notification();
                while (true) {
                    assertTrue(note.startsWith("Stop:T02"), note);
                    stops++;
                    String r = c.request("vStopped");
                    if (r.equals("OK")) {
                        break;
                    }
                    note = "Stop:" + r;
                }
            }
            assertEquals(2, stops, "vCPUs 2 and 3 were still running");
        }
    }

    @Test
    void malformedInputNeverWedgesTheStub() throws IOException, InterruptedException {
        Random r = new Random(42);
        try (RspClient c = connect()) {
            for (String bad : new String[] {"m", "mzz,4", "m0", "M1,2:zz", "G12", "P", "Pzz=00", "H", "Hx1",
                    "Hgzz", "Z0", "Z0,1", "vCont;x", "vCont;", "qXfer:features:read:target.xml",
                    "qXfer:features:read:target.xml:zz,1", "qRcmd,zz", "QNonStop:7", "X0,5:ab", "p-1",
                    "m4000000000000000000000,1", "qThreadExtraInfo,99", "T", "vCont;c:99"}) {
                String reply = c.request(bad);
                assertTrue(reply.isEmpty() || reply.startsWith("E"), bad + " -> " + reply);
            }
            byte[] junk = new byte[4000];
            String first = "qQmMpPgHTXZz?";
            String alphabet = "0123456789abcdef,:;=.-qQmMpPgHTXZzvc";
            for (int i = 0; i < 200; i++) {
                r.nextBytes(junk);
                for (int k = 0; k < junk.length; k++) {
                    if (junk[k] == 3 || junk[k] == '$') {
                        junk[k] = 4; // no Ctrl-C, no packet starts: pure line noise
                    }
                }
                c.sendRaw(junk);
                c.sendRaw(RspCodec.latin1("$" + "q".repeat(r.nextInt(100)) + "#00")); // bad checksum
                StringBuilder p = new StringBuilder().append(first.charAt(r.nextInt(first.length())));
                for (int k = r.nextInt(40); k > 0; k--) {
                    p.append(alphabet.charAt(r.nextInt(alphabet.length())));
                }
                c.send(p.toString()); // well-framed random request: some reply, never a crash
            }
            c.sendRaw(RspCodec.latin1("#00"));
            String reply = "";
            for (int k = 0; k < 1000 && !reply.equals("QC1"); k++) {
                reply = k == 0 ? c.request("qC") : c.reply();
            }
            assertEquals("QC1", reply, "still answering after noise");
        }
        assertTrue(server.awaitNoClient(Duration.ofSeconds(5)));
        assertEquals(0L, (long) machine.vcpu(0).callSync(ctx -> 0L), "machine alive");
        try (RspClient c = connect()) {
            assertEquals("m1,2,3,4", c.request("qfThreadInfo"));
            // a huge packet is dropped, not buffered without bound
            c.sendRaw(RspCodec.latin1("$" + "a".repeat(PacketDecoder.MAX_FRAME + 10) + "#00"));
            assertEquals("m1,2,3,4", c.request("qfThreadInfo"));
        }
    }

    @Test
    void systemResetAndGuestPowerOffAreReported() throws Exception {
        try (RspClient c = connect()) {
            assertEquals("OK", c.request("P" + Hex.num(REG_PC) + "=" + le64(TestBoard.ENTRY + 0x40)));
            assertEquals("OK", c.request("qRcmd," + Hex.encodeText("system_reset")));
            assertEquals(TestBoard.ENTRY, reg(c, REG_PC), "reset put CPU 0 back at its entry");
            assertTrue(machine.debug().isStopped(0), "still stopped for the debugger after reset");
            // hvc #0 with x0 = PSCI SYSTEM_OFF: the machine powers off while running -> W00
            assertEquals("OK", c.request("M" + Hex.num(TestBoard.ENTRY) + ",4:020000d4"));
            assertEquals("OK", c.request("P0=" + le64(0x8400_0008L)));
            assertEquals("W00", c.request("vCont;c"));
            assertTrue(machine.awaitShutdown(Duration.ofSeconds(10)));
            assertTrue(c.request("g").startsWith("E"), "no machine, error replies");
        }
    }

    @Test
    void killShutsTheMachineDown() throws Exception {
        try (RspClient c = connect()) {
            c.send("k");
            assertTrue(machine.awaitShutdown(Duration.ofSeconds(10)));
        }
        assertTrue(server.awaitNoClient(Duration.ofSeconds(5)));
        assertThrows(IllegalStateException.class, () -> machine.vcpu(0).callSync(ctx -> 0));
    }
}
