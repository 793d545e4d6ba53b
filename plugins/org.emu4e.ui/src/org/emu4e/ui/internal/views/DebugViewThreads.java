package org.emu4e.ui.internal.views;

import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.internal.ui.viewers.model.provisional.ITreeModelViewer;
import org.eclipse.debug.ui.AbstractDebugView;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.jface.viewers.StructuredViewer;
import org.eclipse.jface.viewers.TreePath;
import org.eclipse.jface.viewers.TreeSelection;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.emu4e.core.MachineRegistry;
import org.emu4e.core.VcpuTarget;
import org.emu4e.ui.internal.selection.VcpuTargets;

/**
 * Selects the thread of a vCPU in the Debug view (best effort: among the elements the view has
 * already shown, the one under {@code launch} that {@link VcpuTargets} maps to the vCPU). The
 * pick is the user's, so it overrides the debugger's selection policy, which otherwise keeps a
 * suspended thread's frame selected against any programmatic change (a click does the same).
 */
@SuppressWarnings("restriction") // ITreeModelViewer: the Debug view's viewer, provisional API
final class DebugViewThreads {

    private DebugViewThreads() {
    }

    /** True if a matching thread was found and selected. */
    static boolean select(IWorkbenchPage page, MachineRegistry registry, ILaunch launch, int cpu) {
        if (launch == null) {
            return false;
        }
        IViewPart part = page.findView(IDebugUIConstants.ID_DEBUG_VIEW);
        if (!(part instanceof AbstractDebugView debugView)
                || !(debugView.getViewer() instanceof StructuredViewer viewer)
                || !(viewer.getControl() instanceof Tree tree)) {
            return false;
        }
        for (TreeItem item : tree.getItems()) {
            TreePath path = find(item, TreePath.EMPTY, launch, registry, cpu);
            if (path != null) {
                TreeSelection selection = new TreeSelection(path);
                if (viewer instanceof ITreeModelViewer model) {
                    model.setSelection(selection, true, true);
                } else {
                    viewer.setSelection(selection, true);
                }
                return true;
            }
        }
        return false;
    }

    private static TreePath find(TreeItem item, TreePath parent, ILaunch launch, MachineRegistry registry, int cpu) {
        Object data = item.getData();
        if (data == null) {
            return null;
        }
        TreePath path = parent.createChildPath(data);
        if (path.getSegmentCount() > 1 && path.getFirstSegment() == launch) {
            VcpuTarget t = VcpuTargets.of(data, launch, registry).orElse(null);
            if (t != null && t.cpu() == cpu) {
                return path;
            }
        }
        for (TreeItem child : item.getItems()) {
            TreePath found = find(child, path, launch, registry, cpu);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
