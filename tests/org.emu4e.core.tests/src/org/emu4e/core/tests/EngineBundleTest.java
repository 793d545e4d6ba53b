package org.emu4e.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.namespace.PackageNamespace;

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
    void exportsApiButNoInternalOrTestingPackages() {
        BundleWiring wiring = engineBundle().adapt(BundleWiring.class);
        assertNotNull(wiring, "engine bundle is not resolved");
        Set<String> exported = wiring.getCapabilities(PackageNamespace.PACKAGE_NAMESPACE).stream()
                .map(BundleCapability::getAttributes)
                .map(a -> (String) a.get(PackageNamespace.PACKAGE_NAMESPACE))
                .collect(Collectors.toSet());
        assertTrue(exported.contains("org.emu4e.engine.api"), "exports: " + exported);
        assertTrue(exported.contains("org.emu4e.engine.memory"), "exports: " + exported);
        for (String p : exported) {
            assertTrue(p.startsWith("org.emu4e.engine"), p);
            assertFalse(p.endsWith(".internal") || p.contains(".internal.") || p.contains(".testing"), p);
        }
    }
}
