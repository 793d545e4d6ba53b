package org.emu4e.ui.internal.views;

import java.util.function.Function;

import org.eclipse.swt.SWT;

/** The columns of the vCPU State view, in display order. */
enum VcpuColumn {
    CPU("CPU", 90, SWT.LEFT,
            r -> (r.machineName() == null ? "" : r.machineName() + " / ") + "CPU " + r.status().index()),
    STATE("State", 120, SWT.LEFT, r -> r.status().state().label()),
    PC("PC", 160, SWT.LEFT, r -> String.format("0x%016x", r.status().pc())),
    EL("EL", 50, SWT.LEFT, r -> "EL" + r.status().el()),
    INSTRUCTIONS("Instructions", 130, SWT.RIGHT, r -> String.format("%,d", r.status().instructionCount()));

    final String header;
    final int width;
    final int alignment;
    private final Function<VcpuRow, String> text;

    VcpuColumn(String header, int width, int alignment, Function<VcpuRow, String> text) {
        this.header = header;
        this.width = width;
        this.alignment = alignment;
        this.text = text;
    }

    String text(VcpuRow row) {
        return text.apply(row);
    }
}
