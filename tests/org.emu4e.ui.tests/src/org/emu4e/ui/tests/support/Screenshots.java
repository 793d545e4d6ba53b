package org.emu4e.ui.tests.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/** Saves what the X server shows of a shell as PNG under target/screenshots. */
public final class Screenshots {

    private Screenshots() {
    }

    /** The folder: system property {@code emu4e.screenshots} (set by the pom), else ./screenshots. */
    public static Path dir() throws IOException {
        Path dir = Path.of(System.getProperty("emu4e.screenshots", "screenshots"));
        Files.createDirectories(dir);
        return dir;
    }

    public static Path save(Shell shell, String name) throws IOException {
        Display display = shell.getDisplay();
        Ui.pump(300); // let pending paints reach the X server
        Rectangle b = shell.getBounds();
        Image image = new Image(display, b.width, b.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, b.x, b.y);
            ImageData data = image.getImageData();
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] { data };
            Path file = dir().resolve(name + ".png");
            loader.save(file.toString(), SWT.IMAGE_PNG);
            return file;
        } finally {
            gc.dispose();
            image.dispose();
        }
    }
}
