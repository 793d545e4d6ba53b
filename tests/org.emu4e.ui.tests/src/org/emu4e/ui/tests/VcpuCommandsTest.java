package org.emu4e.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.eclipse.swt.widgets.Table;
import org.emu4e.core.MachineRegistry;
import org.emu4e.core.timeline.MachineTimeline;
import org.emu4e.core.timeline.Segment;
import org.emu4e.engine.api.Machine;
import org.emu4e.engine.api.MachineState;
import org.emu4e.engine.api.RunState;
import org.emu4e.ui.Emu4eUi;
import org.emu4e.ui.tests.support.DemoMachines;
import org.emu4e.ui.tests.support.Screenshots;
import org.emu4e.ui.tests.support.Ui;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The demo firmware on 4 real vCPUs, driven through the commands (handler service, as a key
 * binding, the toolbar or the context menu would run them); the view shows only what the engine
 * reports.
 */
class VcpuCommandsTest {

    private ViewFixture fx;

    @BeforeEach
    void openView() throws Exception {
        fx = new ViewFixture();
        fx.view.getSite().getShell().setSize(1100, 760);
    }

    @AfterEach
    void closeView() {
        fx.close();
    }

    @Test
    void pmuCommandsOnTheDemo() throws Exception {
        Machine m = fx.register("demo", DemoMachines.heldDemo(4));
        m.start();
        Table table = fx.table();
        // the boot CPU spins in its CPU_ON loop while the secondaries are held by the PMU
        expectStates(table, "running", "PMU halted", "PMU halted", "PMU halted");

        fx.select(1, 2);
        fx.execute(Emu4eUi.CMD_PMU_RESUME);
        // CPU 1 and 2 come up (PSCI CPU_ON from CPU 0) and wait for SGIs in WFI; CPU 0 waits for CPU 3
        expectStates(table, "running", "WFI", "WFI", "PMU halted");

        fx.select(2);
        fx.execute(Emu4eUi.CMD_PMU_HALT);
        expectStates(table, "running", "WFI", "PMU halted", "PMU halted");
        MachineTimeline timeline = MachineRegistry.getDefault().timeline(MachineRegistry.getDefault().machines().get(0))
                .orElseThrow();
        Segment halted = timeline.core(2).current();
        assertEquals("pmu halt", halted.reason());
        Ui.waitUntil(() -> halted.equals(fx.view.timelineCanvas().segmentAt(
                fx.view.timelineCanvas().getClientArea().width - 2, fx.view.timelineCanvas().laneCenter(2))),
                "the timeline's live edge shows CPU 2's PMU-halted segment");

        fx.execute(Emu4eUi.CMD_PMU_RESUME);
        expectStates(table, "running", "WFI", "WFI", "PMU halted");
        assertEquals("pmu resume", timeline.core(2).current().reason());

        fx.select(0);
        fx.execute(Emu4eUi.CMD_HALT_ALL_OTHERS);
        expectStates(table, "running", "PMU halted", "PMU halted", "PMU halted");
        assertFalse(m.pmu().isHaltAsserted(0));
        Ui.pump(600); // a little history for the picture
        Screenshots.save(fx.view.getSite().getShell(), "workbench-pmu-commands");
        Path shot = Screenshots.saveMaximized(fx.view, "vcpu-state-pmu-commands");
        assertTrue(Files.size(shot) > 10_000, "screenshot " + shot);

        fx.execute(Emu4eUi.CMD_PAUSE_MACHINE);
        Ui.waitUntil(() -> m.machineState() == MachineState.PAUSED, "machine paused");
        expectStates(table, "paused", "paused", "paused", "paused");
        fx.execute(Emu4eUi.CMD_PAUSE_MACHINE);
        expectStates(table, "running", "PMU halted", "PMU halted", "PMU halted");

        fx.execute(Emu4eUi.CMD_RESUME_ALL);
        // with every core free the demo runs to its end: SGI rounds, its own PMU demo, SYSTEM_OFF
        assertTrue(m.awaitShutdown(Duration.ofSeconds(30)), "demo reached SYSTEM_OFF");
        assertEquals(0, m.exitCode());
        Ui.waitUntil(() -> fx.view.statusText().startsWith("demo: 4 cores, ended"), "the demo shown as ended");
        assertTrue(timeline.core(2).segments(0, Long.MAX_VALUE - 1).stream()
                .filter(s -> s.state() == RunState.PMU_HALTED).count() >= 2,
                "the history keeps the halts of CPU 2 (ours and the demo's own)");
    }

    @Test
    void commandsAreDisabledWithoutAVcpuSelected() throws Exception {
        fx.page.activate(fx.view);
        Ui.pump(100);
        assertFalse(fx.enabled(Emu4eUi.CMD_PMU_HALT));
        assertFalse(fx.enabled(Emu4eUi.CMD_HALT_ALL_OTHERS));
    }

    private static void expectStates(Table table, String... states) {
        List<String> expected = List.of(states);
        Ui.waitUntil(() -> table.getItemCount() == states.length && current(table).equals(expected),
                () -> "states " + expected + ", showing " + current(table));
    }

    private static List<String> current(Table table) {
        return java.util.stream.IntStream.range(0, table.getItemCount())
                .mapToObj(i -> Ui.cell(table, i, "State")).toList();
    }
}
