package org.emu4e.engine.board.virt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.emu4e.engine.board.virt.DemoFirmwareTest.lines;
import static org.emu4e.engine.board.virt.DemoFirmwareTest.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Full system with gic-version=3 and more CPUs than GICv2 can address: a bare-metal C program
 * (src/test/resources/.../devices/gic/gicv3, built here with aarch64-linux-gnu-gcc) brings up
 * {@value #CPUS} CPUs with PSCI, finds each Redistributor by GICR_TYPER affinity and wakes it,
 * passes an SGI token around every CPU with ICC_SGI1R_EL1 (crossing the Aff1 cluster boundary
 * at CPU 16), taking each with ICC_IAR1_EL1/ICC_EOIR1_EL1, broadcasts an SGI with IRM = 1 and
 * has every CPU take its virtual-timer PPI through its Redistributor. The same ELF on
 * {@code qemu-system-aarch64 -M virt,gic-version=3} prints the same lines.
 */
class Gicv3SystemTest {
    static final int CPUS = 18;
    /** The demo firmware's start-up code and linker script, shared rather than copied. */
    private static final Path DEMO = Path.of("..", "examples", "demo");

    @TempDir
    static Path build;
    static Path elf;

    @BeforeAll
    static void buildFirmware() throws Exception {
        try (InputStream in = Gicv3SystemTest.class.getResourceAsStream("/org/emu4e/engine/devices/gic/gicv3/main.c")) {
            Files.copy(in, build.resolve("main.c"));
        }
        elf = build.resolve("fw.elf");
        String out = run(List.of("aarch64-linux-gnu-gcc", "-DNCPUS=" + CPUS, "-DMAX_CPUS=64", "-O2", "-ffreestanding", "-nostdlib",
                "-fno-stack-protector", "-fno-pic", "-mgeneral-regs-only", "-mstrict-align", "-march=armv8-a", "-Wall",
                "-Wextra", "-static", "-no-pie", "-Wl,--build-id=none", "-Wl,--no-warn-rwx-segments",
                "-T", DEMO.resolve("demo.ld").toString(), "-o", elf.toString(), DEMO.resolve("start.S").toString(),
                build.resolve("main.c").toString()), 120);
        assertTrue(Files.isRegularFile(elf), out);
    }

    static List<String> expected() {
        List<String> l = new ArrayList<>();
        l.add("gicv3 test: " + CPUS + " cpus, ID_AA64PFR0_EL1.GIC 1, GICD_PIDR2.ArchRev 3, redistributors " + CPUS);
        l.add("all cpus up");
        for (int c = 1; c <= CPUS; c++) {
            int cpu = c % CPUS;
            l.add("cpu " + cpu + ": sgi " + (1 + cpu % 13) + " rpr 0xa0");
        }
        l.add("ring done, rpr 0xff");
        l.add("broadcast sgi 15 reached " + (CPUS - 1) + " cpus");
        l.add("virtual timer ppi 27 taken on " + CPUS + " cpus");
        l.add("done");
        return l;
    }

    private static String runOnEmu4e() throws Exception {
        return GuestRun.untilPowerOff(VirtConfig.defaults().withGicVersion(3).withCpus(CPUS).withRam(128L << 20)
                .withKernel(elf), Duration.ofSeconds(60));
    }

    @Test
    void sgisAcrossClustersAndTimerPpisOnEighteenCpus() throws Exception {
        assertEquals(expected(), lines(runOnEmu4e()));
    }

    @Test
    void sameOutputAsQemu() throws Exception {
        String qemu;
        try {
            qemu = run(List.of("timeout", "60", "qemu-system-aarch64", "-M", "virt,gic-version=3", "-cpu", "cortex-a53",
                    "-smp", String.valueOf(CPUS), "-m", "128M", "-nographic", "-monitor", "none", "-serial", "stdio",
                    "-kernel", elf.toString()), 90);
        } catch (IOException e) {
            Assumptions.abort("qemu-system-aarch64 not installed");
            return;
        }
        Assumptions.assumeTrue(qemu.contains("done"), "QEMU run did not finish: " + qemu);
        assertEquals(lines(qemu), lines(runOnEmu4e()));
        assertEquals(expected(), lines(qemu), "the firmware's expectations hold on QEMU too");
    }
}
