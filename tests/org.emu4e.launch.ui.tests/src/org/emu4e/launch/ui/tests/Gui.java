package org.emu4e.launch.ui.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.PlatformUI;

/**
 * The tests run off the UI thread and drive the workbench through {@link #ui}; waits poll from
 * the test thread, so the UI thread stays free (the launch job may need it for a question).
 */
final class Gui {
    static final Duration T = Duration.ofSeconds(60);

    private Gui() {
    }

    static Display display() {
        return PlatformUI.getWorkbench().getDisplay();
    }

    /** Runs {@code work} on the UI thread and returns its result; its failure fails the test. */
    static <T> T ui(Supplier<T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        display().syncExec(() -> {
            try {
                result.set(work.get());
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        if (failure.get() instanceof Error e) {
            throw e;
        }
        if (failure.get() != null) {
            throw new RuntimeException(failure.get());
        }
        return result.get();
    }

    static void uiRun(Runnable work) {
        ui(() -> {
            work.run();
            return null;
        });
    }

    /** Polls {@code probe} until it gives a value (not null, not false); fails after {@link #T}. */
    static <T> T waitFor(String what, Supplier<T> probe) {
        return waitFor(() -> what, probe);
    }

    static <T> T waitFor(Supplier<String> what, Supplier<T> probe) {
        long end = System.nanoTime() + T.toNanos();
        T value;
        while ((value = probe.get()) == null || Boolean.FALSE.equals(value)) {
            if (System.nanoTime() > end) {
                fail("timed out waiting for " + what.get());
            }
            sleep(50);
        }
        return value;
    }

    /** Lets the UI thread process queued events (validation, layout, repaints) before the next step. */
    static void pump() {
        for (int i = 0; i < 10; i++) {
            ui(() -> null);
            sleep(50);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    /** The checkout (the tests run in tests/org.emu4e.launch.ui.tests). */
    static Path repo() {
        Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("examples/demo/demo.elf"))) {
            p = p.getParent();
        }
        assertNotNull(p, "checkout not found");
        return p;
    }

    /** The visible shell titled {@code title} (UI thread), or null. */
    static Shell shell(String title) {
        for (Shell s : display().getShells()) {
            if (!s.isDisposed() && s.isVisible() && title.equals(s.getText())) {
                return s;
            }
        }
        return null;
    }

    /** Presses the button labelled {@code label} (mnemonics ignored) as a click would (UI thread). */
    static void press(Composite root, String label) {
        Button b = find(root, Button.class, x -> label.equals(x.getText().replace("&", "")));
        assertNotNull(b, "button " + label);
        b.notifyListeners(SWT.Selection, new Event());
    }

    /** The first control of {@code type} under {@code root} that {@code test} accepts, or null. */
    static <T extends Control> T find(Composite root, Class<T> type, Predicate<T> test) {
        List<T> all = new ArrayList<>();
        collect(root, type, all);
        return all.stream().filter(test).findFirst().orElse(null);
    }

    static <T extends Control> void collect(Control control, Class<T> type, List<T> out) {
        if (type.isInstance(control)) {
            out.add(type.cast(control));
        }
        if (control instanceof Composite c) {
            for (Control child : c.getChildren()) {
                collect(child, type, out);
            }
        }
    }

    /** Saves what the X server shows of {@code shell} as target/screenshots/{@code name}.png. */
    static Path screenshot(Shell shell, String name) throws IOException {
        Path file = Path.of("target/screenshots", name + ".png");
        Files.createDirectories(file.getParent());
        pump(); // pending paints reach the X server
        uiRun(() -> {
            Display display = shell.getDisplay();
            Rectangle b = shell.getBounds();
            Image image = new Image(display, b.width, b.height);
            GC gc = new GC(display);
            try {
                gc.copyArea(image, b.x, b.y);
                ImageLoader loader = new ImageLoader();
                loader.data = new ImageData[] { image.getImageData() };
                loader.save(file.toString(), SWT.IMAGE_PNG);
            } finally {
                gc.dispose();
                image.dispose();
            }
        });
        return file;
    }
}
