package org.emu4e.core.tests.launch;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IProcess;
import org.emu4e.core.MachineRegistry;
import org.emu4e.core.launch.VirtLaunchConstants;
import org.emu4e.engine.api.Machine;
import org.emu4e.engine.api.MachineState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Run mode of the emu4e configuration type (no CDT in this test runtime): the UART is the
 * process's console in both directions, Terminate stops the machine and frees the stub's port,
 * the exit status is the process's exit value and is written to the console.
 */
class RunModeLaunchTest {
    private static final Duration T = Duration.ofSeconds(60);
    private static Path echoElf;

    @BeforeAll
    static void buildFirmware() throws Exception {
        Path repo = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (repo != null && !Files.exists(repo.resolve("tests/firmware/Makefile"))) {
            repo = repo.getParent();
        }
        assertNotNull(repo, "checkout not found above " + System.getProperty("user.dir"));
        Process make = new ProcessBuilder("make", "-C", repo.resolve("tests/firmware").toString(), "build/uart-echo.elf")
                .redirectErrorStream(true).start();
        String out = new String(make.getInputStream().readAllBytes());
        assertEquals(0, make.waitFor(), out);
        echoElf = repo.resolve("tests/firmware/build/uart-echo.elf");
    }

    @AfterEach
    void removeLaunches() throws Exception {
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
        await("the registry to empty", () -> MachineRegistry.getDefault().machines().isEmpty());
    }

    @Test
    void consoleShowsUartTypedInputReachesGuestTerminateStopsMachine() throws Exception {
        ILaunch launch = config("echo").launch(ILaunchManager.RUN_MODE, new NullProgressMonitor());
        IProcess process = launch.getProcesses()[0];
        Machine machine = MachineRegistry.getDefault().find(launch).orElseThrow().machine();
        int port = Integer.parseInt(launch.getAttribute(VirtLaunchConstants.LAUNCH_GDB_PORT));
        var out = process.getStreamsProxy().getOutputStreamMonitor();
        await("the banner in the console", () -> out.getContents().contains("echo ready"));

        process.getStreamsProxy().write("hello emu4e\n");
        await("the guest's answer", () -> out.getContents().contains("echo: hello emu4e"));

        process.terminate();
        await("the launch to end", launch::isTerminated);
        assertEquals(MachineState.SHUTDOWN, machine.machineState());
        assertTrue(out.getContents().contains("[emu4e] machine stopped, exit status "), out.getContents());
        process.getExitValue(); // defined once terminated
        assertPortFree(port);
    }

    @Test
    void guestPowerOffEndsLaunchWithExitStatusZero() throws Exception {
        ILaunch launch = config("echo-off").launch(ILaunchManager.RUN_MODE, new NullProgressMonitor());
        IProcess process = launch.getProcesses()[0];
        var out = process.getStreamsProxy().getOutputStreamMonitor();
        await("the banner", () -> out.getContents().contains("echo ready"));
        process.getStreamsProxy().write("off\r");
        await("the launch to end", launch::isTerminated);
        assertEquals(0, process.getExitValue());
        assertTrue(out.getContents().contains("exit status 0 (guest powered off)"), out.getContents());
    }

    @Test
    void missingKernelFailsBeforeAnythingStarts() throws Exception {
        ILaunchConfigurationWorkingCopy wc = config("missing");
        wc.setAttribute(VirtLaunchConstants.ATTR_KERNEL, "/nonexistent/fw.elf");
        CoreException e = assertThrows(CoreException.class, () -> wc.launch(ILaunchManager.RUN_MODE, new NullProgressMonitor()));
        assertEquals("Kernel file /nonexistent/fw.elf does not exist: choose an existing file on the Firmware tab",
                e.getStatus().getMessage());
        assertTrue(MachineRegistry.getDefault().machines().isEmpty());
    }

    @Test
    void badMemoryOptionIsNamed() throws Exception {
        ILaunchConfigurationWorkingCopy wc = config("badmem");
        wc.setAttribute(VirtLaunchConstants.ATTR_MEMORY, "12Q");
        CoreException e = assertThrows(CoreException.class, () -> wc.launch(ILaunchManager.RUN_MODE, new NullProgressMonitor()));
        assertTrue(e.getStatus().getMessage().startsWith("Memory '12Q' is not a size"), e.getStatus().getMessage());
        assertTrue(MachineRegistry.getDefault().machines().isEmpty());
    }

    @Test
    void takenPortIsNamedAndNothingIsLeftRunning() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ILaunchConfigurationWorkingCopy wc = config("port");
            wc.setAttribute(VirtLaunchConstants.ATTR_GDB_PORT, taken.getLocalPort());
            CoreException e = assertThrows(CoreException.class,
                    () -> wc.launch(ILaunchManager.RUN_MODE, new NullProgressMonitor()));
            assertTrue(e.getStatus().getMessage().startsWith("GDB port " + taken.getLocalPort() + " on 127.0.0.1 is taken"),
                    e.getStatus().getMessage());
        }
        assertTrue(MachineRegistry.getDefault().machines().isEmpty());
        await("no vCPU thread left", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("emu4e-vcpu-")));
    }

    @Test
    void secondLaunchWhileRunningFailsHeadlessWithWhatToDo() throws Exception {
        ILaunchConfigurationWorkingCopy wc = config("twice");
        var saved = wc.doSave();
        ILaunch first = saved.launch(ILaunchManager.RUN_MODE, new NullProgressMonitor());
        CoreException e = assertThrows(CoreException.class, () -> saved.launch(ILaunchManager.RUN_MODE, new NullProgressMonitor()));
        assertTrue(e.getStatus().getMessage().contains("is already running: terminate it first"), e.getStatus().getMessage());
        assertFalse(first.isTerminated());
        assertEquals(1, MachineRegistry.getDefault().machines().size());
    }

    private static ILaunchConfigurationWorkingCopy config(String name) throws CoreException {
        ILaunchManager lm = DebugPlugin.getDefault().getLaunchManager();
        ILaunchConfigurationWorkingCopy wc = lm.getLaunchConfigurationType(VirtLaunchConstants.TYPE_ID)
                .newInstance(null, lm.generateLaunchConfigurationName(name));
        wc.setAttribute(VirtLaunchConstants.ATTR_KERNEL, echoElf.toString());
        wc.setAttribute(VirtLaunchConstants.ATTR_SMP, 1);
        wc.setAttribute(VirtLaunchConstants.ATTR_MEMORY, "64M");
        return wc;
    }

    private static void assertPortFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            fail("port " + port + " still in use: " + e);
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + T.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }
}
