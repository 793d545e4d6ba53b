package org.emu4e.launch.ui.tests;

import static org.emu4e.launch.ui.tests.Gui.ui;
import static org.emu4e.launch.ui.tests.Gui.uiRun;
import static org.emu4e.launch.ui.tests.Gui.waitFor;
import static org.junit.jupiter.api.Assertions.*;

import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.emu4e.core.RunningMachine;
import org.emu4e.core.launch.VirtLaunchConstants;
import org.emu4e.engine.api.MachineState;
import org.emu4e.engine.api.RunState;
import org.emu4e.ui.internal.launch.FirmwareTab;
import org.junit.jupiter.api.Test;

/**
 * A debug launch exactly as a user makes it: the launch configuration dialog (Debug group) on a
 * new emu4e configuration, the kernel typed into the Firmware tab, 4 cores on the Machine tab,
 * Debug pressed; the machine stops at main under CDT's debugger. Saves a screenshot of the
 * dialog to target/screenshots/.
 */
class LaunchDialogTest {

    @Test
    void debugFromTheDialogStopsTheDemoUnderGdb() throws Exception {
        ILaunchManager lm = DebugPlugin.getDefault().getLaunchManager();
        // What "New" in the dialog gives (the debug tab group's defaults): gdb-multiarch, stop at
        // main. Without them CDT's Debugger tab fills in its own default GDB ("gdb", the host's).
        var wc = lm.getLaunchConfigurationType(VirtLaunchConstants.TYPE_ID).newInstance(null, "demo on 4 cores");
        wc.setAttribute(VirtLaunchConstants.ATTR_SET_STOP_AT, true);
        wc.setAttribute(VirtLaunchConstants.ATTR_STOP_AT, "main");
        wc.setAttribute(VirtLaunchConstants.ATTR_SET_RESUME, true);
        wc.setAttribute(VirtLaunchConstants.ATTR_DEBUG_NAME, VirtLaunchConstants.DEFAULT_DEBUG_NAME);
        ILaunchConfiguration config = wc.doSave();
        Display display = Gui.display();
        display.asyncExec(() -> DebugUITools.openLaunchConfigurationDialogOnGroup(
                PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), new StructuredSelection(config),
                IDebugUIConstants.ID_DEBUG_LAUNCH_GROUP));
        Shell dialog = waitFor("the launch configuration dialog", () -> ui(() -> {
            for (Shell s : display.getShells()) {
                if (!s.isDisposed() && s.isVisible() && find(s, Text.class, VirtLaunchConstants.ATTR_KERNEL) != null) {
                    return s;
                }
            }
            return null;
        }));

        uiRun(() -> {
            dialog.setSize(900, 640);
            Text kernel = find(dialog, Text.class, VirtLaunchConstants.ATTR_KERNEL);
            kernel.setText(Gui.repo().resolve("examples/demo/demo.elf").toString());
        });
        Gui.pump();
        uiRun(() -> {
            Spinner cores = find(dialog, Spinner.class, VirtLaunchConstants.ATTR_SMP);
            if (cores != null) {
                cores.setSelection(4);
                cores.notifyListeners(SWT.Modify, new Event());
            }
        });
        Gui.pump();
        Gui.screenshot(dialog, "launch-dialog");

        uiRun(() -> {
            Button debug = Gui.find(dialog, Button.class, b -> "Debug".equals(b.getText().replace("&", "")));
            assertNotNull(debug, "Debug button");
            assertTrue(debug.isEnabled(), "Debug is enabled once the kernel is set");
            debug.notifyListeners(SWT.Selection, new Event());
        });

        RunningMachine machine = DemoLaunches.newMachineOf(config, null);
        assertEquals(4, machine.machine().cpuCount());
        ILaunch launch = machine.launch();
        waitFor("GDB to stop the boot CPU (at main)", () -> launch.getProcesses().length >= 2
                && machine.machine().vcpu(0).state() == RunState.DEBUG_STOPPED
                && machine.machine().vcpu(0).status().instructionCount() > 0);
        int port = DemoLaunches.gdbPort(launch);

        launch.terminate();
        waitFor("the launch to end", launch::isTerminated);
        assertEquals(MachineState.SHUTDOWN, machine.machine().machineState());
        DemoLaunches.assertPortFree(port);
        DemoLaunches.cleanUp();
    }

    private static <T extends Control> T find(Composite root, Class<T> type, String key) {
        return Gui.find(root, type, c -> key.equals(c.getData(FirmwareTab.KEY)));
    }
}
