package org.emu4e.ui.internal.selection;

import org.eclipse.core.runtime.Adapters;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IDebugElement;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeSelection;
import org.eclipse.jface.viewers.TreePath;

/**
 * The launch a Debug view element belongs to: the launch itself, a process or debug element of
 * it, anything that adapts to {@link ILaunch} (DSF elements do), or, in a tree selection, the
 * launch at the root of the element's path. No debugger-specific types.
 */
public final class LaunchOfElement {

    private LaunchOfElement() {
    }

    /** The launch of the first selected element, or null. */
    public static ILaunch of(ISelection selection) {
        if (selection instanceof ITreeSelection tree && !tree.isEmpty()) {
            for (TreePath path : tree.getPaths()) {
                for (int i = path.getSegmentCount() - 1; i >= 0; i--) {
                    ILaunch l = of(path.getSegment(i));
                    if (l != null) {
                        return l;
                    }
                }
            }
        }
        if (selection instanceof IStructuredSelection s && !s.isEmpty()) {
            return of(s.getFirstElement());
        }
        return null;
    }

    public static ILaunch of(Object element) {
        if (element instanceof ILaunch l) {
            return l;
        }
        if (element instanceof IProcess p) {
            return p.getLaunch();
        }
        if (element instanceof IDebugElement d) {
            return d.getLaunch();
        }
        return element == null ? null : Adapters.adapt(element, ILaunch.class);
    }
}
