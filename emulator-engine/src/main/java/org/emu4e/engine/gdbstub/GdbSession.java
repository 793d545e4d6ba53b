package org.emu4e.engine.gdbstub;

import java.util.ArrayDeque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.emu4e.engine.api.DebugControl;
import org.emu4e.engine.api.DebugStop;
import org.emu4e.engine.api.Machine;
import org.emu4e.engine.api.MachineState;

/**
 * One debugger connection. A single session thread takes {@link SessionEvent}s (packets,
 * Ctrl-C, vCPU debug stops, disconnect) from one queue, so protocol state needs no locks.
 * Threads are vCPUs, thread id = index + 1.
 *
 * <p>All-stop (default): after a resume the first debug stop of a vCPU we resumed stops
 * every other vCPU and is reported as a stop reply. Non-stop (QNonStop:1): each vCPU is
 * resumed and stopped on its own; stops are sent as %Stop notifications drained by vStopped.
 * A stop event from a vCPU the session does not consider running (one it stopped itself)
 * is stale and dropped.
 */
final class GdbSession implements Runnable {
    private static final Logger LOG = Logger.getLogger(GdbSession.class.getName());

    final Machine machine;
    final GdbArch arch;
    final GdbServer server;
    final RspChannel channel;
    final ExecutionControl exec;
    final DataAccess data;
    final Queries queries;
    final BlockingQueue<SessionEvent> events = new LinkedBlockingQueue<>();

    /** Thread for register/memory access (Hg) and for old-style c/s (Hc), as vCPU index. */
    int currentG;
    int currentC;
    boolean nonStop;
    boolean physicalMemory;
    boolean clientSwbreak;
    boolean clientHwbreak;
    Breakpoints breakpoints = Breakpoints.NONE;
    private boolean ended;

    private final Consumer<DebugStop> stopListener = st -> events.add(new SessionEvent.Stopped(st));
    private final Consumer<MachineState> machineListener = ms -> {
        if (ms == MachineState.SHUTDOWN) {
            events.add(SessionEvent.SHUTDOWN);
        }
    };

    GdbSession(GdbServer server, Machine machine, GdbArch arch, java.net.Socket socket) throws java.io.IOException {
        this.server = server;
        this.machine = machine;
        this.arch = arch;
        this.channel = new RspChannel(socket, events);
        this.exec = new ExecutionControl(this);
        this.data = new DataAccess(this);
        this.queries = new Queries(this);
    }

    DebugControl debug() { return machine.debug(); }

    int cpuCount() { return machine.cpuCount(); }

    @Override
    public void run() {
        debug().addStopListener(stopListener);
        machine.addMachineStateListener(machineListener);
        channel.start(Thread.currentThread().getName() + "-reader");
        try {
            if (machine.machineState() != MachineState.SHUTDOWN) {
                exec.stopAll();
            }
            while (!ended) {
                SessionEvent e = events.take();
                if (e == SessionEvent.DISCONNECTED) {
                    if (server.isClosed()) {
                        detachMachine(); // the embedder closed the stub: a detach on its behalf
                    } else {
                        dropMachine();
                    }
                    break;
                }
                dispatch(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            detachMachine();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "gdb session failed", e);
            detachMachine();
        } finally {
            debug().removeStopListener(stopListener);
            machine.removeMachineStateListener(machineListener);
            channel.close();
            server.sessionEnded(this);
        }
    }

    private void dispatch(SessionEvent e) {
        if (e == SessionEvent.INTERRUPT) {
            exec.interrupt();
        } else if (e == SessionEvent.SHUTDOWN) {
            exec.machineGone();
        } else if (e instanceof SessionEvent.Stopped s) {
            exec.onStop(s.stop());
        } else if (e instanceof SessionEvent.Packet p) {
            String reply;
            try {
                reply = handle(p.payload());
            } catch (IllegalArgumentException | IndexOutOfBoundsException e2) {
                reply = "E22"; // EINVAL: malformed packet
            } catch (IllegalStateException e2) {
                reply = "E01"; // machine shut down or vCPU unavailable
            } catch (RuntimeException e2) {
                LOG.log(Level.WARNING, "gdb packet failed: " + abbreviate(p.payload()), e2);
                reply = "E01";
            }
            if (reply != null) {
                channel.send(reply);
            }
        }
    }

    /** Handles one packet; returns the reply, or null when the reply comes later (resume) or never. */
    String handle(String p) {
        if (p.isEmpty()) {
            return "";
        }
        char c = p.charAt(0);
        String rest = p.substring(1);
        return switch (c) {
            case '?' -> exec.haltReason();
            case 'g' -> data.readRegisters();
            case 'G' -> data.writeRegisters(rest);
            case 'p' -> data.readRegister(rest);
            case 'P' -> data.writeRegister(rest);
            case 'm' -> data.readMemory(rest);
            case 'M' -> data.writeMemory(rest);
            case 'X' -> data.writeMemoryBinary(rest);
            case 'H' -> setThread(rest);
            case 'T' -> threadAlive(rest);
            case 'Z', 'z' -> data.breakpoint(c == 'Z', rest);
            case 'c', 'C' -> exec.legacyResume(false);
            case 's', 'S' -> exec.legacyResume(true);
            case 'D' -> detach();
            case 'k' -> kill();
            case 'q', 'Q' -> queries.handle(p);
            case 'v' -> handleV(p);
            default -> "";
        };
    }

    private String handleV(String p) {
        if (p.equals("vCont?")) {
            return "vCont;c;C;s;S;t";
        }
        if (p.startsWith("vCont;")) {
            return exec.vCont(p.substring(6));
        }
        if (p.equals("vStopped")) {
            return exec.vStopped();
        }
        if (p.equals("vCtrlC")) {
            exec.interrupt();
            return "OK";
        }
        if (p.startsWith("vKill")) {
            return kill();
        }
        return ""; // vMustReplyEmpty and everything unsupported
    }

    private String setThread(String rest) {
        if (rest.length() < 2) {
            return "E22";
        }
        int tid = parseThreadId(rest.substring(1));
        if (tid == Integer.MIN_VALUE) {
            return "E22";
        }
        int cpu = tid > 0 ? tid - 1 : -1;
        if (rest.charAt(0) == 'g') {
            if (cpu >= 0) {
                currentG = cpu;
            }
        } else if (rest.charAt(0) == 'c') {
            currentC = tid == -1 ? -1 : cpu >= 0 ? cpu : currentC;
        } else {
            return "E22";
        }
        return "OK";
    }

    private String threadAlive(String rest) {
        int tid = parseThreadId(rest);
        return tid > 0 ? "OK" : "E01";
    }

    /**
     * Thread id: positive ids map to vCPUs, 0 = any, -1 = all; {@link Integer#MIN_VALUE}
     * for malformed or unknown ids. "p1.N" forms are accepted though multiprocess is off.
     */
    int parseThreadId(String s) {
        if (s.startsWith("p")) {
            int dot = s.indexOf('.');
            if (dot < 0) {
                return Integer.MIN_VALUE;
            }
            s = s.substring(dot + 1);
        }
        if (s.equals("-1")) {
            return -1;
        }
        try {
            int tid = Hex.parseInt(s);
            return tid <= cpuCount() ? tid : Integer.MIN_VALUE;
        } catch (IllegalArgumentException e) {
            return Integer.MIN_VALUE;
        }
    }

    private String detach() {
        detachMachine();
        channel.send("OK");
        ended = true;
        return null;
    }

    private String kill() {
        if (server.killShutsDown()) {
            debug().setHooks(null);
            ended = true;
            Thread t = new Thread(machine::shutdown, "emu4e-gdb-kill");
            t.setDaemon(true);
            t.start();
        } else {
            detachMachine();
            ended = true;
        }
        return nonStop ? "OK" : null;
    }

    /**
     * The client went away without 'D' (killed, crashed, connection lost): as QEMU, the target
     * is left as it is, stopped vCPUs stay stopped until a debugger comes back (which can then
     * continue them); vCPUs that were running keep running. Breakpoints and watchpoints are
     * removed, so no running vCPU stops at one with no debugger to report to.
     */
    void dropMachine() {
        if (machine.machineState() == MachineState.SHUTDOWN) {
            return;
        }
        removeHooks();
    }

    private void removeHooks() {
        try {
            breakpoints = Breakpoints.NONE;
            debug().setHooks(null).get(GdbServer.TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "removing breakpoints on detach failed", e);
        }
    }

    /** Removes breakpoints and lets every vCPU run again ('D', or the stub closed by its owner). Idempotent. */
    void detachMachine() {
        if (machine.machineState() == MachineState.SHUTDOWN) {
            return;
        }
        removeHooks();
        exec.resumeAllForDetach();
    }

    /** Queues a console line for the client (O packet) during qRcmd. */
    void consoleOutput(String text) {
        channel.send("O" + Hex.encodeText(text));
    }


    static String abbreviate(String p) {
        return p.length() > 60 ? p.substring(0, 60) + "..." : p;
    }
}
