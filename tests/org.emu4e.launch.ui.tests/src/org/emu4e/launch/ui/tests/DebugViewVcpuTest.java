package org.emu4e.launch.ui.tests;

import static org.emu4e.launch.ui.tests.Gui.ui;
import static org.emu4e.launch.ui.tests.Gui.uiRun;
import static org.emu4e.launch.ui.tests.Gui.waitFor;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import org.eclipse.cdt.dsf.gdb.launching.GdbLaunch;
import org.eclipse.core.commands.Command;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IViewReference;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.handlers.IHandlerService;
import org.emu4e.core.MachineRegistry;
import org.emu4e.core.RunningMachine;
import org.emu4e.core.timeline.MachineTimeline;
import org.emu4e.core.timeline.Segment;
import org.emu4e.engine.api.Machine;
import org.emu4e.engine.api.MachineState;
import org.emu4e.engine.api.RunState;
import org.emu4e.ui.Emu4eUi;
import org.emu4e.ui.internal.views.VcpuStateView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A debug session of the demo (4 vCPUs, real DSF-GDB and gdb-multiarch) in the Debug
 * perspective, driven as a user drives it: a thread clicked in CDT's Debug view selects its vCPU
 * in the vCPU State view; PMU Halt and PMU Resume run on that thread from the Debug view; the
 * Debug view's own Resume and Suspend move the session; a click on a timeline lane selects the
 * vCPU and its thread. Saves target/screenshots/debug-vcpu-state.png.
 */
class DebugViewVcpuTest {
    private static final String RESUME = "org.eclipse.debug.ui.commands.Resume";
    private static final String SUSPEND = "org.eclipse.debug.ui.commands.Suspend";
    private static final String SWITCH_ON_LAUNCH = "org.eclipse.debug.ui.switch_to_perspective";
    private static final String SWITCH_ON_SUSPEND = "org.eclipse.debug.ui.switch_perspective_on_suspend";

    private IWorkbenchPage page;
    private DebugViewTree debugView;
    private VcpuStateView vcpuView;

    @BeforeEach
    void debugPerspective() throws Exception {
        DemoLaunches.cleanUp();
        uiRun(() -> {
            // the test opens the Debug perspective itself: no "switch perspective?" question
            DebugUITools.getPreferenceStore().setValue(SWITCH_ON_LAUNCH, "never");
            DebugUITools.getPreferenceStore().setValue(SWITCH_ON_SUSPEND, "never");
            try {
                IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
                window.getShell().setBounds(0, 0, 1280, 1000);
                PlatformUI.getWorkbench().showPerspective(IDebugUIConstants.ID_DEBUG_PERSPECTIVE, window);
                page = window.getActivePage();
                debugView = DebugViewTree.show(page);
                vcpuView = (VcpuStateView) page.showView(Emu4eUi.VCPU_STATE_VIEW_ID);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
    }

    @AfterEach
    void cleanUp() throws Exception {
        DemoLaunches.cleanUp();
        uiRun(() -> page.resetPerspective());
    }

    @Test
    void debugViewThreadsDriveTheVcpuStateViewAndThePmuCommands() throws Exception {
        ILaunchConfiguration config = DemoLaunches.demo("demo in the debug view");
        DemoLaunches.launchAsUser(config, ILaunchManager.DEBUG_MODE);
        RunningMachine running = DemoLaunches.newMachineOf(config, null);
        Machine machine = running.machine();
        ILaunch launch = running.launch();
        int port = DemoLaunches.gdbPort(launch);
        waitFor(() -> "the Debug view to show 4 threads stopped at main:\n" + ui(() -> debugView.describe(launch)),
                () -> ui(() -> debugView.threads(launch).size() == 4 && debugView.describe(launch).contains("main(")));
        uiRun(() -> page.bringToTop(vcpuView));
        MiTrace mi = new MiTrace((GdbLaunch) launch); // DSF's services are up: its threads are shown

        // (a) the vCPU State view follows the thread clicked in the Debug view
        clickThread(launch, 3);
        waitFor("the vCPU State view to show the launch's machine and select CPU 2",
                () -> ui(() -> vcpuView.statusText().startsWith(config.getName() + ":") && table().getSelectionIndex() == 2));
        clickThread(launch, 2);
        waitFor("CPU 1 selected after a click on thread 2", () -> ui(() -> table().getSelectionIndex() == 1));

        // (b) PMU Halt on the thread of CPU 2, from the Debug view
        clickThread(launch, 3);
        execute(debugView.view, Emu4eUi.CMD_PMU_HALT);
        waitFor("CPU 2's PMU halt line", () -> machine.pmu().isHaltAsserted(2));
        execute(debugView.view, RESUME); // the Debug view's Resume: GDB continues every core
        // CPU 0 starts CPU 1 (which waits for SGIs) and CPU 2, which the PMU holds: CPU 0 waits for it
        expectStates("running", "WFI", "PMU halted", "PSCI off");
        Gui.sleep(1000); // a stretch of these states on the timeline (for the picture)
        MachineTimeline timeline = MachineRegistry.getDefault().timeline(running).orElseThrow();
        Segment halt = timeline.core(2).current();
        assertEquals(RunState.PMU_HALTED, halt.state()); // shown once GDB let the core run

        // Suspend as a user can: once the Debug view shows the threads running. DSF accepts a
        // suspend only after it has taken GDB's *running event; before that it refuses quietly.
        waitFor(() -> "the Debug view to show the threads running:\n" + ui(() -> debugView.describe(launch)),
                () -> ui(() -> IntStream.rangeClosed(1, 4).allMatch(id -> running(launch, id))));
        execute(debugView.view, SUSPEND);
        waitFor(() -> "GDB to stop the machine; vCPUs " + IntStream.range(0, 4).mapToObj(i -> machine.vcpu(i).state())
                .toList() + ", Debug view:\n" + ui(() -> debugView.describe(launch)) + "\nselected: " + ui(debugView::selectedElement) + "\nMI:\n" + mi.tail(60),
                () -> machine.vcpu(0).state() == RunState.DEBUG_STOPPED);
        // the labels GDB gives the threads at this stop carry each core's power state
        waitFor(() -> "the threads' labels to show the power states at the stop:\n" + ui(() -> debugView.describe(launch)),
                () -> ui(() -> suspended(launch, 3, "PMU halted") && suspended(launch, 2, "WFI")
                        && suspended(launch, 4, "PSCI off")));

        // (c) a click on CPU 1's lane selects the vCPU and its thread in the Debug view
        uiRun(() -> {
            var canvas = vcpuView.timelineCanvas();
            Event down = new Event();
            down.button = 1;
            down.x = canvas.getClientArea().width / 2;
            down.y = canvas.laneCenter(1);
            canvas.notifyListeners(SWT.MouseDown, down);
        });
        assertEquals(1, (int) ui(() -> table().getSelectionIndex()));
        waitFor(() -> "thread 2 selected in the Debug view, selected: " + ui(debugView::selectedElement),
                () -> ui(() -> DebugViewTree.threadId(debugView.selectedElement()) == 2));
        Path shot = screenshot();
        assertTrue(Files.size(shot) > 20_000, "screenshot " + shot);

        // PMU Resume on CPU 2's thread, then the Debug view's Resume: the demo runs to its end
        clickThread(launch, 3);
        waitFor("CPU 2 selected", () -> ui(() -> table().getSelectionIndex() == 2));
        execute(debugView.view, Emu4eUi.CMD_PMU_RESUME);
        waitFor("CPU 2's halt line released", () -> !machine.pmu().isHaltAsserted(2));
        execute(debugView.view, RESUME);
        waitFor("the demo to power off", () -> machine.machineState() == MachineState.SHUTDOWN);
        assertEquals(0, machine.exitCode());
        waitFor("the debug session to end", launch::isTerminated);
        assertTrue(halt.durationNanos(System.nanoTime()) > 0 && !timeline.core(2).segments(0, Long.MAX_VALUE - 1)
                .stream().filter(s -> s.state() == RunState.PMU_HALTED && !s.isOngoing()).toList().isEmpty(),
                "CPU 2's PMU halt ended in the history");
        DemoLaunches.assertPortFree(port);
        DemoLaunches.assertNothingRunning();
    }

    /** The workbench with room for the Debug view and the vCPU State view (no editor; the Variables and Console stacks minimized). */
    private Path screenshot() throws Exception {
        uiRun(() -> {
            page.setEditorAreaVisible(false);
            for (String stack : new String[] { IDebugUIConstants.ID_VARIABLE_VIEW, "org.eclipse.ui.console.ConsoleView" }) {
                IViewReference ref = page.findViewReference(stack);
                if (ref != null) {
                    page.setPartState(ref, IWorkbenchPage.STATE_MINIMIZED);
                }
            }
        });
        return Gui.screenshot(page.getWorkbenchWindow().getShell(), "debug-vcpu-state");
    }

    /** Clicks the thread with GDB id {@code id} in the Debug view once the view has shown it. */
    private void clickThread(ILaunch launch, int id) {
        TreeItem item = waitFor("thread " + id + " in the Debug view", () -> ui(() -> debugView.thread(launch, id)));
        uiRun(() -> debugView.click(item));
        waitFor(() -> "thread " + id + " selected in the Debug view, selected: " + ui(debugView::selectedElement),
                () -> ui(() -> DebugViewTree.threadId(debugView.selectedElement()) == id));
    }

    /** Thread {@code id}'s label says it is running. */
    private boolean running(ILaunch launch, int id) {
        TreeItem t = debugView.thread(launch, id);
        return t != null && t.getText().contains("Running");
    }

    /** Thread {@code id}'s label says it is suspended and names power state {@code state}. */
    private boolean suspended(ILaunch launch, int id, String state) {
        TreeItem t = debugView.thread(launch, id);
        String label = t == null ? "" : t.getText();
        return label.contains("Suspended") && label.contains("[" + state + "]");
    }

    /** Runs a command through {@code part}'s handler service once it is enabled, as a key binding or menu would. */
    private void execute(IWorkbenchPart part, String commandId) {
        uiRun(() -> page.activate(part));
        waitFor(commandId + " enabled", () -> ui(() -> {
            Command c = PlatformUI.getWorkbench().getService(ICommandService.class).getCommand(commandId);
            return c.isEnabled();
        }));
        uiRun(() -> {
            try {
                part.getSite().getService(IHandlerService.class).executeCommand(commandId, null);
            } catch (Exception e) {
                throw new RuntimeException(commandId, e);
            }
        });
    }

    private Table table() {
        return Gui.find(page.getWorkbenchWindow().getShell(), Table.class,
                t -> t.getColumnCount() > 0 && "CPU".equals(t.getColumn(0).getText()));
    }

    private void expectStates(String... states) {
        List<String> expected = List.of(states);
        waitFor(() -> "states " + expected + ", showing " + ui(this::states), () -> ui(() -> states().equals(expected)));
    }

    private List<String> states() {
        Table t = table();
        int column = IntStream.range(0, t.getColumnCount()).filter(c -> "State".equals(t.getColumn(c).getText()))
                .findFirst().orElseThrow();
        return IntStream.range(0, t.getItemCount()).mapToObj(i -> t.getItem(i).getText(column)).toList();
    }
}
