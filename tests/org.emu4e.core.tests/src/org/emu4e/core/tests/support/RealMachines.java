package org.emu4e.core.tests.support;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.emu4e.engine.api.Machine;
import org.emu4e.engine.board.virt.VirtConfig;
import org.emu4e.engine.board.virt.VirtMachine;
import org.emu4e.engine.loader.LoadException;

/** Real engine machines (virt board + multi-threaded runtime) for tests inside OSGi. */
public final class RealMachines {

    /** {@code loop: wfi; b loop} — the boot vCPU parks in WFI, secondaries stay PSCI-off. */
    private static final int[] WFI_LOOP = { 0xd503207f, 0x17ffffff };

    private RealMachines() {
    }

    /** A virt machine with {@code cpus} vCPUs whose boot CPU runs a WFI loop; not started. */
    public static Machine wfiLoop(int cpus, Path scratchDir) throws IOException, LoadException {
        ByteBuffer code = ByteBuffer.allocate(WFI_LOOP.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int insn : WFI_LOOP) {
            code.putInt(insn);
        }
        Path kernel = Files.write(scratchDir.resolve("wfi-loop.bin"), code.array());
        return VirtMachine.create(VirtConfig.defaults().withCpus(cpus).withRam(16L << 20).withKernel(kernel));
    }
}
