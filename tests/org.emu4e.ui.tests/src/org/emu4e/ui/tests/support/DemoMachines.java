package org.emu4e.ui.tests.support;

import java.nio.file.Files;
import java.nio.file.Path;

import org.emu4e.engine.api.Machine;
import org.emu4e.engine.board.virt.VirtConfig;
import org.emu4e.engine.board.virt.VirtMachine;

/** The demo firmware of examples/demo (its prebuilt demo.elf) on a real virt machine. */
public final class DemoMachines {

    private DemoMachines() {
    }

    /** The checkout's root: system property {@code emu4e.repo}, else found upwards from the working directory. */
    public static Path repo() {
        String p = System.getProperty("emu4e.repo");
        if (p != null) {
            return Path.of(p).toAbsolutePath().normalize();
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("examples/demo/demo.elf"))) {
                return d;
            }
        }
        throw new AssertionError("examples/demo/demo.elf not found above " + Path.of("").toAbsolutePath());
    }

    /**
     * The demo on {@code cpus} vCPUs (not started) with the PMU halt lines of every secondary
     * asserted, so that the boot CPU waits in its CPU_ON loop for the first secondary until a
     * test resumes it: the machine then runs until the test ends instead of reaching SYSTEM_OFF.
     */
    public static Machine heldDemo(int cpus) throws Exception {
        Path elf = repo().resolve("examples/demo/demo.elf");
        Machine m = VirtMachine.create(VirtConfig.defaults().withCpus(cpus).withRam(128L << 20).withKernel(elf));
        for (int cpu = 1; cpu < cpus; cpu++) {
            m.pmu().halt(cpu);
        }
        return m;
    }
}
