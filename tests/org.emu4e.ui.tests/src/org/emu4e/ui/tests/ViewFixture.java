package org.emu4e.ui.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.ILogListener;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.jface.viewers.ISelectionProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.emu4e.core.MachineRegistry;
import org.emu4e.core.tests.support.FakeMachines;
import org.emu4e.engine.api.Machine;
import org.emu4e.ui.Emu4eUi;
import org.emu4e.ui.internal.views.VcpuStateView;
import org.emu4e.ui.tests.support.Ui;

/**
 * Opens the vCPU State view, collects errors logged by emu4e code, and cleans up machines a
 * test registered. Tests run on the UI thread.
 */
final class ViewFixture {

    final IWorkbenchPage page;
    final VcpuStateView view;
    private final List<Machine> machines = new ArrayList<>();
    private final List<Runnable> cleanups = new ArrayList<>();
    private final List<IStatus> errors = new ArrayList<>();
    private final ILogListener errorCollector = (status, plugin) -> {
        if (status.matches(IStatus.ERROR) && concernsEmu4e(status)) {
            synchronized (errors) {
                errors.add(status);
            }
        }
    };

    ViewFixture() throws Exception {
        Platform.addLogListener(errorCollector);
        page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        view = (VcpuStateView) page.showView(Emu4eUi.VCPU_STATE_VIEW_ID);
        assertNotNull(view);
        page.activate(view);
    }

    /** Registers a real machine {@code m} and shuts it down at {@link #close()}. */
    Machine register(String name, Machine m) {
        machines.add(m);
        cleanups.add(m::shutdown);
        MachineRegistry.getDefault().add(name, m);
        return m;
    }

    /** Registers a fake machine and takes it out of the registry at {@link #close()}. */
    FakeMachines.Handle register(String name, FakeMachines.Handle h) {
        machines.add(h.machine());
        MachineRegistry.getDefault().add(name, h.machine());
        return h;
    }

    Table table() {
        return Ui.findTable(view.getSite().getShell(), "CPU");
    }

    /** Selects the rows of vCPUs {@code cpus} through the view's selection provider. */
    void select(int... cpus) {
        Table table = table();
        List<Object> rows = new ArrayList<>();
        for (int cpu : cpus) {
            rows.add(table.getItem(cpu).getData());
        }
        page.activate(view);
        ISelectionProvider provider = view.getSite().getSelectionProvider();
        provider.setSelection(new StructuredSelection(rows));
    }

    /** Runs a command through the handler service, as a key binding or menu would. */
    void execute(String commandId) throws Exception {
        page.activate(view);
        Ui.waitUntil(() -> {
            var command = PlatformUI.getWorkbench().getService(org.eclipse.ui.commands.ICommandService.class)
                    .getCommand(commandId);
            return command.isEnabled();
        }, commandId + " enabled");
        view.getSite().getService(IHandlerService.class).executeCommand(commandId, null);
    }

    boolean enabled(String commandId) {
        return PlatformUI.getWorkbench().getService(org.eclipse.ui.commands.ICommandService.class)
                .getCommand(commandId).isEnabled();
    }

    void close() {
        cleanups.forEach(Runnable::run);
        machines.forEach(MachineRegistry.getDefault()::remove);
        page.hideView(view);
        Platform.removeLogListener(errorCollector);
        synchronized (errors) {
            assertTrue(errors.isEmpty(), "errors logged by emu4e: " + errors);
        }
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
}
