package org.emu4e.ui.tests.support;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;

/** Waits that pump the UI event loop (never sleep on the UI thread) and widget look-ups. */
public final class Ui {
    public static final long WAIT_MS = 20_000;

    private Ui() {
    }

    /** Pumps the event loop until {@code condition} holds; fails after {@link #WAIT_MS}. */
    public static void waitUntil(BooleanSupplier condition, String what) {
        waitUntil(condition, () -> what);
    }

    public static void waitUntil(BooleanSupplier condition, Supplier<String> what) {
        Display display = Display.getCurrent();
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what.get());
            }
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> { });
                display.sleep();
            }
        }
    }

    /** Runs the event loop for about {@code ms} (lets coalesced refreshes happen). */
    public static void pump(long ms) {
        Display display = Display.getCurrent();
        long end = System.currentTimeMillis() + ms;
        while (System.currentTimeMillis() < end) {
            if (!display.readAndDispatch()) {
                display.timerExec(10, () -> { });
                display.sleep();
            }
        }
    }

    /** The first table under {@code root} whose first column is headed {@code header}. */
    public static Table findTable(Control root, String header) {
        List<Table> tables = new ArrayList<>();
        collect(root, Table.class, tables);
        for (Table t : tables) {
            if (t.getColumnCount() > 0 && header.equals(t.getColumn(0).getText())) {
                return t;
            }
        }
        throw new AssertionError("no table headed " + header + "; tables: " + tables.size());
    }

    public static <T extends Control> void collect(Control control, Class<T> type, List<T> out) {
        if (type.isInstance(control)) {
            out.add(type.cast(control));
        }
        if (control instanceof Composite c) {
            for (Control child : c.getChildren()) {
                collect(child, type, out);
            }
        }
    }

    public static List<String> row(TableItem item) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < item.getParent().getColumnCount(); i++) {
            cells.add(item.getText(i));
        }
        return cells;
    }

    /** Column {@code header} of row {@code index}. */
    public static String cell(Table table, int index, String header) {
        for (int c = 0; c < table.getColumnCount(); c++) {
            if (header.equals(table.getColumn(c).getText())) {
                return index < table.getItemCount() ? table.getItem(index).getText(c) : null;
            }
        }
        throw new AssertionError("no column " + header);
    }
}
