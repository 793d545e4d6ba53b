package org.emu4e.engine.gdbstub;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.emu4e.engine.api.DebugStop;

/**
 * Resume, step, interrupt and stop reporting, in all-stop and non-stop mode (GDB manual
 * E.10 "Remote Non-Stop"). Runs on the session thread only.
 */
final class ExecutionControl {
    private static final Logger LOG = Logger.getLogger(ExecutionControl.class.getName());
    static final int SIGINT = 2;
    static final int SIGTRAP = 5;

    private final GdbSession s;
    /** True for vCPUs we resumed or stepped and whose stop we still have to report. */
    private final boolean[] running;
    /** Signal to report for a REQUESTED stop of a running vCPU (0 after vCont;t, 2 after Ctrl-C). */
    private final int[] requestedSignal;
    /** All-stop: a resume is outstanding and a stop reply is owed. */
    private boolean waiting;
    /** Non-stop: stop replies not yet acknowledged by vStopped; the head was sent. */
    private final ArrayDeque<String> pending = new ArrayDeque<>();
    private boolean notificationInFlight;

    ExecutionControl(GdbSession s) {
        this.s = s;
        this.running = new boolean[s.cpuCount()];
        this.requestedSignal = new int[s.cpuCount()];
    }

    // ---- stopping ------------------------------------------------------------------------

    /** Stops every vCPU and waits (bounded) until each reports DEBUG_STOPPED. */
    void stopAll() {
        List<CompletableFuture<DebugStop>> fs = new ArrayList<>();
        for (int i = 0; i < running.length; i++) {
            running[i] = false;
            fs.add(s.debug().stop(i));
        }
        await(CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)), "stop all vCPUs");
    }

    /** Ctrl-C / vCtrlC. */
    void interrupt() {
        if (s.nonStop) {
            for (int i = 0; i < running.length; i++) {
                if (running[i]) {
                    requestedSignal[i] = SIGINT;
                    s.debug().stop(i);
                }
            }
            return;
        }
        if (!waiting) {
            return;
        }
        waiting = false;
        stopAll();
        s.channel.send(stopReply(new DebugStop(s.currentG, DebugStop.Reason.REQUESTED, 0), SIGINT));
    }

    /** A vCPU reported a debug stop (any reason). */
    void onStop(DebugStop st) {
        int i = st.cpu();
        if (i < 0 || i >= running.length || !running[i]) {
            return; // stale: a stop we caused ourselves, or a vCPU we never resumed
        }
        running[i] = false;
        if (st.reason() == DebugStop.Reason.GUEST_SHUTDOWN) {
            machineGone();
            return;
        }
        int sig = st.reason() == DebugStop.Reason.REQUESTED ? requestedSignal[i] : SIGTRAP;
        if (s.nonStop) {
            queueNotification(stopReply(st, sig));
            return;
        }
        if (!waiting) {
            return;
        }
        waiting = false;
        stopAll();
        s.currentG = i;
        s.currentC = i;
        s.channel.send(stopReply(st, sig));
    }

    /** The machine shut down: report the process as exited if a reply is owed. */
    void machineGone() {
        java.util.Arrays.fill(running, false);
        try {
            s.machine.awaitShutdown(java.time.Duration.ofSeconds(2)); // the exit code is set as it completes
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int code = s.machine.exitCode();
        String exit = "W" + String.format("%02x", code < 0 ? 0 : code & 0xFF);
        if (s.nonStop) {
            queueNotification(exit);
        } else if (waiting) {
            waiting = false;
            s.channel.send(exit);
        }
    }

    String stopReply(DebugStop st, int sig) {
        StringBuilder sb = new StringBuilder(String.format("T%02x", sig));
        switch (st.reason()) {
            case BREAKPOINT -> {
                if (s.breakpoints.isHardware(st.address())) {
                    if (s.clientHwbreak) {
                        sb.append("hwbreak:;");
                    }
                } else if (s.clientSwbreak) {
                    sb.append("swbreak:;");
                }
            }
            case WATCHPOINT -> {
                Breakpoints.Watch w = s.breakpoints.watchAt(st.address());
                String key = w == null ? "awatch" : w.kind().stopKey;
                sb.append(key).append(':').append(Hex.num(st.address())).append(';');
            }
            default -> { }
        }
        sb.append("thread:").append(Hex.num(st.cpu() + 1L)).append(';');
        return sb.toString();
    }

    /**
     * Switching to non-stop leaves only the current thread stopped and resumes the others.
     * GDB 13 trips an internal assertion (remote.c, "!async_event_handler_marked") when more
     * than one thread is reported stopped while it connects in non-stop mode, and a running
     * system is what non-stop debugging is for.
     */
    void enterNonStop() {
        waiting = false;
        for (int i = 0; i < running.length; i++) {
            if (i != s.currentG) {
                resume(i);
            }
        }
    }

    // ---- '?' and vStopped ----------------------------------------------------------------

    String haltReason() {
        if (!s.nonStop) {
            return stopReply(new DebugStop(s.currentG, DebugStop.Reason.REQUESTED, 0), SIGTRAP);
        }
        pending.clear();
        for (int i = 0; i < running.length; i++) {
            // The session's view, not isStopped(): a vCPU just resumed may not have left DEBUG_STOPPED yet.
            if (!running[i]) {
                pending.add(stopReply(new DebugStop(i, DebugStop.Reason.REQUESTED, 0), 0));
            }
        }
        if (pending.isEmpty()) {
            notificationInFlight = false;
            return "OK";
        }
        notificationInFlight = true;
        return pending.peek();
    }

    String vStopped() {
        pending.poll();
        if (pending.isEmpty()) {
            notificationInFlight = false;
            return "OK";
        }
        return pending.peek();
    }

    private void queueNotification(String reply) {
        pending.add(reply);
        if (!notificationInFlight) {
            notificationInFlight = true;
            s.channel.notify("Stop:" + reply);
        }
    }

    // ---- resuming ------------------------------------------------------------------------

    /** vCont;action[:tid]... — the first action naming a thread (or naming none) applies to it. */
    String vCont(String actions) {
        String[] parts = actions.split(";");
        char[] perCpu = new char[running.length];
        for (String a : parts) {
            if (a.isEmpty()) {
                return "E22";
            }
            char kind = a.charAt(0);
            if ("cCsSt".indexOf(kind) < 0) {
                return "E22";
            }
            int colon = a.indexOf(':');
            int tid = -1;
            if (colon >= 0) {
                tid = s.parseThreadId(a.substring(colon + 1));
                if (tid == Integer.MIN_VALUE) {
                    return "E22";
                }
            }
            for (int i = 0; i < perCpu.length; i++) {
                if (perCpu[i] == 0 && (tid <= 0 || tid == i + 1)) {
                    perCpu[i] = Character.toLowerCase(kind);
                }
            }
        }
        for (int i = 0; i < perCpu.length; i++) {
            switch (perCpu[i]) {
                case 'c' -> resume(i);
                case 's' -> step(i);
                case 't' -> {
                    if (running[i]) {
                        requestedSignal[i] = 0;
                        s.debug().stop(i);
                    }
                }
                default -> { }
            }
        }
        if (s.nonStop) {
            return "OK";
        }
        waiting = true;
        return null;
    }

    /** The old 'c'/'s' packets: continue all, or step the Hc thread alone. */
    String legacyResume(boolean step) {
        if (step) {
            step(s.currentC >= 0 ? s.currentC : s.currentG);
        } else {
            for (int i = 0; i < running.length; i++) {
                resume(i);
            }
        }
        if (s.nonStop) {
            return "OK";
        }
        waiting = true;
        return null;
    }

    private void resume(int i) {
        if (running[i]) {
            return;
        }
        running[i] = true;
        requestedSignal[i] = SIGINT;
        s.debug().resume(i);
    }

    private void step(int i) {
        if (running[i]) {
            return;
        }
        running[i] = true;
        requestedSignal[i] = SIGINT;
        s.debug().step(i);
    }

    void resumeAllForDetach() {
        for (int i = 0; i < running.length; i++) {
            running[i] = false;
            try {
                s.debug().resume(i);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "resume on detach", e);
            }
        }
        waiting = false;
    }

    private static void await(CompletableFuture<?> f, String what) {
        try {
            f.get(GdbServer.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "gdb stub: " + what + " did not complete", e);
        }
    }
}
