package org.emu4e.engine.gdbstub;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.emu4e.engine.api.RunState;
import org.emu4e.engine.api.VcpuStatus;

/**
 * {@code monitor} commands (qRcmd). Output goes to the client as O packets before the
 * final OK; an unknown command or bad argument answers with an error line and E01.
 */
final class Monitor {
    static final String HELP = """
            emu4e monitor commands:
              help                 this text
              info cpus            every vCPU: run state, PC, exception level, MPIDR
              pmu halt N           assert the PMU halt line of vCPU N (0-based)
              pmu resume N         release the PMU halt line of vCPU N
              system_reset         reset the whole machine
              phys on|off          debugger memory accesses use physical addresses
                                   (also allows reads of device/MMIO regions)
            """;

    private final GdbSession s;

    Monitor(GdbSession s) {
        this.s = s;
    }

    String run(String line) {
        String[] w = line.trim().split("\\s+");
        String cmd = w[0];
        try {
            switch (cmd) {
                case "help", "" -> out(HELP);
                case "info" -> {
                    if (w.length < 2 || !w[1].equals("cpus")) {
                        return fail("usage: info cpus");
                    }
                    infoCpus();
                }
                case "pmu" -> {
                    if (w.length != 3 || !(w[1].equals("halt") || w[1].equals("resume"))) {
                        return fail("usage: pmu halt|resume N");
                    }
                    int cpu = Integer.parseInt(w[2]);
                    if (cpu < 0 || cpu >= s.cpuCount()) {
                        return fail("no vCPU " + cpu);
                    }
                    pmu(w[1].equals("halt"), cpu);
                }
                case "system_reset" -> {
                    s.machine.reset();
                    out("system reset\n");
                }
                case "phys" -> {
                    if (w.length != 2 || !(w[1].equals("on") || w[1].equals("off"))) {
                        return fail("usage: phys on|off");
                    }
                    s.physicalMemory = w[1].equals("on");
                    out("debugger memory accesses use " + (s.physicalMemory ? "physical" : "virtual")
                            + " addresses\n");
                }
                default -> {
                    return fail("unknown monitor command '" + cmd + "'; try 'monitor help'");
                }
            }
        } catch (NumberFormatException e) {
            return fail("bad number");
        }
        return "OK";
    }

    private void infoCpus() {
        StringBuilder sb = new StringBuilder();
        ThreadStates ts = s.server.threadStates();
        for (int i = 0; i < s.cpuCount(); i++) {
            VcpuStatus st = s.machine.vcpu(i).status();
            sb.append("  ").append(ThreadStates.name(i))
                    .append(" [").append(ts.label(i)).append("] pc=0x").append(Long.toHexString(st.pc()))
                    .append(" EL").append(st.el())
                    .append(" mpidr=0x").append(Long.toHexString(st.mpidr()))
                    .append(" insns=").append(st.instructionCount())
                    .append(s.machine.pmu().isHaltAsserted(i) ? " pmu-halt" : "")
                    .append('\n');
        }
        out(sb.toString());
    }

    private void pmu(boolean halt, int cpu) {
        CompletableFuture<RunState> f = halt ? s.machine.pmu().halt(cpu) : s.machine.pmu().resume(cpu);
        String what = (halt ? "PMU halt" : "PMU resume") + " of CPU#" + cpu;
        try {
            // A debug-stopped vCPU acts on the line only when it runs again: do not wait long.
            f.get(1, TimeUnit.SECONDS);
            out(what + " done\n");
        } catch (TimeoutException e) {
            out(what + " requested (takes effect when the vCPU runs)\n");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            out(what + " failed: " + e.getMessage() + "\n");
        }
    }

    private void out(String text) {
        s.consoleOutput(text);
    }

    private String fail(String msg) {
        out(msg + "\n");
        return "E01";
    }
}
