package org.emu4e.ui.internal.views;

import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.viewers.IStructuredContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.IPartListener2;
import org.eclipse.ui.IWorkbenchPartReference;
import org.eclipse.ui.part.ViewPart;
import org.eclipse.ui.progress.UIJob;
import org.emu4e.core.MachineRegistry;
import org.emu4e.core.RunningMachine;
import org.emu4e.engine.api.StateChange;
import org.emu4e.ui.Emu4eUi;

/**
 * Lists the vCPUs of every machine in the {@link MachineRegistry}: CPU, run state, PC, exception
 * level and retired instructions. Empty when no machine runs. Registry and run-state events
 * coalesce into one refresh (at most ~20 a second); while machines exist and the view is
 * visible it also refreshes twice a second so PC and instruction counts move. Nothing is done
 * while the view is hidden.
 */
public final class VcpuStateView extends ViewPart {

    public static final String ID = Emu4eUi.VCPU_STATE_VIEW_ID;

    private static final long EVENT_DELAY_MS = 50;
    private static final long TICK_MS = 500;

    private final MachineRegistry registry;
    private TableViewer viewer;
    private RefreshJob refreshJob;
    private volatile boolean visible = true;
    /** True while a refresh is scheduled: later requests coalesce into it. */
    private final AtomicBoolean refreshPending = new AtomicBoolean();

    private final MachineRegistry.Listener registryListener = new MachineRegistry.Listener() {
        @Override
        public void machinesChanged(MachineRegistry r) {
            requestRefresh(EVENT_DELAY_MS);
        }

        @Override
        public void vcpuStateChanged(RunningMachine machine, StateChange change) {
            requestRefresh(EVENT_DELAY_MS);
        }
    };

    private final IPartListener2 visibilityListener = new IPartListener2() {
        @Override
        public void partVisible(IWorkbenchPartReference ref) {
            if (ref.getPart(false) == VcpuStateView.this) {
                visible = true;
                requestRefresh(0);
            }
        }

        @Override
        public void partHidden(IWorkbenchPartReference ref) {
            if (ref.getPart(false) == VcpuStateView.this) {
                visible = false;
            }
        }
    };

    public VcpuStateView() {
        this(MachineRegistry.getDefault());
    }

    VcpuStateView(MachineRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void createPartControl(Composite parent) {
        viewer = new TableViewer(parent, SWT.MULTI | SWT.FULL_SELECTION | SWT.H_SCROLL | SWT.V_SCROLL);
        Table table = viewer.getTable();
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (VcpuColumn column : VcpuColumn.values()) {
            TableViewerColumn c = new TableViewerColumn(viewer, column.alignment);
            c.getColumn().setText(column.header);
            c.getColumn().setWidth(column.width);
            c.setLabelProvider(new ColumnLabelProvider() {
                @Override
                public String getText(Object element) {
                    return column.text((VcpuRow) element);
                }
            });
        }
        viewer.setComparer(VcpuRow.IDENTITY);
        viewer.setContentProvider((IStructuredContentProvider) input -> VcpuRow.collect((MachineRegistry) input).toArray());
        viewer.setInput(registry);

        refreshJob = new RefreshJob();
        registry.addListener(registryListener);
        getSite().getPage().addPartListener(visibilityListener);
        requestRefresh(TICK_MS);
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    @Override
    public void dispose() {
        registry.removeListener(registryListener);
        getSite().getPage().removePartListener(visibilityListener);
        if (refreshJob != null) {
            refreshJob.cancel();
        }
        super.dispose();
    }

    private void requestRefresh(long delayMs) {
        RefreshJob job = refreshJob;
        if (job != null && visible && refreshPending.compareAndSet(false, true)) {
            job.schedule(delayMs);
        }
    }

    /** Re-reads the registry on the UI thread; re-arms itself while there is something to watch. */
    private final class RefreshJob extends UIJob {
        RefreshJob() {
            super("Refresh vCPU State view");
            setSystem(true);
        }

        @Override
        public IStatus runInUIThread(IProgressMonitor monitor) {
            refreshPending.set(false);
            if (viewer == null || viewer.getControl().isDisposed() || monitor.isCanceled()) {
                return Status.CANCEL_STATUS;
            }
            viewer.refresh(true);
            if (!registry.machines().isEmpty()) {
                requestRefresh(TICK_MS);
            }
            return Status.OK_STATUS;
        }
    }
}
