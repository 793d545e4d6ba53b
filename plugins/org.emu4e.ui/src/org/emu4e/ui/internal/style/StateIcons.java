package org.emu4e.ui.internal.style;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.widgets.Display;
import org.emu4e.engine.api.RunState;

/**
 * Draws the state icons: one shape per state (play triangle, moon-like disc, diamond, ring,
 * stop square, square with a dot, pause bars) in the state's colour on a transparent ground.
 */
final class StateIcons {
    static final int SIZE = 12;

    private StateIcons() {
    }

    static Image draw(Display display, RunState state, Color color) {
        Image image = new Image(display, SIZE, SIZE);
        GC gc = new GC(image);
        try {
            gc.setAntialias(SWT.ON);
            gc.setBackground(display.getSystemColor(SWT.COLOR_WHITE));
            gc.fillRectangle(0, 0, SIZE, SIZE);
            gc.setBackground(color);
            gc.setForeground(color);
            gc.setLineWidth(2);
            switch (state) {
                case RUNNING -> gc.fillPolygon(new int[] { 2, 1, 11, 6, 2, 11 });
                case WFI -> gc.fillOval(1, 1, 10, 10);
                case WFE -> gc.fillPolygon(new int[] { 6, 0, 12, 6, 6, 12, 0, 6 });
                case PSCI_OFF -> gc.drawOval(2, 2, 8, 8);
                case PMU_HALTED -> gc.fillRectangle(1, 1, 10, 10);
                case DEBUG_STOPPED -> {
                    gc.drawRectangle(2, 2, 8, 8);
                    gc.fillRectangle(5, 5, 3, 3);
                }
                case PAUSED -> {
                    gc.fillRectangle(2, 1, 3, 10);
                    gc.fillRectangle(7, 1, 3, 10);
                }
            }
        } finally {
            gc.dispose();
        }
        ImageData data = image.getImageData();
        image.dispose();
        data.transparentPixel = data.palette.getPixel(display.getSystemColor(SWT.COLOR_WHITE).getRGB());
        return new Image(display, data);
    }
}
