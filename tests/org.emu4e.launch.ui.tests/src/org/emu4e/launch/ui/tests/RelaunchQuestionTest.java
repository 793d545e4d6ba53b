package org.emu4e.launch.ui.tests;

import static org.emu4e.launch.ui.tests.Gui.ui;
import static org.emu4e.launch.ui.tests.Gui.uiRun;
import static org.emu4e.launch.ui.tests.Gui.waitFor;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.eclipse.cdt.dsf.service.DsfSession;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.emu4e.core.MachineRegistry;
import org.emu4e.core.RunningMachine;
import org.emu4e.engine.api.MachineState;
import org.emu4e.engine.api.RunState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Debugging a configuration whose machine still runs, as a user does it (DebugUITools, the launch
 * in a job): the launch asks through the emu4e status handler whether to terminate the running
 * one. "No" leaves the running session alone and starts nothing; "Yes" ends the old session
 * (machine, GDB, port) and starts a new one. Nothing else survives: one machine, its vCPU and stub
 * threads, one DSF session.
 */
class RelaunchQuestionTest {
    private static final String QUESTION = "emu4e machine running";

    @BeforeEach
    void noPerspectiveQuestions() throws Exception {
        DemoLaunches.cleanUp();
        uiRun(() -> {
            DebugUITools.getPreferenceStore().setValue("org.eclipse.debug.ui.switch_to_perspective", "never");
            DebugUITools.getPreferenceStore().setValue("org.eclipse.debug.ui.switch_perspective_on_suspend", "never");
        });
    }

    @AfterEach
    void cleanUp() throws Exception {
        DemoLaunches.cleanUp();
        waitFor("every DSF session to end", () -> DsfSession.getActiveSessions().length == 0);
    }

    @Test
    void secondDebugLaunchAsksAndEitherKeepsOrReplacesTheRunningSession() throws Exception {
        ILaunchManager lm = DebugPlugin.getDefault().getLaunchManager();
        ILaunchConfiguration config = DemoLaunches.demo("demo relaunched");
        DemoLaunches.launchAsUser(config, ILaunchManager.DEBUG_MODE);
        RunningMachine first = DemoLaunches.newMachineOf(config, null);
        awaitStoppedAtMain(first);
        int firstPort = DemoLaunches.gdbPort(first.launch());
        long engineThreads = DemoLaunches.engineThreads();

        // "No": the running session stays, nothing new is left behind
        DemoLaunches.launchAsUser(config, ILaunchManager.DEBUG_MODE);
        answer(config, "No");
        waitFor(() -> "only the first launch to be left, launches: " + List.of(lm.getLaunches()),
                () -> List.of(lm.getLaunches()).equals(List.of(first.launch())));
        waitFor(() -> "one DSF session, active: " + DsfSession.getActiveSessions().length,
                () -> DsfSession.getActiveSessions().length == 1);
        assertFalse(first.launch().isTerminated());
        assertEquals(List.of(first), MachineRegistry.getDefault().machines());
        assertEquals(RunState.DEBUG_STOPPED, first.machine().vcpu(0).state());
        assertEquals(engineThreads, DemoLaunches.engineThreads());

        // "Yes": the old session ends (machine, GDB, port), a new one stops at main
        DemoLaunches.launchAsUser(config, ILaunchManager.DEBUG_MODE);
        answer(config, "Yes");
        RunningMachine second = DemoLaunches.newMachineOf(config, first);
        awaitStoppedAtMain(second);
        waitFor("the first launch to end", () -> first.launch().isTerminated());
        assertEquals(MachineState.SHUTDOWN, first.machine().machineState());
        assertEquals(List.of(second), MachineRegistry.getDefault().machines());
        int secondPort = DemoLaunches.gdbPort(second.launch());
        if (secondPort != firstPort) {
            DemoLaunches.assertPortFree(firstPort);
        }
        waitFor(() -> "one running launch, launches: " + List.of(lm.getLaunches()),
                () -> List.of(lm.getLaunches()).stream().filter(l -> !l.isTerminated()).toList()
                        .equals(List.of(second.launch())));
        waitFor(() -> "one DSF session, active: " + DsfSession.getActiveSessions().length,
                () -> DsfSession.getActiveSessions().length == 1);
        waitFor(() -> "the first machine's threads to end: " + DemoLaunches.engineThreads(),
                () -> DemoLaunches.engineThreads() == engineThreads);

        ILaunch last = second.launch();
        last.terminate();
        waitFor("the second launch to end", last::isTerminated);
        DemoLaunches.assertPortFree(secondPort);
        DemoLaunches.assertNothingRunning();
    }

    /** Waits for the status handler's question about {@code config} and presses {@code button}. */
    private static void answer(ILaunchConfiguration config, String button) {
        Shell question = waitFor("the question whether to terminate the running launch", () -> ui(() -> Gui.shell(QUESTION)));
        uiRun(() -> {
            Label message = Gui.find(question, Label.class, l -> l.getText().contains("still running"));
            assertNotNull(message, "the question's message");
            assertTrue(message.getText().contains("'" + config.getName() + "'"), message.getText());
            Gui.press(question, button);
        });
        waitFor("the question to close", () -> ui(() -> question.isDisposed()));
    }

    /** GDB has run the boot CPU to main and stopped every core. */
    private static void awaitStoppedAtMain(RunningMachine m) {
        waitFor("GDB to stop the boot CPU at main", () -> m.launch().getProcesses().length >= 2
                && m.machine().vcpu(0).state() == RunState.DEBUG_STOPPED
                && m.machine().vcpu(0).status().instructionCount() > 0);
    }
}
