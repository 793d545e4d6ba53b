package org.emu4e.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.emu4e.engine.api.MachineState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The extension's own contract: shutdown on every outcome, failure reports, errors, per-class sharing. */
class ExtensionLifecycleTest {
    static final List<TargetHandle> SEEN = new CopyOnWriteArrayList<>();

    /** Run only through the test kit (nested classes are not picked up by Surefire). */
    @EmulatedTarget(kernel = "tests/firmware/build/pmu-handshake.elf", smp = 2)
    static class FailingFixture {
        @Test
        void failsAfterBoot(TargetHandle t) {
            SEEN.add(t);
            t.uart().expectLine("firmware ready", Duration.ofSeconds(20));
            throw new AssertionError("deliberate failure");
        }
    }

    @EmulatedTarget(kernel = "tests/firmware/build/pmu-handshake.elf", smp = 2, lifecycle = EmulatedTarget.Lifecycle.PER_CLASS)
    static class SharedFixture {
        @Test
        void first(TargetHandle t) { SEEN.add(t); }

        @Test
        void second(TargetHandle t) { SEEN.add(t); }
    }

    static class MissingKernelFixture {
        @Test
        @EmulatedTarget(kernel = "tests/firmware/build/no-such-firmware.elf")
        void boots(TargetHandle t) { SEEN.add(t); }
    }

    @Test
    void failingTestGetsTheReportAndItsMachineIsShutDown(@TempDir Path reports) throws Exception {
        SEEN.clear();
        String old = System.getProperty("emu4e.reportDir");
        System.setProperty("emu4e.reportDir", reports.toString());
        try {
            EngineExecutionResults r = EngineTestKit.engine("junit-jupiter").selectors(selectClass(FailingFixture.class)).execute();
            r.testEvents().assertStatistics(s -> s.started(1).failed(1));
            Throwable failure = r.testEvents().failed().list().get(0)
                    .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
            assertEquals("deliberate failure", failure.getMessage());
            Throwable report = Arrays.stream(failure.getSuppressed()).findFirst().orElseThrow();
            assertInstanceOf(EmulatedTargetExtension.TargetReport.class, report);
            assertTrue(report.getMessage().contains("firmware ready"), report.getMessage());
            assertTrue(report.getMessage().contains("--- power trace ---"), report.getMessage());
            assertTrue(report.getMessage().contains("cpu1 PSCI_OFF -> RUNNING"), report.getMessage());
            Path file = reports.resolve(FailingFixture.class.getName() + ".failsAfterBoot.emu4e.txt");
            assertTrue(Files.readString(file).contains("firmware ready"));
            assertEquals(1, SEEN.size());
            assertEquals(MachineState.SHUTDOWN, SEEN.get(0).machine().machineState());
        } finally {
            if (old == null) {
                System.clearProperty("emu4e.reportDir");
            } else {
                System.setProperty("emu4e.reportDir", old);
            }
        }
    }

    @Test
    void perClassLifecycleSharesOneMachineAndShutsItDownAfterTheClass() {
        SEEN.clear();
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(SharedFixture.class)).execute()
                .testEvents().assertStatistics(s -> s.succeeded(2));
        assertEquals(2, SEEN.size());
        assertTrue(SEEN.get(0) == SEEN.get(1), "one target for both tests");
        assertEquals(MachineState.SHUTDOWN, SEEN.get(0).machine().machineState());
    }

    @Test
    void missingKernelIsAClearParameterError() {
        SEEN.clear();
        EngineExecutionResults r = EngineTestKit.engine("junit-jupiter").selectors(selectClass(MissingKernelFixture.class)).execute();
        r.testEvents().assertStatistics(s -> s.failed(1));
        Throwable t = r.testEvents().failed().list().get(0)
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
        String msg = t.getMessage() + (t.getCause() == null ? "" : " / " + t.getCause().getMessage());
        assertTrue(msg.contains("no-such-firmware.elf") && msg.contains("not found"), msg);
        assertTrue(SEEN.isEmpty());
    }

    @Test
    void gicv3TargetBoots() {
        try (TargetHandle t = TargetHandle.boot(TargetSpec.kernel("tests/firmware/build/hello-smp.elf").smp(4).gic(3))) {
            t.uart().expectLine("all cores up", Duration.ofSeconds(20));
        }
    }

    @Test
    void programmaticBootAndValidation() {
        assertThrows(IllegalArgumentException.class, () -> TargetSpec.kernel("x").gic(4));
        assertThrows(IllegalArgumentException.class, () -> TargetSpec.kernel("x").smp(65));
        assertThrows(IllegalArgumentException.class, () -> TargetSpec.kernel("x").memory("lots"));
        assertEquals(256L << 20, TargetSpec.parseSize("256M"));
        assertEquals(1L << 30, TargetSpec.parseSize("1G"));
        try (TargetHandle t = TargetHandle.boot(TargetSpec.kernel("tests/firmware/build/pmu-handshake.elf").smp(2))) {
            t.uart().expectLine("firmware ready", Duration.ofSeconds(20));
            int port = t.gdbPort();
            assertTrue(port > 0);
            assertEquals(port, t.gdbPort(), "one stub per target");
            assertThrows(IllegalArgumentException.class, () -> t.vcpu(2));
            assertThrows(IllegalArgumentException.class, () -> t.pmu().halt(5));
            assertNotNull(t.vcpu(1).status());
        }
    }
}
