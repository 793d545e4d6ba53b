package org.emu4e.engine.board.virt;

import java.lang.reflect.InvocationTargetException;

import org.emu4e.engine.api.Machine;
import org.emu4e.engine.loader.LoadException;
import org.emu4e.engine.runtime.Board;

/** Builds a runnable virt machine: the board plus the multi-threaded runtime around it. */
public final class VirtMachine {
    private VirtMachine() { }

    /**
     * Creates the machine (not started). The PMU's status registers read the vCPU run states.
     *
     * @throws LoadException if a boot file is missing or malformed
     */
    public static Machine create(VirtConfig config) throws LoadException {
        VirtBoard board = new VirtBoard(config);
        Machine m = newRuntime(board);
        board.setRunStateSource(cpu -> m.vcpu(cpu).state());
        return m;
    }

    // TODO(lead): replace with `new MttcgMachine(board)` once the runtime branch is merged.
    private static Machine newRuntime(Board board) {
        try {
            Class<?> c = Class.forName("org.emu4e.engine.runtime.MttcgMachine");
            return (Machine) c.getConstructor(Board.class).newInstance(board);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("this build has no runtime (org.emu4e.engine.runtime.MttcgMachine)", e);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
