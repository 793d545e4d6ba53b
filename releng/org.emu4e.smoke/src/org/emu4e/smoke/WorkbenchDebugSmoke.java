package org.emu4e.smoke;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.e4.ui.model.application.ui.MElementContainer;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MPartSashContainer;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IStartup;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.console.ConsolePlugin;
import org.eclipse.ui.console.IConsole;

/**
 * A debug launch of the demo inside a running IDE, as a user makes it, driven by system
 * properties (without {@code emu4e.smoke.report} it does nothing):
 * <ol>
 * <li>saves a configuration of the emu4e type for {@code emu4e.smoke.kernel} on 4 vCPUs (debugger
 * settings at their defaults: gdb-multiarch, stop at main) and launches it with
 * {@link DebugUITools#launch} in debug mode, as Debug As does;</li>
 * <li>waits until GDB shows 4 vCPU threads stopped with the boot CPU in main;</li>
 * <li>brings the Debug view, the vCPU State view and the UART console to the front and reports
 * {@code READY} (the script takes its screenshot then);</li>
 * <li>on the file {@code <report>.stop}, terminates the launch, checks that machine, threads and
 * port are gone, reports the result and closes the workbench.</li>
 * </ol>
 */
public final class WorkbenchDebugSmoke implements IStartup {
    private static final String VIEW_ID = "org.emu4e.ui.views.vcpuState";

    @Override
    public void earlyStartup() {
        Report report = Report.fromSystemProperty();
        String kernel = System.getProperty("emu4e.smoke.kernel");
        if (report == null) {
            return;
        }
        Thread t = new Thread(() -> run(report, kernel), "emu4e-smoke-debug-launch");
        t.setDaemon(true);
        t.start();
    }

    private static void run(Report report, String kernel) {
        Display display = PlatformUI.getWorkbench().getDisplay();
        try {
            if (kernel == null || !Files.isRegularFile(Path.of(kernel))) {
                report.problem("set -Demu4e.smoke.kernel to the demo ELF (is: " + kernel + ")");
            } else {
                debugDemo(report, kernel, display);
            }
        } catch (Exception | LinkageError e) {
            report.problem("debug launch smoke failed: " + e);
            e.printStackTrace();
        }
        report.finish();
        display.asyncExec(() -> PlatformUI.getWorkbench().close());
    }

    private static void debugDemo(Report report, String kernel, Display display) throws Exception {
        ILaunchConfiguration config = DemoLaunches.demo("demo", kernel);
        display.asyncExec(() -> DebugUITools.launch(config, ILaunchManager.DEBUG_MODE));
        ILaunch launch = DemoLaunches.awaitLaunchOf(config, Duration.ofSeconds(60));
        if (launch == null) {
            report.problem("no launch of '" + config.getName() + "' 60 s after Debug");
            report.info("READY");
            return;
        }
        boolean stopped = DebugSession.awaitStoppedAtMain(launch, report, Duration.ofSeconds(90));
        display.syncExec(() -> showSession(launch, report));
        // The views repaint from their own refresh ticks (at most 20 a second): give them a moment.
        DemoLaunches.pause(3000);
        report.info("READY");
        Path stop = Path.of(report.file() + ".stop");
        if (stopped && !DemoLaunches.await(Duration.ofSeconds(120), () -> Files.exists(stop))) {
            report.problem("no " + stop + " within 120 s of READY");
        }
        DebugSession.terminate(launch, report);
    }

    /**
     * Debug view, vCPU State view and the machine's UART console in front, the window filling the
     * screen (no window manager maximizes it under Xvfb).
     */
    private static void showSession(ILaunch launch, Report report) {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        if (window == null) {
            window = PlatformUI.getWorkbench().getWorkbenchWindows()[0];
        }
        Shell shell = window.getShell();
        shell.setBounds(shell.getDisplay().getPrimaryMonitor().getClientArea());
        IWorkbenchPage page = window.getActivePage();
        try {
            page.showView(IDebugUIConstants.ID_DEBUG_VIEW);
            widenColumnOf(page.showView(VIEW_ID));
        } catch (PartInitException e) {
            report.problem("cannot show a view: " + e.getMessage());
        }
        IProcess machine = DemoLaunches.machineProcess(launch);
        IConsole console = machine == null ? null : DebugUITools.getConsole(machine);
        if (console == null) {
            report.problem("no UART console for the machine process");
        } else {
            ConsolePlugin.getDefault().getConsoleManager().showConsoleView(console);
            report.info("UART console '" + console.getName() + "' shown");
        }
    }

    /**
     * Gives the column of the perspective that holds {@code view} about as much width as the
     * other columns together (the vCPU table has seven columns): the weights of the nearest
     * horizontal sash above it in the workbench model.
     */
    private static void widenColumnOf(IViewPart view) {
        MPart part = view.getSite().getService(MPart.class);
        if (part == null) {
            return;
        }
        MUIElement element = part.getCurSharedRef() != null ? part.getCurSharedRef() : part;
        for (MElementContainer<?> parent = element.getParent(); parent != null; element = parent, parent = parent.getParent()) {
            if ((Object) parent instanceof MPartSashContainer sash && sash.isHorizontal()) {
                double others = 0;
                for (MUIElement sibling : sash.getChildren()) {
                    if (sibling != element && sibling.isToBeRendered()) {
                        others += weight(sibling);
                    }
                }
                element.setContainerData(Integer.toString((int) Math.max(weight(element), 0.8 * others)));
                return;
            }
        }
    }

    private static double weight(MUIElement e) {
        try {
            return Double.parseDouble(e.getContainerData());
        } catch (NumberFormatException | NullPointerException ex) {
            return 0;
        }
    }
}
