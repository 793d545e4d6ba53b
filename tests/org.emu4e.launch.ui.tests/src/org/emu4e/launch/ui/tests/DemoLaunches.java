package org.emu4e.launch.ui.tests;

import static org.emu4e.launch.ui.tests.Gui.waitFor;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.ui.DebugUITools;
import org.emu4e.core.MachineRegistry;
import org.emu4e.core.RunningMachine;
import org.emu4e.core.launch.VirtLaunchConstants;

/** Launches of the demo firmware through the emu4e configuration type, started as a user starts them. */
final class DemoLaunches {

    private DemoLaunches() {
    }

    /** A saved configuration booting the demo on 4 vCPUs (debug mode: gdb-multiarch, stop at main). */
    static ILaunchConfiguration demo(String name) throws CoreException {
        ILaunchManager lm = DebugPlugin.getDefault().getLaunchManager();
        ILaunchConfigurationWorkingCopy wc = lm.getLaunchConfigurationType(VirtLaunchConstants.TYPE_ID)
                .newInstance(null, name);
        wc.setAttribute(VirtLaunchConstants.ATTR_KERNEL, Gui.repo().resolve("examples/demo/demo.elf").toString());
        wc.setAttribute(VirtLaunchConstants.ATTR_SMP, 4);
        wc.setAttribute(VirtLaunchConstants.ATTR_MEMORY, "128M");
        return wc.doSave();
    }

    /** What Run > Debug (or the toolbar) does: DebugUITools on the UI thread; the launch runs in a job. */
    static void launchAsUser(ILaunchConfiguration config, String mode) {
        Gui.uiRun(() -> DebugUITools.launch(config, mode));
    }

    /** The registered machines started by launches of {@code config}. */
    static List<RunningMachine> machinesOf(ILaunchConfiguration config) {
        return MachineRegistry.getDefault().machines().stream()
                .filter(m -> m.launch() != null && m.launch().getLaunchConfiguration() != null
                        && m.launch().getLaunchConfiguration().getName().equals(config.getName()))
                .toList();
    }

    /** Waits for a machine of {@code config} other than {@code old} (null: any). */
    static RunningMachine newMachineOf(ILaunchConfiguration config, RunningMachine old) {
        return waitFor("the machine of a launch of " + config.getName(),
                () -> machinesOf(config).stream().filter(m -> !m.equals(old)).findFirst().orElse(null));
    }

    static int gdbPort(ILaunch launch) {
        return Integer.parseInt(launch.getAttribute(VirtLaunchConstants.LAUNCH_GDB_PORT));
    }

    /** The loopback port can be bound again: nothing listens on it any more. */
    static void assertPortFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            fail("port " + port + " is still in use: " + e);
        }
    }

    /** The live emu4e vCPU and GDB stub threads. */
    static long engineThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive()
                && (t.getName().startsWith("emu4e-vcpu-") || t.getName().startsWith("emu4e-gdb-"))).count();
    }

    /** No machine registered and no vCPU or stub thread alive. */
    static void assertNothingRunning() {
        waitFor("every machine to leave the registry", () -> MachineRegistry.getDefault().machines().isEmpty());
        waitFor("every emu4e vCPU and stub thread to end", () -> engineThreads() == 0);
        assertTrue(MachineRegistry.getDefault().machines().isEmpty());
    }

    /** Terminates and removes every launch and configuration (between tests). */
    static void cleanUp() throws CoreException {
        ILaunchManager lm = DebugPlugin.getDefault().getLaunchManager();
        // a debug launch still starting cannot be terminated yet: each is asked once it can be
        Set<ILaunch> asked = new HashSet<>();
        waitFor(() -> "every launch to end: " + List.of(lm.getLaunches()), () -> {
            boolean ended = true;
            for (ILaunch l : lm.getLaunches()) {
                if (!l.isTerminated()) {
                    ended = false;
                    if (l.canTerminate() && asked.add(l)) {
                        try {
                            l.terminate();
                        } catch (DebugException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
            }
            return ended;
        });
        for (ILaunch l : lm.getLaunches()) {
            lm.removeLaunch(l);
        }
        for (ILaunchConfiguration c : lm.getLaunchConfigurations()) {
            c.delete();
        }
        assertNothingRunning();
    }
}
