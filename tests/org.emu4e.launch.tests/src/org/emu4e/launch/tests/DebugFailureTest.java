package org.emu4e.launch.tests;

import static org.emu4e.launch.tests.Launches.*;
import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.emu4e.core.launch.VirtLaunchConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debug launches that cannot work: a clear message, and no machine, thread or port left. */
class DebugFailureTest {

    @AfterEach
    void cleanUp() throws Exception {
        Launches.cleanUp();
    }

    @Test
    void missingGdbIsNamedBeforeTheMachineStarts() throws Exception {
        ILaunchConfigurationWorkingCopy wc = config("nogdb", demoElf(), 4);
        wc.setAttribute(VirtLaunchConstants.ATTR_DEBUG_NAME, "/nonexistent/gdb-multiarch");
        CoreException e = assertThrows(CoreException.class, () -> wc.launch(ILaunchManager.DEBUG_MODE, new NullProgressMonitor()));
        assertTrue(e.getStatus().getMessage().startsWith("GDB '/nonexistent/gdb-multiarch' was not found"),
                e.getStatus().getMessage());
        assertNothingRunning();
    }

    @Test
    void missingKernelIsNamed() throws Exception {
        ILaunchConfigurationWorkingCopy wc = config("nokernel", Path.of("/nonexistent/demo.elf"), 4);
        CoreException e = assertThrows(CoreException.class, () -> wc.launch(ILaunchManager.DEBUG_MODE, new NullProgressMonitor()));
        assertTrue(e.getStatus().getMessage().startsWith("Kernel file /nonexistent/demo.elf does not exist"),
                e.getStatus().getMessage());
        assertNothingRunning();
    }

    @Test
    void tooManyCoresForGicV2IsNamed() throws Exception {
        ILaunchConfigurationWorkingCopy wc = config("cores", demoElf(), 12);
        CoreException e = assertThrows(CoreException.class, () -> wc.launch(ILaunchManager.DEBUG_MODE, new NullProgressMonitor()));
        assertTrue(e.getStatus().getMessage().startsWith("Cores: 12 is out of range: GICv2 supports 1 to 8"),
                e.getStatus().getMessage());
        assertNothingRunning();
    }

    @Test
    void takenPortIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ILaunchConfigurationWorkingCopy wc = config("port", demoElf(), 4);
            wc.setAttribute(VirtLaunchConstants.ATTR_GDB_PORT, taken.getLocalPort());
            CoreException e = assertThrows(CoreException.class,
                    () -> wc.launch(ILaunchManager.DEBUG_MODE, new NullProgressMonitor()));
            assertTrue(e.getStatus().getMessage().contains("GDB port " + taken.getLocalPort()), e.getStatus().getMessage());
        }
        assertNothingRunning();
    }

    @Test
    void gdbThatDiesAtOnceLeavesNothingRunning(@TempDir Path dir) throws Exception {
        Path crashing = dir.resolve("gdb-crash");
        Files.writeString(crashing, "#!/bin/sh\necho 'simulated GDB crash' >&2\nexit 3\n");
        Files.setPosixFilePermissions(crashing, PosixFilePermissions.fromString("rwxr-xr-x"));
        ILaunchConfigurationWorkingCopy wc = config("crash", demoElf(), 4);
        wc.setAttribute(VirtLaunchConstants.ATTR_DEBUG_NAME, crashing.toString());
        try {
            var launch = wc.launch(ILaunchManager.DEBUG_MODE, new NullProgressMonitor());
            await("the launch to end", launch::isTerminated);
        } catch (CoreException expected) {
            // CDT reports the failed start; either way nothing may be left running
        }
        assertNothingRunning();
    }
}
