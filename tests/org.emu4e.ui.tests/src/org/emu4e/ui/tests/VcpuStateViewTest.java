package org.emu4e.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.emu4e.core.MachineRegistry;
import org.emu4e.core.tests.support.FakeMachines;
import org.emu4e.core.tests.support.RealMachines;
import org.emu4e.engine.api.Machine;
import org.emu4e.engine.api.RunState;
import org.emu4e.ui.tests.support.Ui;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table part of the view (tycho-surefire UI harness, on the UI thread; Xvfb in CI). */
class VcpuStateViewTest {

    private ViewFixture fx;

    @BeforeEach
    void openView() throws Exception {
        fx = new ViewFixture();
    }

    @AfterEach
    void closeView() {
        fx.close();
    }

    @Test
    void showsATableWithTheVcpuColumns() {
        Table table = fx.table();
        assertTrue(table.getHeaderVisible());
        List<String> headers = Arrays.stream(table.getColumns()).map(TableColumn::getText).toList();
        assertEquals(List.of("CPU", "MPIDR", "State", "PC", "EL", "Time in state", "Instructions"), headers);
        assertEquals("vCPU State", fx.view.getTitle());
    }

    @Test
    void isEmptyWithoutMachines() {
        assertTrue(MachineRegistry.getDefault().machines().isEmpty());
        assertEquals(0, fx.table().getItemCount());
    }

    @Test
    void listsTheVcpusOfARegisteredMachineAndFollowsTheirState() {
        FakeMachines.Handle h = FakeMachines.create(4);
        fx.register("demo", h);
        Table table = fx.table();
        Ui.waitUntil(() -> table.getItemCount() == 4, "four rows");
        List<String> first = Ui.row(table.getItem(0));
        assertEquals(List.of("CPU 0", "0x0", "running", "0x0000000000000000", "EL1"), first.subList(0, 5));
        assertEquals("0", first.get(6));
        assertTrue(first.get(5).matches("\\d+ (us|ms)|[\\d.]+ s"), "time in state: " + first.get(5));

        fx.select(2);
        h.setVcpu(2, RunState.PMU_HALTED, 0x40080000L, 1, 12345);
        Ui.waitUntil(() -> "PMU halted".equals(Ui.cell(table, 2, "State")), "vCPU 2 halted");
        List<String> row = Ui.row(table.getItem(2));
        assertEquals(List.of("CPU 2", "0x2", "PMU halted", "0x0000000040080000", "EL1"), row.subList(0, 5));
        assertEquals("12,345", row.get(6));
        assertEquals(2, table.getSelectionIndex(), "refresh keeps the selected vCPU");
        assertTrue(table.getItem(2).getImage(2) != null, "the state cell has an icon");

        h.shutDown();
        Ui.waitUntil(() -> fx.view.statusText().startsWith("demo: 4 cores, ended"), "machine shown as ended");
        assertEquals(4, table.getItemCount(), "an ended machine stays shown with its last states");
    }

    @Test
    void aDropDownChoosesBetweenSeveralMachines() {
        FakeMachines.Handle two = FakeMachines.create(2);
        FakeMachines.Handle eight = FakeMachines.create(8);
        fx.register("two", two);
        fx.register("eight", eight);
        Table table = fx.table();
        Ui.waitUntil(() -> table.getItemCount() == 8, "the newest machine shown");
        java.util.List<Combo> combos = new java.util.ArrayList<>();
        Ui.collect(table.getParent(), Combo.class, combos);
        Combo combo = combos.get(0);
        assertTrue(combo.isVisible());
        assertEquals(List.of("two", "eight"), List.of(combo.getItems()));
        combo.select(0);
        combo.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
        Ui.waitUntil(() -> table.getItemCount() == 2, "the chosen machine shown");
        two.shutDown();
        Ui.waitUntil(() -> table.getItemCount() == 8 && !combo.isVisible(), "back to the one machine left");
        eight.shutDown();
    }

    @Test
    void showsARealMachineBootedByTheEngine(@TempDir Path scratch) throws Exception {
        Machine machine = fx.register("wfi-loop", RealMachines.wfiLoop(2, scratch));
        machine.start();
        assertTrue(machine.vcpu(0).awaitState(RunState.WFI, Duration.ofSeconds(10)));
        Table table = fx.table();
        Ui.waitUntil(() -> table.getItemCount() == 2 && "WFI".equals(Ui.cell(table, 0, "State")),
                "boot vCPU shown in WFI");
        assertEquals("CPU 1", Ui.cell(table, 1, "CPU"));
        assertEquals("PSCI off", Ui.cell(table, 1, "State"));
        assertEquals("EL1", Ui.cell(table, 0, "EL"));
        machine.shutdown();
        Ui.waitUntil(() -> fx.view.statusText().startsWith("wfi-loop: 2 cores, ended"), "machine shown as ended");
    }
}
