package org.emu4e.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Conformance: each firmware program of tests/firmware that runs to PSCI SYSTEM_OFF prints the
 * same UART lines on emu4e as on qemu-system-aarch64 (QEMU 7.2, -M virt -cpu cortex-a53).
 * Multi-core programs print in an order the cores race for, so their lines are compared as
 * sorted lists; single-core ones line by line.
 */
class ConformanceTest {
    private static final Duration T = Duration.ofSeconds(60);

    @ParameterizedTest(name = "{0} on {1} cores")
    @CsvSource({"fp-neon, 1", "hello-smp, 4"})
    void sameOutputAsQemu(String program, int smp) throws Exception {
        TargetSpec spec = TargetSpec.kernel("tests/firmware/build/" + program + ".elf").smp(smp).memory("128M");
        Path elf = spec.resolveKernel();
        List<String> qemu = qemu(elf, smp);
        List<String> emu;
        try (TargetHandle t = TargetHandle.boot(spec)) {
            assertTrue(t.machine().awaitShutdown(T), program + " powers off on emu4e: " + t.uart().lines());
            emu = t.uart().lines();
        }
        assertTrue(qemu.size() >= 2, "QEMU printed: " + qemu);
        if (smp > 1) {
            qemu = qemu.stream().sorted().toList();
            emu = emu.stream().sorted().toList();
        }
        assertEquals(qemu, emu, program + ": emu4e vs qemu-system-aarch64");
    }

    private static List<String> qemu(Path elf, int smp) throws IOException, InterruptedException {
        return QemuReference.run(elf, smp, T);
    }
}
