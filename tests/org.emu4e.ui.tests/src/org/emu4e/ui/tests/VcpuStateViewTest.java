package org.emu4e.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.eclipse.core.runtime.ILogListener;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.emu4e.core.MachineRegistry;
import org.emu4e.core.tests.support.FakeMachines;
import org.emu4e.core.tests.support.RealMachines;
import org.emu4e.engine.api.Machine;
import org.emu4e.engine.api.RunState;
import org.emu4e.ui.Emu4eUi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs in the workbench on the UI thread (tycho-surefire UI harness, Xvfb in CI). */
class VcpuStateViewTest {

    private static final long WAIT_MS = 10_000;

    private IWorkbenchPage page;
    private IViewPart view;
    private final List<FakeMachines.Handle> machines = new ArrayList<>();
    private final List<IStatus> errors = new ArrayList<>();
    private final ILogListener errorCollector = (status, plugin) -> {
        if (status.matches(IStatus.ERROR) && concernsEmu4e(status)) {
            synchronized (errors) {
                errors.add(status);
            }
        }
    };

    @BeforeEach
    void openView() throws Exception {
        Platform.addLogListener(errorCollector);
        page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        view = page.showView(Emu4eUi.VCPU_STATE_VIEW_ID);
        assertNotNull(view);
    }

    @AfterEach
    void closeView() {
        machines.forEach(h -> MachineRegistry.getDefault().remove(h.machine()));
        if (view != null) {
            page.hideView(view);
        }
        Platform.removeLogListener(errorCollector);
        synchronized (errors) {
            assertTrue(errors.isEmpty(), "errors logged by emu4e: " + errors);
        }
    }

    @Test
    void showsATableWithTheVcpuColumns() {
        Table table = findTable();
        assertTrue(table.getHeaderVisible());
        List<String> headers = Arrays.stream(table.getColumns()).map(TableColumn::getText).toList();
        assertEquals(List.of("CPU", "State", "PC", "EL", "Instructions"), headers);
        assertEquals("vCPU State", view.getTitle());
    }

    @Test
    void isEmptyWithoutMachines() {
        assertTrue(MachineRegistry.getDefault().machines().isEmpty());
        assertEquals(0, findTable().getItemCount());
    }

    @Test
    void listsTheVcpusOfARegisteredMachineAndFollowsTheirState() {
        FakeMachines.Handle h = register("demo", 4);
        Table table = findTable();
        waitUntil(() -> table.getItemCount() == 4, "four rows");
        assertEquals(List.of("CPU 0", "running", "0x0000000000000000", "EL1", "0"), row(table.getItem(0)));

        table.setSelection(2);
        h.setVcpu(2, RunState.PMU_HALTED, 0x40080000L, 1, 12345);
        waitUntil(() -> "PMU halted".equals(table.getItem(2).getText(1)), "vCPU 2 halted");
        assertEquals(List.of("CPU 2", "PMU halted", "0x0000000040080000", "EL1", "12,345"), row(table.getItem(2)));
        assertEquals(2, table.getSelectionIndex(), "refresh keeps the selected vCPU");

        h.shutDown();
        waitUntil(() -> table.getItemCount() == 0, "rows gone after shutdown");
    }

    /** An error from an emu4e bundle, or one whose exception passed through emu4e code. */
    private static boolean concernsEmu4e(IStatus status) {
        if (status.getPlugin() != null && status.getPlugin().startsWith("org.emu4e")) {
            return true;
        }
        for (Throwable t = status.getException(); t != null; t = t.getCause()) {
            for (StackTraceElement e : t.getStackTrace()) {
                if (e.getClassName().startsWith("org.emu4e.")) {
                    return true;
                }
            }
        }
        for (IStatus child : status.getChildren()) {
            if (concernsEmu4e(child)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void showsARealMachineBootedByTheEngine(@TempDir Path scratch) throws Exception {
        Machine machine = RealMachines.wfiLoop(2, scratch);
        try {
            MachineRegistry.getDefault().add("wfi-loop", machine);
            machine.start();
            assertTrue(machine.vcpu(0).awaitState(RunState.WFI, Duration.ofSeconds(10)));
            Table table = findTable();
            waitUntil(() -> table.getItemCount() == 2 && "WFI".equals(table.getItem(0).getText(1)),
                    "boot vCPU shown in WFI");
            assertEquals("CPU 1", table.getItem(1).getText(0));
            assertEquals("PSCI off", table.getItem(1).getText(1));
            assertEquals("EL1", table.getItem(0).getText(3));
        } finally {
            machine.shutdown();
        }
        Table table = findTable();
        waitUntil(() -> table.getItemCount() == 0, "rows gone after the machine shut down");
    }

    private FakeMachines.Handle register(String name, int cpus) {
        FakeMachines.Handle h = FakeMachines.create(cpus);
        machines.add(h);
        MachineRegistry.getDefault().add(name, h.machine());
        return h;
    }

    private static List<String> row(TableItem item) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < item.getParent().getColumnCount(); i++) {
            cells.add(item.getText(i));
        }
        return cells;
    }

    /** The view's table, found by walking the widget tree of the workbench window. */
    private Table findTable() {
        List<Table> tables = new ArrayList<>();
        collectTables(view.getSite().getShell(), tables);
        for (Table t : tables) {
            if (t.getColumnCount() > 0 && "CPU".equals(t.getColumn(0).getText())) {
                return t;
            }
        }
        throw new AssertionError("no vCPU table in the workbench window; tables: " + tables.size());
    }

    private static void collectTables(Control control, List<Table> out) {
        if (control instanceof Table t) {
            out.add(t);
        }
        if (control instanceof Composite c) {
            for (Control child : c.getChildren()) {
                collectTables(child, out);
            }
        }
    }

    /** Pumps the UI event loop until {@code condition} holds (no sleeps on the UI thread). */
    private static void waitUntil(BooleanSupplier condition, String what) {
        Display display = Display.getCurrent();
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> { });
                display.sleep();
            }
        }
    }
}
