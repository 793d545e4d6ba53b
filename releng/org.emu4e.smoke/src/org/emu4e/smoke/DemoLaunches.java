package org.emu4e.smoke;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IProcess;

/**
 * Launch configurations of the emu4e type for the demo firmware, by the attribute keys a user's
 * saved configuration has (this bundle links to no emu4e bundle: it checks what was installed).
 */
final class DemoLaunches {
    static final String TYPE_ID = "org.emu4e.launch.virtMachine";
    /** {@code IProcess.ATTR_PROCESS_TYPE} of the machine process (its console is the UART). */
    static final String MACHINE_PROCESS_TYPE = "org.emu4e.machine";
    /** Launch attribute with the GDB stub's real port. */
    static final String LAUNCH_GDB_PORT = "org.emu4e.launch.launch.gdbPort";

    private DemoLaunches() {
    }

    /**
     * A saved configuration booting {@code kernel} on 4 vCPUs; debugger and source lookup settings
     * stay at their defaults (the emu4e debug launch finds sources beside the symbols ELF itself).
     */
    static ILaunchConfiguration demo(String name, String kernel) throws CoreException {
        ILaunchManager lm = DebugPlugin.getDefault().getLaunchManager();
        ILaunchConfigurationType type = lm.getLaunchConfigurationType(TYPE_ID);
        if (type == null) {
            throw new CoreException(Status.error("launch configuration type " + TYPE_ID + " is not installed"));
        }
        ILaunchConfigurationWorkingCopy wc = type.newInstance(null, lm.generateLaunchConfigurationName(name));
        wc.setAttribute("org.emu4e.launch.KERNEL", kernel);
        wc.setAttribute("org.emu4e.launch.SMP", 4);
        wc.setAttribute("org.emu4e.launch.MEMORY", "128M");
        return wc.doSave();
    }

    static IProcess machineProcess(ILaunch launch) {
        return Arrays.stream(launch.getProcesses())
                .filter(p -> MACHINE_PROCESS_TYPE.equals(p.getAttribute(IProcess.ATTR_PROCESS_TYPE)))
                .findFirst().orElse(null);
    }

    /** The launch of {@code config} once the launch manager has it, or null after {@code timeout}. */
    static ILaunch awaitLaunchOf(ILaunchConfiguration config, Duration timeout) {
        ILaunch[] found = new ILaunch[1];
        await(timeout, () -> {
            for (ILaunch l : DebugPlugin.getDefault().getLaunchManager().getLaunches()) {
                if (config.equals(l.getLaunchConfiguration())) {
                    found[0] = l;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** Waits for {@code condition}, checking every 100 ms; false when {@code timeout} passed first. */
    static boolean await(Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            pause(100);
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
        return true;
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Names of the live vCPU and GDB stub threads of emu4e machines. */
    static List<String> machineThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && (t.getName().startsWith("emu4e-vcpu-") || t.getName().startsWith("emu4e-gdb-")))
                .map(Thread::getName).sorted().toList();
    }

    /** True when nothing listens on loopback {@code port} any more. */
    static boolean portFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
