package org.emu4e.launch.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.emu4e.core.MachineRegistry;
import org.emu4e.core.launch.VirtLaunchConstants;

/** Launch configurations of the emu4e type and the checks every lifecycle test makes. */
final class Launches {
    static final Duration T = Duration.ofSeconds(60);

    private Launches() {
    }

    /** The repository checkout (the tests run in tests/org.emu4e.launch.tests). */
    static Path repo() {
        Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("examples/demo/demo.elf"))) {
            p = p.getParent();
        }
        if (p == null) {
            fail("cannot find the checkout (examples/demo/demo.elf) above " + System.getProperty("user.dir"));
        }
        return p;
    }

    static Path demoElf() {
        return repo().resolve("examples/demo/demo.elf");
    }

    /** A new (unsaved) configuration named {@code name} booting {@code kernel} on {@code smp} vCPUs. */
    static ILaunchConfigurationWorkingCopy config(String name, Path kernel, int smp) throws CoreException {
        ILaunchManager lm = DebugPlugin.getDefault().getLaunchManager();
        ILaunchConfigurationType type = lm.getLaunchConfigurationType(VirtLaunchConstants.TYPE_ID);
        ILaunchConfigurationWorkingCopy wc = type.newInstance(null, lm.generateLaunchConfigurationName(name));
        wc.setAttribute(VirtLaunchConstants.ATTR_KERNEL, kernel == null ? "" : kernel.toString());
        wc.setAttribute(VirtLaunchConstants.ATTR_SMP, smp);
        wc.setAttribute(VirtLaunchConstants.ATTR_MEMORY, "128M");
        return wc;
    }

    /** Waits for {@code condition}, checking every 20 ms. */
    static void await(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + T.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }

    static int gdbPort(ILaunch launch) {
        return Integer.parseInt(launch.getAttribute(VirtLaunchConstants.LAUNCH_GDB_PORT));
    }

    /** The loopback port can be bound again: nothing listens on it any more. */
    static void assertPortFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            fail("port " + port + " is still in use after the launch ended: " + e);
        }
    }

    /** No machine registered and no vCPU or stub thread alive. */
    static void assertNothingRunning() {
        await("every machine to leave the registry", () -> MachineRegistry.getDefault().machines().isEmpty());
        await("every emu4e vCPU and stub thread to end", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && (t.getName().startsWith("emu4e-vcpu-") || t.getName().startsWith("emu4e-gdb-"))));
        assertTrue(MachineRegistry.getDefault().machines().isEmpty());
    }

    /** Terminates and removes every launch (between tests). */
    static void cleanUp() throws Exception {
        ILaunchManager lm = DebugPlugin.getDefault().getLaunchManager();
        for (ILaunch l : lm.getLaunches()) {
            if (l.canTerminate()) {
                l.terminate();
            }
            lm.removeLaunch(l);
        }
        for (var c : lm.getLaunchConfigurations()) {
            c.delete();
        }
        assertNothingRunning();
    }
}
