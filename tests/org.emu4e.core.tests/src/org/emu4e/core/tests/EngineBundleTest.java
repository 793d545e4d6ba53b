package org.emu4e.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import org.emu4e.core.tests.support.EngineReferences;
import org.emu4e.core.tests.support.RealMachines;
import org.emu4e.engine.api.Machine;
import org.emu4e.engine.gdbstub.GdbServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/** The engine jar, built by plain Maven + bnd, works as the OSGi bundle org.emu4e.engine in Equinox. */
class EngineBundleTest {

    private static Bundle engineBundle() {
        BundleContext context = FrameworkUtil.getBundle(EngineBundleTest.class).getBundleContext();
        for (Bundle b : context.getBundles()) {
            if ("org.emu4e.engine".equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("bundle org.emu4e.engine is not installed");
    }

    @Test
    void engineBundleResolvesAndStarts() throws Exception {
        Bundle engine = engineBundle();
        engine.start();
        assertEquals(Bundle.ACTIVE, engine.getState(), "engine bundle state");
        assertEquals("JavaSE-21", engine.getHeaders().get("Bundle-RequiredExecutionEnvironment"));
    }

    @Test
    void apiEnumLoadsFromTheBundleWithItsValues() throws Exception {
        Class<?> runState = engineBundle().loadClass("org.emu4e.engine.api.RunState");
        assertTrue(runState.isEnum());
        List<String> names = Arrays.stream(runState.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList();
        assertEquals(List.of("RUNNING", "WFI", "WFE", "PSCI_OFF", "PMU_HALTED", "DEBUG_STOPPED", "PAUSED"), names);
        // the class this test was compiled against is the bundle's class, not a copy
        assertEquals(org.emu4e.engine.api.RunState.class, runState);
        assertEquals("PMU halted", org.emu4e.engine.api.RunState.PMU_HALTED.label());
    }

    @Test
    void exportsOnlyWhatEmbeddersUse() {
        // the API, the virt board factory, the GDB stub and control-protocol entry points, the
        // loaders (LoadException); runtime, cpu, devices, memory and the rest stay private
        assertEquals(new TreeSet<>(List.of("org.emu4e.engine.api", "org.emu4e.engine.board.virt",
                "org.emu4e.engine.gdbstub", "org.emu4e.engine.control.protocol", "org.emu4e.engine.control.server",
                "org.emu4e.engine.control.client", "org.emu4e.engine.loader")),
                EngineReferences.enginePackagesExported());
    }

    @Test
    void privatePackagesDoNotLoadFromOutside() {
        Bundle self = FrameworkUtil.getBundle(EngineBundleTest.class);
        assertThrows(ClassNotFoundException.class, () -> self.loadClass("org.emu4e.engine.runtime.MttcgMachine"));
        assertThrows(ClassNotFoundException.class, () -> self.loadClass("org.emu4e.engine.cpu.a64.A64Cpu"));
    }

    @Test
    void gdbStubFindsItsArchitectureInsideOsgi(@TempDir Path scratch) throws Exception {
        // GdbServer looks its CPU architecture up as a service of the engine jar (META-INF/services)
        Machine machine = RealMachines.wfiLoop(1, scratch);
        try (GdbServer gdb = GdbServer.start(machine, null, 0)) {
            assertTrue(gdb.port() > 0, "stub listens on a loopback port");
        } finally {
            machine.shutdown();
        }
    }
}
