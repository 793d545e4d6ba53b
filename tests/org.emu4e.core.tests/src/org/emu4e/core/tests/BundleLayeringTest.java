package org.emu4e.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.emu4e.core.MachineRegistry;
import org.emu4e.core.tests.support.EngineReferences;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Dependencies point one way: engine (plain Java) <- core (headless) <- ui. Checked on the live
 * wiring, so a new Require-Bundle or Import-Package that breaks the rule fails here, and on the
 * class files, so core names no engine package that the engine keeps private.
 */
class BundleLayeringTest {

    private static Set<String> wiredProviders(Class<?> fromBundleClass) {
        Bundle bundle = FrameworkUtil.getBundle(fromBundleClass);
        assertNotNull(bundle, fromBundleClass + " is not loaded from a bundle");
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        assertNotNull(wiring, bundle.getSymbolicName() + " is not resolved");
        Set<String> providers = new TreeSet<>();
        for (BundleWire wire : wiring.getRequiredWires(null)) {
            providers.add(wire.getProvider().getSymbolicName());
        }
        return providers;
    }

    @Test
    void coreIsHeadless() {
        Set<String> providers = wiredProviders(MachineRegistry.class);
        assertTrue(providers.contains("org.emu4e.engine"), "core wires: " + providers);
        for (String p : providers) {
            assertTrue(!p.startsWith("org.eclipse.swt") && !p.startsWith("org.eclipse.jface")
                    && !p.startsWith("org.eclipse.ui") && !p.startsWith("org.emu4e.ui"),
                    "org.emu4e.core must not depend on " + p);
        }
    }

    @Test
    void engineDependsOnNoEclipseOrEmu4eBundle() {
        Set<String> providers = wiredProviders(org.emu4e.engine.api.Machine.class);
        providers.remove("org.emu4e.engine"); // its own exports, imported back by bnd's default
        providers.remove("org.eclipse.osgi"); // the framework itself (java.* and osgi.ee)
        for (String p : providers) {
            assertTrue(List.of("org.eclipse.lsp4j.jsonrpc", "com.google.gson", "org.objectweb.asm").contains(p),
                    "engine must only wire to its plain-Java libraries, found " + p);
        }
        assertEquals("org.emu4e.engine", FrameworkUtil.getBundle(org.emu4e.engine.api.Machine.class).getSymbolicName());
    }

    @Test
    void coreNamesOnlyExportedEnginePackages() throws Exception {
        Set<String> exported = EngineReferences.enginePackagesExported();
        Set<String> used = EngineReferences.engineTypesUsedBy(EngineReferences.bundle("org.emu4e.core"));
        assertTrue(used.contains("org.emu4e.engine.api.Machine"), "core uses the engine API: " + used);
        for (String type : used) {
            assertTrue(exported.contains(EngineReferences.packageOf(type)),
                    "org.emu4e.core uses " + type + ", which the engine does not export " + exported);
        }
    }
}
