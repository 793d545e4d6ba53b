package org.emu4e.smoke;

import java.time.Duration;
import java.util.List;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IProcess;

/** The two checks of a debug launch of the demo: stopped at main on 4 vCPUs, then a clean Terminate. */
final class DebugSession {
    private DebugSession() {
    }

    /** Waits until GDB shows 4 stopped vCPU threads with the boot CPU in main; reports either way. */
    static boolean awaitStoppedAtMain(ILaunch launch, Report report, Duration timeout) {
        if (!GdbThreads.isDsfGdb(launch)) {
            report.problem("the debug launch is a " + launch.getClass().getName() + ", not a DSF-GDB launch");
            return false;
        }
        long end = System.nanoTime() + timeout.toNanos();
        List<?> last = List.of();
        String why = "GDB has not answered yet";
        while (System.nanoTime() < end) {
            if (launch.isTerminated()) {
                report.problem("the debug launch ended before stopping at main (last seen: " + last + ")");
                return false;
            }
            try {
                List<GdbThreads.GdbThread> threads = GdbThreads.of(launch);
                last = threads;
                why = GdbThreads.whyNotStoppedAtMain(threads);
                if (why == null) {
                    report.info("debug launch stopped at main, GDB threads: " + threads);
                    return true;
                }
            } catch (Exception e) {
                why = e.toString();
            }
            DemoLaunches.pause(200);
        }
        report.problem("not stopped at main on 4 vCPU threads after " + timeout.toSeconds() + " s: " + why
                + " (last seen: " + last + ")");
        return false;
    }

    /** Terminates the launch and checks that the session, the machine, its threads and its port are gone. */
    static void terminate(ILaunch launch, Report report) {
        IProcess machine = DemoLaunches.machineProcess(launch);
        String port = launch.getAttribute(DemoLaunches.LAUNCH_GDB_PORT);
        try {
            launch.terminate();
        } catch (DebugException e) {
            report.problem("Terminate failed: " + e.getMessage());
        }
        if (!DemoLaunches.await(Duration.ofSeconds(30), launch::isTerminated)) {
            report.problem("the launch had not ended 30 s after Terminate");
        }
        if (machine == null || !machine.isTerminated()) {
            report.problem("the machine process " + (machine == null ? "is missing" : "still runs"));
        }
        if (!DemoLaunches.await(Duration.ofSeconds(30), () -> DemoLaunches.machineThreads().isEmpty())) {
            report.problem("vCPU or GDB stub threads survived Terminate: " + DemoLaunches.machineThreads());
        }
        if (port != null && !DemoLaunches.await(Duration.ofSeconds(10), () -> DemoLaunches.portFree(Integer.parseInt(port)))) {
            report.problem("the GDB stub port " + port + " is still in use after Terminate");
        }
        report.info("terminated: launch ended, machine stopped, no vCPU or stub thread left, port " + port + " free");
    }
}
