package org.emu4e.engine.board.virt;

import org.emu4e.engine.api.Machine;
import org.emu4e.engine.loader.LoadException;
import org.emu4e.engine.runtime.MttcgMachine;

/** Builds a runnable virt machine: the board plus the multi-threaded runtime around it. */
public final class VirtMachine {
    private VirtMachine() { }

    /**
     * Creates the machine (not started). The PMU's status registers read the vCPU run states and
     * its interrupt follows their halt changes.
     *
     * @throws LoadException if a boot file is missing or malformed
     */
    public static Machine create(VirtConfig config) throws LoadException {
        VirtBoard board = new VirtBoard(config);
        Machine m = new MttcgMachine(board);
        board.setRunStateSource(cpu -> m.vcpu(cpu).state());
        m.addStateListener(board::stateChanged); // PMU interrupt on halt changes
        return m;
    }
}
