package org.emu4e.launch.tests;

import static org.emu4e.launch.tests.Launches.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import org.eclipse.cdt.dsf.debug.service.IStack.IFrameDMContext;
import org.eclipse.cdt.dsf.gdb.launching.GdbLaunch;
import org.eclipse.cdt.dsf.mi.service.command.output.MIThread;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.sourcelookup.AbstractSourceLookupDirector;
import org.eclipse.debug.core.sourcelookup.ISourceContainer;
import org.eclipse.debug.core.sourcelookup.ISourceLookupDirector;
import org.eclipse.debug.core.sourcelookup.containers.DefaultSourceContainer;
import org.eclipse.debug.core.sourcelookup.containers.DirectorySourceContainer;
import org.eclipse.debug.core.sourcelookup.containers.LocalFileStorage;
import org.emu4e.core.MachineRegistry;
import org.emu4e.core.RunningMachine;
import org.emu4e.core.launch.VirtLaunchConstants;
import org.emu4e.engine.api.Machine;
import org.emu4e.engine.api.MachineState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debug launches of the demo firmware on 4 vCPUs through the emu4e configuration type, with
 * CDT's real DSF-GDB and gdb-multiarch: one launch, machine and GDB together.
 */
class DebugLaunchTest {

    @AfterEach
    void cleanUp() throws Exception {
        Launches.cleanUp();
    }

    @Test
    void stopsAtMainWithFourNamedThreadsHitsSecondaryBreakpointAndShowsPmuHalt() throws Exception {
        ILaunch launch = config("demo", demoElf(), 4).doSave().launch(ILaunchManager.DEBUG_MODE, new NullProgressMonitor());
        assertInstanceOf(GdbLaunch.class, launch);
        Machine machine = machineOf(launch);
        int port = gdbPort(launch);
        IProcess machineProcess = Arrays.stream(launch.getProcesses())
                .filter(p -> VirtLaunchConstants.PROCESS_TYPE.equals(p.getAttribute(IProcess.ATTR_PROCESS_TYPE)))
                .findFirst().orElseThrow();
        try (Mi mi = new Mi((GdbLaunch) launch)) {
            await("the boot CPU to stop at main", () -> mi.allStopped() && "main".equals(function(first(mi))));

            // The editor the Debug view opens for main: the launch's default source lookup finds
            // demo.c beside the ELF (its DWARF names it relative to the build directory ".").
            assertEquals(demoElf().resolveSibling("demo.c").toRealPath(), sourceFileOf(launch, mi.topFrameIn("main")));

            MIThread[] threads = mi.threads();
            assertEquals(4, threads.length, Arrays.toString(threads));
            for (int i = 0; i < 4; i++) {
                String details = threads[i].getDetails();
                assertTrue(details != null && details.startsWith("CPU#" + i + " ["), "thread " + i + ": " + details);
            }
            // Secondaries are still powered off (PSCI CPU_ON comes later in main).
            assertTrue(threads[1].getDetails().contains("PSCI off") || threads[1].getDetails().toLowerCase().contains("off"),
                    threads[1].getDetails());

            mi.cli("break crunch");
            mi.cli("continue");
            await("a secondary core to hit the breakpoint in crunch",
                    () -> mi.allStopped() && hasThreadIn(mi, "crunch"));
            MIThread hit = Arrays.stream(mi.threads()).filter(t -> "crunch".equals(function(t))).findFirst().orElseThrow();
            assertNotEquals("1", hit.getThreadId(), "crunch runs on secondary cores only");

            mi.cli("delete");
            machine.pmu().halt(2);
            // The next stop: one instruction on the core in crunch (all-stop: the others run meanwhile).
            mi.cli("thread " + hit.getThreadId());
            mi.cli("stepi");
            await("the next stop", mi::allStopped);
            String cpu2 = mi.threads()[2].getDetails();
            assertTrue(cpu2.contains("PMU halted"), cpu2);
            machine.pmu().resume(2);
        }

        launch.terminate();
        await("the launch to end", launch::isTerminated);
        assertTrue(machineProcess.isTerminated());
        assertEquals(MachineState.SHUTDOWN, machine.machineState());
        assertPortFree(port);
        assertNothingRunning();
    }

    @Test
    void suspendThroughDsfRunControlStopsTheRunningMachine() throws Exception {
        ILaunch launch = config("demo-suspend", demoElf(), 4).doSave().launch(ILaunchManager.DEBUG_MODE, new NullProgressMonitor());
        try (Mi mi = new Mi((GdbLaunch) launch)) {
            await("the boot CPU to stop at main", () -> mi.allStopped() && "main".equals(function(first(mi))));
            // The boot CPU idles in main's final WFI loop: running until something stops it.
            // "&": in the background, as DSF's Resume runs it (-exec-continue with mi-async on); a
            // foreground CLI execution command would keep GDB from reading MI until the target stops.
            mi.cli("jump demo.c:254 &");
            await("DSF to see the cores running", () -> !suspended(mi));
            // What the Debug view's Suspend button does.
            try {
                mi.suspend();
            } catch (Exception e) {
                fail("suspend failed: " + e + "\nMI exchange:\n" + mi.trace());
            }
            await("DSF to see the cores suspended", () -> suspended(mi));
            assertTrue(mi.allStopped(), Arrays.toString(mi.threads()));
        }
        launch.terminate();
        await("the launch to end", launch::isTerminated);
        assertNothingRunning();
    }

    private static boolean suspended(Mi mi) {
        try {
            return mi.containerSuspended();
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void guestPowerOffEndsTheDebugSession() throws Exception {
        ILaunch launch = config("demo-off", demoElf(), 4).doSave().launch(ILaunchManager.DEBUG_MODE, new NullProgressMonitor());
        Machine machine = machineOf(launch);
        int port = gdbPort(launch);
        try (Mi mi = new Mi((GdbLaunch) launch)) {
            await("the boot CPU to stop at main", () -> mi.allStopped() && "main".equals(function(first(mi))));
            mi.cli("continue");
        }
        await("the guest to power off", () -> machine.machineState() == MachineState.SHUTDOWN);
        assertEquals(0, machine.exitCode());
        await("the debug session to end", launch::isTerminated);
        assertPortFree(port);
        assertNothingRunning();
    }

    @Test
    void sourceLookupPathSetOnTheSourceTabComesFirst(@TempDir Path sources) throws Exception {
        Path copy = Files.copy(demoElf().resolveSibling("demo.c"), sources.resolve("demo.c"));
        // What the Source tab saves: the user's directory, then the launch's Default path.
        AbstractSourceLookupDirector saved = new AbstractSourceLookupDirector() {
            @Override
            public void initializeParticipants() {
            }
        };
        saved.setSourceContainers(new ISourceContainer[] { new DirectorySourceContainer(sources.toFile(), false),
                new DefaultSourceContainer() });
        ILaunchConfigurationWorkingCopy wc = config("demo-source", demoElf(), 1);
        wc.setAttribute(ILaunchConfiguration.ATTR_SOURCE_LOCATOR_MEMENTO, saved.getMemento());
        ILaunch launch = wc.doSave().launch(ILaunchManager.DEBUG_MODE, new NullProgressMonitor());
        try (Mi mi = new Mi((GdbLaunch) launch)) {
            await("the boot CPU to stop at main", () -> mi.allStopped() && "main".equals(function(first(mi))));
            assertEquals(copy.toRealPath(), sourceFileOf(launch, mi.topFrameIn("main")));
        }
        launch.terminate();
        await("the launch to end", launch::isTerminated);
        assertNothingRunning();
    }

    /** The file the launch's source locator resolves {@code frame} to (what the editor opens). */
    static Path sourceFileOf(ILaunch launch, IFrameDMContext frame) throws Exception {
        ISourceLookupDirector director = assertInstanceOf(ISourceLookupDirector.class, launch.getSourceLocator());
        Object element = director.getSourceElement(frame);
        Path file = switch (element) {
            case LocalFileStorage s -> s.getFile().toPath();
            case IFile f -> f.getLocation().toPath();
            case null -> null;
            default -> fail("unexpected source element " + element.getClass() + ": " + element);
        };
        assertNotNull(file, "no source found for the frame; lookup path "
                + Arrays.toString(director.getSourceContainers()));
        return file.toRealPath();
    }

    static Machine machineOf(ILaunch launch) {
        Optional<RunningMachine> m = MachineRegistry.getDefault().find(launch);
        assertTrue(m.isPresent(), "the launch's machine is registered with the launch");
        return m.get().machine();
    }

    private static MIThread first(Mi mi) {
        try {
            MIThread[] ts = mi.threads();
            return ts.length == 0 ? null : ts[0];
        } catch (Exception e) {
            return null;
        }
    }

    private static String function(MIThread t) {
        return t == null ? "" : Mi.function(t);
    }

    private static boolean hasThreadIn(Mi mi, String function) {
        try {
            return Arrays.stream(mi.threads()).anyMatch(t -> function.equals(Mi.function(t)));
        } catch (Exception e) {
            return false;
        }
    }
}
