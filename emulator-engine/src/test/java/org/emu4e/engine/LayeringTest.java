package org.emu4e.engine;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which engine package may use which, checked on the compiled main classes. From the bottom:
 * {@code api} (java.* only) and {@code memory}; the CPU; the runtime; devices; the board; and
 * the front ends ({@code gdbstub}, {@code control}, {@code cli}) that only embed a machine.
 * Embedders outside the engine are held to the bundle's exports by the OSGi tests.
 */
class LayeringTest {
    private static final String E = "org.emu4e.engine.";
    private static JavaClasses engine;

    @BeforeAll
    static void importEngine() {
        engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.emu4e.engine");
    }

    @Test
    void engineUsesNoEclipseOrOsgiButLsp4jJsonRpc() {
        noClasses().should().dependOnClassesThat(resideInAnyPackage("org.eclipse..", "org.osgi..")
                .and(not(resideInAPackage("org.eclipse.lsp4j.jsonrpc.."))))
                .check(engine);
    }

    @Test
    void onlyTheControlProtocolUsesJsonRpcAndGson() {
        noClasses().that().resideOutsideOfPackage(E + "control..")
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.lsp4j..", "com.google.gson..")
                .check(engine);
    }

    @Test
    void apiDependsOnJavaOnly() {
        classes().that().resideInAPackage(E + "api")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", E + "api")
                .check(engine);
    }

    @Test
    void memoryDependsOnJavaOnly() {
        classes().that().resideInAPackage(E + "memory")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", E + "memory")
                .check(engine);
    }

    @Test
    void gdbStubKnowsNoCpuOnlyTheApi() {
        classes().that().resideInAPackage(E + "gdbstub")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", E + "api", E + "gdbstub")
                .check(engine);
    }

    @Test
    void controlProtocolIsMessagesOnly() {
        classes().that().resideInAPackage(E + "control.protocol")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.eclipse.lsp4j.jsonrpc..",
                        "com.google.gson..", E + "control.protocol")
                .check(engine);
    }

    @Test
    void cpuKnowsNoRuntimeBoardDevicesOrFrontEnds() {
        noClasses().that().resideInAPackage(E + "cpu..")
                .should().dependOnClassesThat().resideInAnyPackage(E + "runtime..", E + "board..", E + "devices..",
                        E + "loader..", E + "control..", E + "cli..")
                .check(engine);
        // the AArch64 register layout plugs into the stub; the rest of the CPU does not see it
        noClasses().that().resideInAPackage(E + "cpu..").and().resideOutsideOfPackage(E + "cpu.a64.gdb")
                .should().dependOnClassesThat().resideInAPackage(E + "gdbstub..")
                .check(engine);
    }

    @Test
    void runtimeKnowsNoBoardDevicesOrFrontEnds() {
        noClasses().that().resideInAPackage(E + "runtime..")
                .should().dependOnClassesThat().resideInAnyPackage(E + "board..", E + "devices..", E + "loader..",
                        E + "gdbstub..", E + "control..", E + "cli..")
                .check(engine);
    }

    @Test
    void devicesKnowNoBoardOrFrontEnds() {
        noClasses().that().resideInAPackage(E + "devices..")
                .should().dependOnClassesThat().resideInAnyPackage(E + "board..", E + "loader..", E + "gdbstub..",
                        E + "control..", E + "cli..")
                .check(engine);
    }

    @Test
    void boardKnowsNoFrontEnds() {
        noClasses().that().resideInAnyPackage(E + "board..", E + "loader..")
                .should().dependOnClassesThat().resideInAnyPackage(E + "gdbstub..", E + "control..", E + "cli..")
                .check(engine);
    }

    @Test
    void nothingButTheCommandLineUsesIt() {
        noClasses().that().resideOutsideOfPackage(E + "cli..")
                .should().dependOnClassesThat().resideInAPackage(E + "cli..")
                .check(engine);
    }

    @Test
    void topLevelPackagesFormNoCycles() {
        slices().matching("org.emu4e.engine.(*)..").should().beFreeOfCycles().check(engine);
    }
}
