package org.emu4e.engine.control;

import org.emu4e.engine.api.Machine;

/** The machines the control-protocol tests run against. */
final class TestMachines {
    private TestMachines() {
    }

    /** A started 4-vCPU machine. */
    static Machine fourCpus() {
        ToyMachine m = new ToyMachine(4);
        m.start();
        return m;
    }
}
