package org.emu4e.smoke;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.Platform;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchDelegate;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Headless check of an Eclipse into which the emu4e features were installed (application
 * {@code org.emu4e.smoke.installCheck}). System properties: {@code emu4e.smoke.report} (the report
 * file, required), {@code emu4e.smoke.mode} ({@code run}: the emu4e feature alone and no CDT in
 * the platform; {@code debug}: both features), {@code emu4e.smoke.kernel} (the demo ELF: run it).
 * <p>
 * Checks: emu4e's bundles and the engine's libraries are installed and resolve, no bundle of the
 * platform is left unresolved; launch type {@value DemoLaunches#TYPE_ID} has exactly the expected
 * modes and each mode's delegate can be created; the vCPU State view is declared and its class
 * loads; the demo runs to power-off in run mode (exit 0, "bye" on the UART) and, in debug mode,
 * stops at main on 4 vCPU threads under CDT's DSF-GDB and terminates cleanly.
 */
public final class InstallCheck implements IApplication {
    private static final List<String> FEATURE_BUNDLES = List.of("org.emu4e.engine", "org.emu4e.core", "org.emu4e.ui",
            "org.eclipse.lsp4j.jsonrpc", "com.google.gson", "org.objectweb.asm");
    private static final String DEBUG_BUNDLE = "org.emu4e.launch";
    private static final String VIEW_ID = "org.emu4e.ui.views.vcpuState";

    @Override
    public Object start(IApplicationContext context) {
        Report report = Report.fromSystemProperty();
        if (report == null) {
            System.err.println("emu4e-smoke: set -Demu4e.smoke.report=<file>");
            return Integer.valueOf(2);
        }
        boolean debug = "debug".equals(System.getProperty("emu4e.smoke.mode", "run"));
        String kernel = System.getProperty("emu4e.smoke.kernel");
        report.info("installation " + Platform.getInstallLocation().getURL() + ", expecting "
                + (debug ? "both emu4e features" : "the emu4e feature alone, without CDT"));
        try {
            checkBundles(report, debug);
            checkLaunchType(report, debug);
            checkView(report);
            if (kernel != null) {
                runDemo(report, kernel);
                if (debug) {
                    debugDemo(report, kernel);
                }
            }
        } catch (Exception | LinkageError e) {
            report.problem("check failed: " + e);
            e.printStackTrace();
        }
        report.finish();
        return report.ok() ? EXIT_OK : Integer.valueOf(1);
    }

    @Override
    public void stop() {
    }

    private static void checkBundles(Report report, boolean debug) {
        BundleContext ctx = FrameworkUtil.getBundle(InstallCheck.class).getBundleContext();
        ctx.getBundle(0).adapt(FrameworkWiring.class).resolveBundles(null);
        List<String> wanted = new ArrayList<>(FEATURE_BUNDLES);
        if (debug) {
            wanted.add(DEBUG_BUNDLE);
        }
        for (String id : wanted) {
            Bundle b = newest(ctx, id);
            if (b == null) {
                report.problem("bundle " + id + " is not installed");
            } else if (b.getState() == Bundle.INSTALLED) {
                report.problem("bundle " + id + " " + b.getVersion() + " does not resolve: " + whyUnresolved(b));
            } else {
                report.info("bundle " + id + " " + b.getVersion() + " resolved");
            }
        }
        if (!debug) {
            List<String> cdt = new ArrayList<>();
            for (Bundle b : ctx.getBundles()) {
                String name = b.getSymbolicName();
                if (name != null && (name.startsWith("org.eclipse.cdt.") || name.equals(DEBUG_BUNDLE))) {
                    cdt.add(name);
                }
            }
            if (cdt.isEmpty()) {
                report.info("no CDT bundle and no " + DEBUG_BUNDLE + " in this platform");
            } else {
                report.problem("this platform should have no CDT, yet it has " + cdt);
            }
        }
        int all = 0;
        for (Bundle b : ctx.getBundles()) {
            all++;
            if (b.getState() == Bundle.INSTALLED) {
                report.problem("unresolved bundle " + b.getSymbolicName() + " " + b.getVersion() + ": " + whyUnresolved(b));
            }
        }
        report.info(all + " bundles installed in the framework");
    }

    private static Bundle newest(BundleContext ctx, String id) {
        Bundle newest = null;
        for (Bundle b : ctx.getBundles()) {
            if (id.equals(b.getSymbolicName()) && (newest == null || b.getVersion().compareTo(newest.getVersion()) > 0)) {
                newest = b;
            }
        }
        return newest;
    }

    /** Equinox's reason, as the exception of an attempt to start the bundle. */
    private static String whyUnresolved(Bundle b) {
        if ((b.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) != 0) {
            return "fragment not attached";
        }
        try {
            b.start(Bundle.START_TRANSIENT);
            return "(resolved on start)";
        } catch (BundleException e) {
            return e.getMessage().replace('\n', ' ');
        }
    }

    private static void checkLaunchType(Report report, boolean debug) throws CoreException {
        ILaunchManager lm = DebugPlugin.getDefault().getLaunchManager();
        ILaunchConfigurationType type = lm.getLaunchConfigurationType(DemoLaunches.TYPE_ID);
        if (type == null) {
            report.problem("launch configuration type " + DemoLaunches.TYPE_ID + " is not registered");
            return;
        }
        for (String mode : List.of(ILaunchManager.RUN_MODE, ILaunchManager.DEBUG_MODE)) {
            boolean wanted = mode.equals(ILaunchManager.RUN_MODE) || debug;
            if (type.supportsMode(mode) != wanted) {
                report.problem("launch type '" + type.getName() + "' " + (wanted ? "lacks" : "should not have") + " mode " + mode);
                continue;
            }
            if (!wanted) {
                report.info("launch type '" + type.getName() + "' has no " + mode + " mode (that needs CDT)");
                continue;
            }
            ILaunchDelegate[] delegates = type.getDelegates(Set.of(mode));
            if (delegates.length == 0) {
                report.problem("launch type " + DemoLaunches.TYPE_ID + " has no delegate for mode " + mode);
                continue;
            }
            Object delegate = delegates[0].getDelegate();
            report.info("launch type '" + type.getName() + "' mode " + mode + ": delegate "
                    + delegate.getClass().getName() + " from " + delegates[0].getContributorName());
        }
    }

    private static void checkView(Report report) {
        IConfigurationElement view = null;
        for (IConfigurationElement e : Platform.getExtensionRegistry().getConfigurationElementsFor("org.eclipse.ui.views")) {
            if ("view".equals(e.getName()) && VIEW_ID.equals(e.getAttribute("id"))) {
                view = e;
            }
        }
        if (view == null) {
            report.problem("view " + VIEW_ID + " is not declared");
            return;
        }
        String contributor = view.getContributor().getName();
        String className = view.getAttribute("class");
        try {
            Platform.getBundle(contributor).loadClass(className);
            report.info("view '" + view.getAttribute("name") + "' (" + VIEW_ID + ") from " + contributor + ", class " + className + " loads");
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            report.problem("view " + VIEW_ID + ": class " + className + " of " + contributor + " does not load: " + e);
        }
    }

    private static void runDemo(Report report, String kernel) throws CoreException {
        ILaunch launch = DemoLaunches.demo("installed-run", kernel).launch(ILaunchManager.RUN_MODE, new NullProgressMonitor());
        IProcess machine = DemoLaunches.machineProcess(launch);
        if (machine == null) {
            report.problem("the run-mode launch has no machine process");
            launch.terminate();
            return;
        }
        if (!DemoLaunches.await(Duration.ofSeconds(60), launch::isTerminated)) {
            report.problem("the demo had not powered off after 60 s in run mode");
            launch.terminate();
            return;
        }
        String uart = machine.getStreamsProxy().getOutputStreamMonitor().getContents();
        int exit = machine.getExitValue();
        if (exit != 0 || !uart.contains("bye")) {
            report.problem("run mode: exit value " + exit + ", UART output:\n" + uart);
        } else {
            report.info("run mode: the demo ran to power-off, exit value 0, " + uart.lines().count()
                    + " UART lines ending in '" + uart.strip().lines().reduce((a, b) -> b).orElse("") + "'");
        }
        if (!DemoLaunches.machineThreads().isEmpty()) {
            DemoLaunches.await(Duration.ofSeconds(10), () -> DemoLaunches.machineThreads().isEmpty());
        }
    }

    private static void debugDemo(Report report, String kernel) throws CoreException {
        ILaunch launch = DemoLaunches.demo("installed-debug", kernel).launch(ILaunchManager.DEBUG_MODE, new NullProgressMonitor());
        DebugSession.awaitStoppedAtMain(launch, report, Duration.ofSeconds(60));
        DebugSession.terminate(launch, report);
    }
}
