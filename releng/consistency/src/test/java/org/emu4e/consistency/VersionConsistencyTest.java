package org.emu4e.consistency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Manifest;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Versions are declared once, in releng/versions/pom.xml; every file whose format makes it
 * repeat one (poms, MANIFEST.MF, feature.xml, the product, the target definition) must agree.
 * Each failure names the file and says which value to write.
 */
class VersionConsistencyTest {
    private static final List<String> PLAIN_MODULES = List.of("emulator-engine", "emulator-junit", "releng/consistency");

    private static Checkout checkout;
    private static Map<String, String> versions;
    /** emu4e's Maven version, e.g. 0.1.0-SNAPSHOT. */
    private static String mavenVersion;
    /** The same as an OSGi version without qualifier, e.g. 0.1.0. */
    private static String osgiVersion;

    @BeforeAll
    static void readVersionsPom() {
        checkout = Checkout.fromSystemProperty();
        Element pom = checkout.xml("releng/versions/pom.xml");
        versions = Checkout.properties(pom);
        mavenVersion = Checkout.child(pom, "version");
        osgiVersion = mavenVersion.replace("-SNAPSHOT", "");
    }

    @Test
    void plainModulesTakeEveryVersionFromTheVersionsPom() {
        List<String> problems = new ArrayList<>();
        for (String module : PLAIN_MODULES) {
            String file = module + "/pom.xml";
            Element pom = checkout.xml(file);
            Element parent = Checkout.childElement(pom, "parent");
            if (parent == null || !"org.emu4e.versions".equals(Checkout.child(parent, "artifactId"))) {
                problems.add(file + ": parent must be org.emu4e:org.emu4e.versions (releng/versions/pom.xml)");
                continue;
            }
            if (!mavenVersion.equals(Checkout.child(parent, "version"))) {
                problems.add(file + ": parent version must be " + mavenVersion);
            }
            String own = Checkout.child(pom, "version");
            if (own != null) {
                problems.add(file + ": remove <version>" + own + "</version>; the module inherits " + mavenVersion);
            }
            for (String p : Checkout.properties(pom).keySet()) {
                if (versions.containsKey(p)) {
                    problems.add(file + ": property " + p + " is declared in releng/versions/pom.xml; remove it here");
                }
            }
            for (Element v : Checkout.all(pom, "version")) {
                String text = v.getTextContent().trim();
                Element owner = (Element) v.getParentNode();
                if (owner != parent && !text.equals("${project.version}")) {
                    problems.add(file + ": " + owner.getTagName() + " " + Checkout.child(owner, "artifactId")
                            + " has <version>" + text + "</version>; manage it in releng/versions/pom.xml");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void tychoReactorBuildsTheSameEmu4eVersion() {
        Element root = checkout.xml("pom.xml");
        assertEquals(mavenVersion, Checkout.child(root, "version"), "pom.xml: <version> must be " + mavenVersion);
        assertEquals(mavenVersion, Checkout.properties(root).get("engine.version"),
                "pom.xml: property engine.version must be " + mavenVersion);
        List<String> problems = new ArrayList<>();
        for (Element m : Checkout.all(root, "module")) {
            String module = m.getTextContent().trim();
            if (PLAIN_MODULES.contains(module) || module.equals("releng/versions")) {
                continue;
            }
            String file = module + "/pom.xml";
            Element parent = Checkout.childElement(checkout.xml(file), "parent");
            if (parent == null || !mavenVersion.equals(Checkout.child(parent, "version"))) {
                problems.add(file + ": parent version must be " + mavenVersion);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void bundlesAndTheirRequirementsCarryTheEmu4eVersion() throws Exception {
        List<String> problems = new ArrayList<>();
        List<Path> manifests = new ArrayList<>(checkout.inEachSubfolder("plugins", "META-INF/MANIFEST.MF"));
        manifests.addAll(checkout.inEachSubfolder("tests", "META-INF/MANIFEST.MF"));
        manifests.addAll(checkout.inEachSubfolder("releng", "META-INF/MANIFEST.MF"));
        assertFalse(manifests.isEmpty(), "no MANIFEST.MF under plugins/ or tests/");
        for (Path file : manifests) {
            String name = checkout.relative(file);
            Manifest mf = checkout.manifest(file);
            String version = mf.getMainAttributes().getValue("Bundle-Version");
            if (!(osgiVersion + ".qualifier").equals(version)) {
                problems.add(name + ": Bundle-Version must be " + osgiVersion + ".qualifier, not " + version);
            }
            for (String clause : Checkout.clauses(mf.getMainAttributes().getValue("Require-Bundle"))) {
                String range = Checkout.attribute(clause, "bundle-version");
                if (clause.startsWith("org.emu4e.") && range != null && !lowerBound(range).equals(osgiVersion)) {
                    problems.add(name + ": Require-Bundle " + clause + " must start at bundle-version=\"" + osgiVersion + "\"");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void featuresAndProductCarryTheEmu4eVersion() throws Exception {
        List<String> problems = new ArrayList<>();
        List<Path> features = checkout.inEachSubfolder("features", "feature.xml");
        assertFalse(features.isEmpty(), "no feature.xml under features/");
        for (Path file : features) {
            String name = checkout.relative(file);
            Element feature = checkout.xml(name);
            if (!(osgiVersion + ".qualifier").equals(feature.getAttribute("version"))) {
                problems.add(name + ": version must be " + osgiVersion + ".qualifier");
            }
            for (String tag : List.of("plugin", "includes", "import")) {
                for (Element e : Checkout.all(feature, tag)) {
                    String id = e.hasAttribute("plugin") ? e.getAttribute("plugin")
                            : e.hasAttribute("feature") ? e.getAttribute("feature") : e.getAttribute("id");
                    String v = e.getAttribute("version");
                    if (id.startsWith("org.emu4e.") && !v.isEmpty() && !v.equals("0.0.0")
                            && !v.equals(osgiVersion) && !v.equals(osgiVersion + ".qualifier")) {
                        problems.add(name + ": " + tag + " " + id + " version must be 0.0.0 (any) or " + osgiVersion
                                + ".qualifier, not " + v);
                    }
                }
            }
        }
        for (Path file : checkout.endingIn("releng", ".product")) {
            String name = checkout.relative(file);
            String v = checkout.xml(name).getAttribute("version");
            if (!(osgiVersion + ".qualifier").equals(v)) {
                problems.add(name + ": product version must be " + osgiVersion + ".qualifier, not " + v);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void targetPlatformHasTheLibraryVersionsOfThePlainBuild() throws Exception {
        String junit = versions.get("junit.version");
        assertEquals("1" + junit.substring(junit.indexOf('.')), versions.get("junit.platform.version"),
                "releng/versions/pom.xml: JUnit " + junit + " ships platform 1" + junit.substring(junit.indexOf('.')));
        Map<String, String> wanted = Map.of(
                "org.eclipse.lsp4j:", versions.get("lsp4j.version"),
                "org.ow2.asm:", versions.get("asm.version"),
                "org.junit.jupiter:", junit,
                "org.junit.platform:", versions.get("junit.platform.version"));
        List<String> problems = new ArrayList<>();
        List<Path> targets = checkout.endingIn("releng", ".target");
        assertFalse(targets.isEmpty(), "no .target file under releng/");
        int matched = 0;
        for (Path file : targets) {
            String name = checkout.relative(file);
            for (Element dep : Checkout.all(checkout.xml(name), "dependency")) {
                String ga = Checkout.child(dep, "groupId") + ":" + Checkout.child(dep, "artifactId");
                for (Map.Entry<String, String> w : wanted.entrySet()) {
                    if (ga.startsWith(w.getKey())) {
                        matched++;
                        String v = Checkout.child(dep, "version");
                        if (!w.getValue().equals(v)) {
                            problems.add(name + ": " + ga + " must be " + w.getValue() + " (releng/versions/pom.xml), not " + v);
                        }
                    }
                }
            }
        }
        assertTrue(matched >= wanted.size(), "the target names none of LSP4J, ASM, JUnit: " + targets);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void testBundlesImportTheJUnitOfTheBuild() throws Exception {
        String junit = versions.get("junit.version");
        List<String> problems = new ArrayList<>();
        for (Path file : checkout.inEachSubfolder("tests", "META-INF/MANIFEST.MF")) {
            Manifest mf = checkout.manifest(file);
            for (String clause : Checkout.clauses(mf.getMainAttributes().getValue("Import-Package"))) {
                String range = Checkout.attribute(clause, "version");
                if (clause.startsWith("org.junit.jupiter.") && range != null && !OsgiRange.parse(range).includes(junit)) {
                    problems.add(checkout.relative(file) + ": Import-Package " + clause + " excludes JUnit " + junit);
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static String lowerBound(String range) {
        return OsgiRange.parse(range).floor();
    }
}
