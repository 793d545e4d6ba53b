package org.emu4e.core.tests.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleWiring;

/**
 * What the live engine bundle exports, and which engine classes an installed bundle's own
 * classes name. Names come from the class files' constant pools (class references and
 * descriptors spell them {@code org/emu4e/engine/pkg/Type}), so imports, field types, method
 * signatures and casts all count, whatever the source says.
 */
public final class EngineReferences {
    private static final Pattern ENGINE_TYPE = Pattern.compile("org/emu4e/engine/(?:[a-z0-9_]+/)+[A-Z][A-Za-z0-9_]*");

    private EngineReferences() {
    }

    /** The installed bundle {@code symbolicName}; fails if the test runtime does not hold it. */
    public static Bundle bundle(String symbolicName) {
        for (Bundle b : context().getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("bundle " + symbolicName + " is not installed in this test runtime");
    }

    /** This bundle's context; started for it when another test bundle uses it as a library. */
    private static BundleContext context() {
        Bundle self = FrameworkUtil.getBundle(EngineReferences.class);
        try {
            if (self.getBundleContext() == null) {
                self.start(Bundle.START_TRANSIENT);
            }
        } catch (BundleException e) {
            throw new AssertionError("cannot start " + self.getSymbolicName() + " to list bundles: " + e.getMessage(), e);
        }
        return self.getBundleContext();
    }

    /** Packages the resolved engine bundle exports. */
    public static Set<String> enginePackagesExported() {
        BundleWiring wiring = bundle("org.emu4e.engine").adapt(BundleWiring.class);
        if (wiring == null) {
            throw new AssertionError("bundle org.emu4e.engine is not resolved");
        }
        return wiring.getCapabilities(PackageNamespace.PACKAGE_NAMESPACE).stream()
                .map(BundleCapability::getAttributes)
                .map(a -> (String) a.get(PackageNamespace.PACKAGE_NAMESPACE))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Engine classes (top-level, dotted names) that the classes inside {@code bundle} name. */
    public static Set<String> engineTypesUsedBy(Bundle bundle) throws IOException {
        Enumeration<URL> entries = bundle.findEntries("/", "*.class", true);
        if (entries == null || !entries.hasMoreElements()) {
            throw new AssertionError("bundle " + bundle.getSymbolicName() + " holds no class files to check");
        }
        Set<String> types = new TreeSet<>();
        while (entries.hasMoreElements()) {
            try (InputStream in = entries.nextElement().openStream()) {
                Matcher m = ENGINE_TYPE.matcher(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
                while (m.find()) {
                    types.add(m.group().replace('/', '.'));
                }
            }
        }
        return types;
    }

    /** The package of a dotted top-level class name. */
    public static String packageOf(String type) {
        return type.substring(0, type.lastIndexOf('.'));
    }
}
