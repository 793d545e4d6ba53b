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
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPartReference;

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

    /** Brings {@code view} to the top, maximizes it for the picture, saves it and restores it. */
    public static Path saveMaximized(IViewPart view, String name) throws IOException {
        IWorkbenchPage page = view.getSite().getPage();
        IWorkbenchPartReference ref = page.getReference(view);
        page.bringToTop(view);
        page.setPartState(ref, IWorkbenchPage.STATE_MAXIMIZED);
        try {
            Ui.pump(500);
            return save(view.getSite().getShell(), name);
        } finally {
            page.setPartState(ref, IWorkbenchPage.STATE_RESTORED);
        }
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
