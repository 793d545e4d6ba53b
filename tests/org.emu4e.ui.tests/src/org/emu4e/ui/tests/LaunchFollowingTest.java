package org.emu4e.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.swt.widgets.Table;
import org.emu4e.core.MachineRegistry;
import org.emu4e.core.launch.VirtLaunchConstants;
import org.emu4e.core.timeline.MachineTimeline;
import org.emu4e.core.timeline.Segment;
import org.emu4e.engine.api.RunState;
import org.emu4e.ui.tests.support.DemoMachines;
import org.emu4e.ui.tests.support.Screenshots;
import org.emu4e.ui.tests.support.Ui;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A run-mode launch of the demo through the launch configuration type feeds the view. */
class LaunchFollowingTest {

    private ViewFixture fx;
    private final ILaunchManager launches = DebugPlugin.getDefault().getLaunchManager();

    @BeforeEach
    void openView() throws Exception {
        fx = new ViewFixture();
    }

    @AfterEach
    void closeView() throws Exception {
        for (ILaunch l : launches.getLaunches()) {
            if (l.canTerminate()) {
                l.terminate();
            }
            launches.removeLaunch(l);
        }
        fx.close();
    }

    @Test
    void aRunModeLaunchOfTheDemoShowsItsWholeHistory() throws Exception {
        ILaunchConfigurationWorkingCopy wc = launches.getLaunchConfigurationType(VirtLaunchConstants.TYPE_ID)
                .newInstance(null, "demo-run");
        wc.setAttribute(VirtLaunchConstants.ATTR_KERNEL, DemoMachines.repo().resolve("examples/demo/demo.elf").toString());
        wc.setAttribute(VirtLaunchConstants.ATTR_SMP, 4);
        ILaunchConfiguration config = wc.doSave();
        ILaunch launch = config.launch(ILaunchManager.RUN_MODE, new org.eclipse.core.runtime.NullProgressMonitor());
        assertTrue(MachineRegistry.getDefault().find(launch).isPresent() || launch.isTerminated(),
                "the launch registered its machine");
        // the demo boots, runs its SGI rounds and its own PMU halt of CPU 2, then powers off
        try {
            // The launch's UART console may open on top of the view in its tab group, and a hidden
            // view does no work by design: keep it in front, as a user watching it would.
            Ui.waitUntil(() -> {
                fx.page.bringToTop(fx.view);
                return fx.view.statusText().startsWith("demo-run: 4 cores, ended");
            },
                    () -> "the demo ran to its end; status: " + fx.view.statusText());
        } catch (AssertionError e) {
            Thread.getAllStackTraces().forEach((t, stack) -> {
                System.out.println("thread " + t.getName());
                for (StackTraceElement el : stack) {
                    System.out.println("    at " + el);
                }
            });
            throw e;
        }
        Table table = fx.table();
        assertEquals(4, table.getItemCount());
        MachineTimeline t = fx.view.timelineCanvas().timeline();
        List<Segment> cpu2 = t.core(2).segments(0, Long.MAX_VALUE - 1);
        assertTrue(cpu2.stream().anyMatch(s -> s.state() == RunState.PMU_HALTED && s.reason().equals("pmu halt")),
                "CPU 2's PMU halt by the demo: " + cpu2);
        for (int cpu = 1; cpu < 4; cpu++) {
            assertTrue(t.core(cpu).segments(0, Long.MAX_VALUE - 1).stream().anyMatch(s -> s.state() == RunState.WFI),
                    "CPU " + cpu + " waited for SGIs in WFI");
        }
        Screenshots.save(fx.view.getSite().getShell(), "workbench-run-launch");
        Screenshots.saveMaximized(fx.view, "vcpu-state-run-launch");
    }
}
