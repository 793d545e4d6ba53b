package org.emu4e.launch.ui.tests;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.emu4e.core.MachineRegistry;
import org.emu4e.core.RunningMachine;
import org.emu4e.core.launch.VirtLaunchConstants;
import org.emu4e.engine.api.MachineState;
import org.emu4e.engine.api.RunState;
import org.emu4e.ui.internal.launch.FirmwareTab;
import org.junit.jupiter.api.Test;

/**
 * A debug launch exactly as a user makes it: the launch configuration dialog (Debug group) on a
 * new emu4e configuration, the kernel typed into the Firmware tab, 4 cores on the Machine tab,
 * Debug pressed; the machine stops at main under CDT's debugger. Saves a screenshot of the
 * dialog to target/screenshots/.
 */
class LaunchDialogTest {
    private static final Duration T = Duration.ofSeconds(60);

    @Test
    void debugFromTheDialogStopsTheDemoUnderGdb() throws Exception {
        Path repo = repo();
        ILaunchManager lm = DebugPlugin.getDefault().getLaunchManager();
        // What "New" in the dialog gives (the debug tab group's defaults): gdb-multiarch, stop at
        // main. Without them CDT's Debugger tab fills in its own default GDB ("gdb", the host's).
        var wc = lm.getLaunchConfigurationType(VirtLaunchConstants.TYPE_ID).newInstance(null, "demo on 4 cores");
        wc.setAttribute(VirtLaunchConstants.ATTR_SET_STOP_AT, true);
        wc.setAttribute(VirtLaunchConstants.ATTR_STOP_AT, "main");
        wc.setAttribute(VirtLaunchConstants.ATTR_SET_RESUME, true);
        wc.setAttribute(VirtLaunchConstants.ATTR_DEBUG_NAME, VirtLaunchConstants.DEFAULT_DEBUG_NAME);
        ILaunchConfiguration config = wc.doSave();
        Display display = PlatformUI.getWorkbench().getDisplay();
        display.asyncExec(() -> DebugUITools.openLaunchConfigurationDialogOnGroup(
                PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), new StructuredSelection(config),
                IDebugUIConstants.ID_DEBUG_LAUNCH_GROUP));
        Shell dialog = waitFor("the launch configuration dialog", () -> ui(display, () -> {
            for (Shell s : display.getShells()) {
                if (!s.isDisposed() && s.isVisible() && find(s, Text.class, VirtLaunchConstants.ATTR_KERNEL) != null) {
                    return s;
                }
            }
            return null;
        }));

        ui(display, () -> {
            dialog.setSize(900, 640);
            Text kernel = find(dialog, Text.class, VirtLaunchConstants.ATTR_KERNEL);
            kernel.setText(repo.resolve("examples/demo/demo.elf").toString());
            return null;
        });
        pump(display);
        ui(display, () -> {
            Spinner cores = find(dialog, Spinner.class, VirtLaunchConstants.ATTR_SMP);
            if (cores != null) {
                cores.setSelection(4);
                cores.notifyListeners(SWT.Modify, new Event());
            }
            return null;
        });
        pump(display);
        screenshot(display, dialog, Path.of("target/screenshots/launch-dialog.png"));

        ui(display, () -> {
            Button debug = findButton(dialog, "Debug");
            assertNotNull(debug, "Debug button");
            assertTrue(debug.isEnabled(), "Debug is enabled once the kernel is set");
            debug.notifyListeners(SWT.Selection, new Event());
            return null;
        });

        RunningMachine machine = waitFor("the machine of the launch", () -> MachineRegistry.getDefault().machines()
                .stream().filter(m -> m.launch() != null && m.launch().getLaunchConfiguration().getName()
                        .equals("demo on 4 cores")).findFirst().orElse(null));
        assertEquals(4, machine.machine().cpuCount());
        ILaunch launch = machine.launch();
        waitFor("GDB to stop the boot CPU (at main)", () -> launch.getProcesses().length >= 2
                && machine.machine().vcpu(0).state() == RunState.DEBUG_STOPPED
                && machine.machine().vcpu(0).status().instructionCount() > 0 ? Boolean.TRUE : null);
        int port = Integer.parseInt(launch.getAttribute(VirtLaunchConstants.LAUNCH_GDB_PORT));

        launch.terminate();
        waitFor("the launch to end", () -> launch.isTerminated() ? Boolean.TRUE : null);
        assertEquals(MachineState.SHUTDOWN, machine.machine().machineState());
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        }
        lm.removeLaunch(launch);
    }

    private static Path repo() {
        Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("examples/demo/demo.elf"))) {
            p = p.getParent();
        }
        assertNotNull(p, "checkout not found");
        return p;
    }

    private static <T extends Control> T find(Composite root, Class<T> type, String key) {
        for (Control c : root.getChildren()) {
            if (type.isInstance(c) && key.equals(c.getData(FirmwareTab.KEY))) {
                return type.cast(c);
            }
            if (c instanceof Composite comp) {
                T t = find(comp, type, key);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    private static Button findButton(Composite root, String label) {
        for (Control c : root.getChildren()) {
            if (c instanceof Button b && label.equals(b.getText().replace("&", ""))) {
                return b;
            }
            if (c instanceof Composite comp) {
                Button b = findButton(comp, label);
                if (b != null) {
                    return b;
                }
            }
        }
        return null;
    }

    private static void screenshot(Display display, Shell shell, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        ui(display, () -> {
            Point size = shell.getSize();
            Image image = new Image(display, size.x, size.y);
            GC gc = new GC(shell);
            gc.copyArea(image, 0, 0);
            gc.dispose();
            ImageData data = image.getImageData();
            image.dispose();
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] { data };
            loader.save(file.toString(), SWT.IMAGE_PNG);
            return null;
        });
    }

    /** Lets the dialog process queued events (validation, layout) before the next step. */
    private static void pump(Display display) throws InterruptedException {
        for (int i = 0; i < 10; i++) {
            ui(display, () -> null);
            Thread.sleep(50);
        }
    }

    private static <T> T ui(Display display, Supplier<T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        display.syncExec(() -> {
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

    private static <T> T waitFor(String what, Supplier<T> probe) {
        long end = System.nanoTime() + T.toNanos();
        T value;
        while ((value = probe.get()) == null) {
            if (System.nanoTime() > end) {
                fail("timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
        return value;
    }
}
