package org.emu4e.ui.internal.views;

import java.util.function.Function;

import org.eclipse.swt.SWT;

/** The columns of the vCPU State view, in display order. */
enum VcpuColumn {
    CPU("CPU", 60, SWT.LEFT, r -> "CPU " + r.cpu()),
    MPIDR("MPIDR", 90, SWT.LEFT, r -> String.format("0x%x", r.status().mpidr())),
    STATE("State", 120, SWT.LEFT, r -> r.status().state().label()),
    PC("PC", 150, SWT.LEFT, r -> String.format("0x%016x", r.status().pc())),
    EL("EL", 45, SWT.LEFT, r -> "EL" + r.status().el()),
    TIME_IN_STATE("Time in state", 100, SWT.RIGHT, r -> duration(r.nanosInState(System.nanoTime()))),
    INSTRUCTIONS("Instructions", 120, SWT.RIGHT, r -> String.format("%,d", r.status().instructionCount()));

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

    /** "12.3 s", "450 ms", "3 us"; empty when unknown. */
    static String duration(long nanos) {
        if (nanos < 0) {
            return "";
        }
        if (nanos >= 60_000_000_000L) {
            return String.format("%d:%02d min", nanos / 60_000_000_000L, nanos / 1_000_000_000L % 60);
        }
        if (nanos >= 1_000_000_000L) {
            return String.format("%.1f s", nanos / 1e9);
        }
        if (nanos >= 1_000_000L) {
            return String.format("%d ms", nanos / 1_000_000L);
        }
        return String.format("%d us", nanos / 1_000L);
    }
}
