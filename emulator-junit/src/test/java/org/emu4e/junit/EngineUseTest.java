package org.emu4e.junit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Manifest;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.emu4e.engine.api.Machine;
import org.junit.jupiter.api.Test;

/**
 * The extension embeds the engine as any plug-in does: through the packages the engine bundle
 * exports (its bnd-made MANIFEST.MF), never its runtime, CPU or devices. Inside OSGi a breach
 * would fail to resolve; here it fails with the class and package named.
 */
class EngineUseTest {

    private static List<String> engineExports() throws Exception {
        URL source = Machine.class.getProtectionDomain().getCodeSource().getLocation();
        String base = source.toString().endsWith(".jar") ? "jar:" + source + "!/" : source.toString();
        try (InputStream in = new URL(base + "META-INF/MANIFEST.MF").openStream()) {
            String header = new Manifest(in).getMainAttributes().getValue("Export-Package");
            List<String> packages = new ArrayList<>();
            // clauses look like pkg;version="0.1.0";uses:="a,b": package names are the parts before ';'
            // that follow a top-level comma
            boolean quoted = false;
            StringBuilder cur = new StringBuilder();
            for (char c : (header + ",").toCharArray()) {
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == ',' && !quoted) {
                    packages.add(cur.toString().split(";")[0].trim());
                    cur.setLength(0);
                    continue;
                }
                cur.append(c);
            }
            return packages;
        }
    }

    @Test
    void usesOnlyExportedEnginePackages() throws Exception {
        List<String> exported = engineExports();
        assertTrue(exported.contains("org.emu4e.engine.api"), "engine exports " + exported);
        DescribedPredicate<JavaClass> privateEngineClass = DescribedPredicate.describe(
                "engine classes outside the exported packages " + exported,
                c -> c.getPackageName().startsWith("org.emu4e.engine") && !exported.contains(c.getPackageName()));
        noClasses().should().dependOnClassesThat(privateEngineClass)
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.emu4e.junit"));
    }
}
