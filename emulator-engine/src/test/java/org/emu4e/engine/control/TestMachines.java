package org.emu4e.engine.control;

import org.emu4e.engine.runtime.MttcgMachine;

/** The machines the control-protocol tests run against: the real runtime on a small board. */
final class TestMachines {
    private TestMachines() {
    }

    /** A started 4-vCPU {@link MttcgMachine} on a {@link ControlTestBoard}. */
    static Running fourCpus() {
        ControlTestBoard board = new ControlTestBoard(4);
        MttcgMachine m = new MttcgMachine(board);
        m.start();
        return new Running(m, board);
    }

    record Running(MttcgMachine machine, ControlTestBoard board) {
    }
}
