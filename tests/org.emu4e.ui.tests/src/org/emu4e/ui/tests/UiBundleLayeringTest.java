package org.emu4e.ui.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;

import org.emu4e.ui.internal.views.VcpuStateView;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/** org.emu4e.ui works in any Eclipse: it wires to no CDT bundle and to no emu4e launch bundle. */
class UiBundleLayeringTest {

    @Test
    void uiNeedsNoCdt() {
        Bundle bundle = FrameworkUtil.getBundle(VcpuStateView.class);
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        assertNotNull(wiring, "org.emu4e.ui is not resolved");
        Set<String> providers = new TreeSet<>();
        for (BundleWire wire : wiring.getRequiredWires(null)) {
            providers.add(wire.getProvider().getSymbolicName());
        }
        assertTrue(providers.contains("org.emu4e.core"), "ui wires: " + providers);
        for (String p : providers) {
            assertFalse(p.startsWith("org.eclipse.cdt") || p.equals("org.emu4e.launch"),
                    "org.emu4e.ui must not depend on " + p);
        }
    }
}
