package org.emu4e.launch.ui.tests;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.debug.ui.IDebugView;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;

/**
 * The Debug view's tree as a user sees it: the items the view has shown (its tree is virtual; an
 * item gets its element when the view fills it), their labels, and clicks on them. UI thread.
 * A DSF-GDB thread's element prints its context ending in ".thread[N]" (N = GDB thread id).
 */
final class DebugViewTree {
    private static final Pattern THREAD = Pattern.compile("\\.thread\\[(\\d+)\\]$");

    final IViewPart view;
    final Tree tree;

    private DebugViewTree(IViewPart view) {
        this.view = view;
        this.tree = (Tree) ((IDebugView) view).getViewer().getControl();
    }

    static DebugViewTree show(IWorkbenchPage page) throws PartInitException {
        return new DebugViewTree(page.showView(IDebugUIConstants.ID_DEBUG_VIEW));
    }

    /** The items of {@code launch}'s threads the view has filled in, by GDB thread id (index 0 = id 1). */
    List<TreeItem> threads(ILaunch launch) {
        List<TreeItem> out = new ArrayList<>();
        for (TreeItem top : tree.getItems()) {
            if (top.getData() == launch) {
                collectThreads(top, out);
            }
        }
        out.sort((a, b) -> Integer.compare(threadId(a.getData()), threadId(b.getData())));
        return out;
    }

    private static void collectThreads(TreeItem item, List<TreeItem> out) {
        for (TreeItem child : item.getItems()) {
            if (child.getData() != null && threadId(child.getData()) > 0) {
                out.add(child);
            } else {
                collectThreads(child, out);
            }
        }
    }

    /** The item of GDB thread {@code id} of {@code launch}, or null while the view has not shown it. */
    TreeItem thread(ILaunch launch, int id) {
        for (TreeItem t : threads(launch)) {
            if (threadId(t.getData()) == id) {
                return t;
            }
        }
        return null;
    }

    /** The labels of every filled-in item under {@code launch}, indented (for failure messages). */
    String describe(ILaunch launch) {
        StringBuilder sb = new StringBuilder();
        for (TreeItem top : tree.getItems()) {
            if (top.getData() == launch) {
                describe(top, "", sb);
            }
        }
        return sb.toString();
    }

    private static void describe(TreeItem item, String indent, StringBuilder sb) {
        sb.append(indent).append(item.getText()).append("  <").append(item.getData()).append(">\n");
        if (item.getExpanded()) {
            for (TreeItem child : item.getItems()) {
                describe(child, indent + "  ", sb);
            }
        }
    }

    /** A click on {@code item}: the view is activated, the row selected, the widget's Selection event sent. */
    void click(TreeItem item) {
        IWorkbenchPage page = view.getSite().getPage();
        page.activate(view);
        tree.setFocus();
        tree.setSelection(item);
        Event e = new Event();
        e.item = item;
        tree.notifyListeners(SWT.Selection, e);
    }

    /** The element the view's viewer has selected, or null. */
    Object selectedElement() {
        return ((IStructuredSelection) ((IDebugView) view).getViewer().getSelection()).getFirstElement();
    }

    /** The GDB thread id a Debug view element stands for, or -1 (a frame, the launch, a process). */
    static int threadId(Object element) {
        Matcher m = THREAD.matcher(String.valueOf(element));
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
}
