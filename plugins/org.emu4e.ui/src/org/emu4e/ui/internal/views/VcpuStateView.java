package org.emu4e.ui.internal.views;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.preferences.IEclipsePreferences.IPreferenceChangeListener;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.contexts.IDebugContextListener;
import org.eclipse.debug.ui.contexts.IDebugContextService;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.IPartListener2;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.IWorkbenchPartReference;
import org.eclipse.ui.part.ViewPart;
import org.eclipse.ui.services.IEvaluationService;
import org.emu4e.core.MachineRegistry;
import org.emu4e.core.RunningMachine;
import org.emu4e.core.VcpuTarget;
import org.emu4e.core.preferences.PreferenceKeys;
import org.emu4e.core.timeline.MachineTimeline;
import org.emu4e.engine.api.MachineState;
import org.emu4e.engine.api.StateChange;
import org.emu4e.ui.Emu4eUi;
import org.emu4e.ui.internal.handlers.VcpuPropertyTester;
import org.emu4e.ui.internal.selection.LaunchOfElement;
import org.emu4e.ui.internal.selection.VcpuTargets;
import org.emu4e.ui.internal.style.StateStyles;
import org.emu4e.ui.internal.timeline.TimelineCanvas;

/**
 * The vCPU State view: the vCPUs of one machine (the Debug view's, or chosen in the drop-down)
 * in a table, their run-state history in a timeline below, a summary in the status line. Engine
 * events and a slow tick (PC, counters, the live edge) coalesce into at most 20 refreshes a
 * second on the UI thread, which only reads snapshots; nothing runs while the view is hidden.
 * A thread selected in the Debug view selects its vCPU's row (once that machine is shown).
 */
public final class VcpuStateView extends ViewPart {

    public static final String ID = Emu4eUi.VCPU_STATE_VIEW_ID;

    private static final long EVENT_DELAY_MS = 0;
    private static final long TICK_MS = 250;

    private final MachineRegistry registry;
    private final MachineSummary summary = new MachineSummary();
    private StateStyles styles;
    private TableViewer viewer;
    private TimelineCanvas timeline;
    private MachineChooser chooser;
    private RefreshThrottle throttle;
    private volatile RunningMachine shown;
    private boolean machinesChanged = true;
    private String statusText = "";
    private boolean endNoticed;
    private long commandState = -1;
    /** The vCPU of the Debug view's selected thread, selected in the table once its machine is shown. */
    private VcpuTarget followedVcpu;
    /** The newest machine the registry reported, with its timeline. */
    private volatile Seen lastSeen;

    private record Seen(RunningMachine machine, MachineTimeline timeline) { }
    /** The table's input, refilled on each refresh. */
    private final List<VcpuRow> rows = new ArrayList<>();

    private final MachineRegistry.Listener registryListener = new MachineRegistry.Listener() {
        @Override
        public void machinesChanged(MachineRegistry r) {
            List<RunningMachine> now = r.machines();
            if (!now.isEmpty()) { // remembered so that a machine that ends before the next refresh is still shown
                RunningMachine newest = now.get(now.size() - 1);
                r.timeline(newest).ifPresent(t -> lastSeen = new Seen(newest, t));
            }
            machinesChanged = true;
            throttle.request(EVENT_DELAY_MS);
        }

        @Override
        public void vcpuStateChanged(RunningMachine machine, StateChange change) {
            if (machine.equals(shown)) {
                throttle.request(EVENT_DELAY_MS);
            }
        }
    };

    private final IDebugContextListener debugContextListener = event -> {
        if (chooser != null && !viewer.getControl().isDisposed()) {
            followDebugContext(event.getContext());
        }
    };

    private final IPartListener2 visibilityListener = new IPartListener2() {
        @Override
        public void partVisible(IWorkbenchPartReference ref) {
            if (ref.getPart(false) == VcpuStateView.this) {
                throttle.setActive(true);
                throttle.request(0);
            }
        }

        @Override
        public void partHidden(IWorkbenchPartReference ref) {
            if (ref.getPart(false) == VcpuStateView.this) {
                throttle.setActive(false);
            }
        }
    };

    /** Colour preferences apply at once. */
    private final IPreferenceChangeListener colorListener = event -> {
        if (event.getKey().startsWith(PreferenceKeys.COLOR_PREFIX) && viewer != null) {
            viewer.getControl().getDisplay().asyncExec(() -> {
                if (!viewer.getControl().isDisposed()) {
                    styles.reload();
                    viewer.refresh(true);
                    timeline.redraw();
                }
            });
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
        styles = new StateStyles(parent.getDisplay());
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        Composite top = new Composite(sash, SWT.NONE);
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        top.setLayout(layout);
        throttle = new RefreshThrottle(this::refresh);
        chooser = new MachineChooser(top, registry, () -> {
            machinesChanged = true;
            throttle.request(0);
        });
        viewer = VcpuTable.create(top, styles);
        viewer.getControl().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        viewer.setInput(rows);
        timeline = new TimelineCanvas(sash, styles);
        sash.setWeights(45, 55);

        viewer.addSelectionChangedListener(e -> {
            Object first = e.getStructuredSelection().getFirstElement();
            timeline.setSelectedCpu(first instanceof VcpuRow r ? r.cpu() : -1);
        });
        timeline.onCpuClicked(this::selectCpu);
        getSite().setSelectionProvider(viewer);
        createMenus();

        registry.addListener(registryListener);
        InstanceScope.INSTANCE.getNode(PreferenceKeys.QUALIFIER).addPreferenceChangeListener(colorListener);
        getSite().getPage().addPartListener(visibilityListener);
        IDebugContextService contexts = DebugUITools.getDebugContextManager().getContextService(getSite().getWorkbenchWindow());
        contexts.addDebugContextListener(debugContextListener);
        followDebugContext(contexts.getActiveContext());
        refresh();
    }

    private void createMenus() {
        MenuManager menu = new MenuManager();
        menu.add(new Separator(IWorkbenchActionConstants.MB_ADDITIONS));
        viewer.getControl().setMenu(menu.createContextMenu(viewer.getControl()));
        getSite().registerContextMenu(menu, viewer);
        IAction follow = new Action("Follow Live", IAction.AS_CHECK_BOX) {
            @Override
            public void run() {
                timeline.setFollowLive(isChecked());
            }
        };
        follow.setToolTipText("Keep the timeline's right edge at the present (End key)");
        follow.setChecked(true);
        getViewSite().getActionBars().getToolBarManager().add(new Separator("timeline"));
        getViewSite().getActionBars().getToolBarManager().add(follow);
    }

    /** Shows the machine of the Debug view's launch and, for a thread of it, selects its vCPU. */
    private void followDebugContext(ISelection context) {
        chooser.followLaunch(LaunchOfElement.of(context));
        List<VcpuTarget> targets = VcpuTargets.of(context, registry);
        followedVcpu = targets.size() == 1 ? targets.get(0) : null;
        selectFollowedVcpu();
    }

    /** Selects the followed vCPU's row if its machine is the one shown (else waits for a refresh). */
    private void selectFollowedVcpu() {
        VcpuTarget t = followedVcpu;
        if (t == null || !t.machine().equals(shown)) {
            return;
        }
        followedVcpu = null;
        for (VcpuRow r : rows) {
            if (r.cpu() == t.cpu()) {
                viewer.setSelection(new StructuredSelection(r), true);
            }
        }
    }

    /** Selects vCPU {@code cpu} in the table and, in a debug session, its thread in the Debug view. */
    private void selectCpu(int cpu) {
        RunningMachine m = shown;
        for (VcpuRow r : rows) {
            if (r.cpu() == cpu) {
                viewer.setSelection(new StructuredSelection(r), true);
            }
        }
        if (m != null && m.launch() != null) {
            DebugViewThreads.select(getSite().getPage(), registry, m.launch(), cpu);
        }
    }

    /** UI thread: re-reads the snapshots and redraws; re-arms the tick while a machine is shown. */
    private void refresh() {
        if (viewer == null || viewer.getControl().isDisposed()) {
            return;
        }
        if (machinesChanged) {
            machinesChanged = false;
            chooser.update();
        }
        RunningMachine m = chooser.current();
        Seen seen = lastSeen;
        if (m == null && seen != null) {
            m = seen.machine(); // it ended before a refresh could show it
            chooser.show(m);
        }
        MachineTimeline t = m == null ? null : registry.timeline(m).orElse(null);
        if (t == null && m != null) { // ended: keep its history
            t = seen != null && seen.machine().equals(m) ? seen.timeline() : m.equals(shown) ? timeline.timeline() : null;
        }
        if (m != shown || t != timeline.timeline()) {
            shown = m;
            timeline.setTimeline(t);
            endNoticed = false;
        }
        if (m != null && !endNoticed && m.machine().machineState() == MachineState.SHUTDOWN) {
            endNoticed = true;
            timeline.setEnded(System.nanoTime());
        }
        List<VcpuRow> rows = VcpuRow.collect(m, t);
        this.rows.clear();
        this.rows.addAll(rows);
        viewer.refresh(true); // rows are the same elements across refreshes (IDENTITY): selection kept
        selectFollowedVcpu();
        timeline.redraw();
        statusText = summary.text(m, rows, System.nanoTime());
        getViewSite().getActionBars().getStatusLineManager().setMessage(statusText);
        IEvaluationService evaluation = getSite().getService(IEvaluationService.class);
        long signature = CommandState.signature(m);
        if (evaluation != null && signature != commandState) { // command enablement depends on these only
            commandState = signature;
            for (String property : VcpuPropertyTester.PROPERTIES) {
                evaluation.requestEvaluation(property);
            }
        }
        if (m != null && registry.machines().contains(m)) {
            throttle.request(TICK_MS);
        }
    }

    /** The status-line text (machine, cores, overall state, MIPS). */
    public String statusText() {
        return statusText;
    }

    /** The timeline canvas (tests read and drive it). */
    public TimelineCanvas timelineCanvas() {
        return timeline;
    }

    /** Adapts to the shown machine (commands with nothing selected act on it). */
    @Override
    public <T> T getAdapter(Class<T> adapter) {
        if (adapter == RunningMachine.class) {
            return adapter.cast(shown);
        }
        return super.getAdapter(adapter);
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    @Override
    public void dispose() {
        registry.removeListener(registryListener);
        InstanceScope.INSTANCE.getNode(PreferenceKeys.QUALIFIER).removePreferenceChangeListener(colorListener);
        getSite().getPage().removePartListener(visibilityListener);
        DebugUITools.getDebugContextManager().getContextService(getSite().getWorkbenchWindow())
                .removeDebugContextListener(debugContextListener);
        if (throttle != null) {
            throttle.setActive(false);
            throttle.cancel();
        }
        if (styles != null) {
            styles.dispose();
        }
        super.dispose();
    }
}
