package org.emu4e.ui.internal.views;

import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.emu4e.ui.internal.style.StateStyles;

/** The table part of the view: one row per vCPU; the State cell has the state's icon and colour. */
final class VcpuTable {

    private VcpuTable() {
    }

    static TableViewer create(Composite parent, StateStyles styles) {
        TableViewer viewer = new TableViewer(parent, SWT.MULTI | SWT.FULL_SELECTION | SWT.H_SCROLL | SWT.V_SCROLL);
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

                @Override
                public Image getImage(Object element) {
                    return column == VcpuColumn.STATE ? styles.icon(((VcpuRow) element).status().state()) : null;
                }

                @Override
                public Color getForeground(Object element) {
                    return column == VcpuColumn.STATE ? styles.color(((VcpuRow) element).status().state()) : null;
                }
            });
        }
        viewer.setComparer(VcpuRow.IDENTITY);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        return viewer;
    }
}
