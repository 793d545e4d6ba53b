package org.emu4e.ui.internal.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.ui.handlers.HandlerUtil;

/**
 * Base of the vCPU commands: resolves the selection (vCPU State rows or Debug view threads) or
 * the active view's machine, then asks the engine; never waits for the engine on the UI thread.
 */
abstract class VcpuHandler extends AbstractHandler {

    @Override
    public final Object execute(ExecutionEvent event) throws ExecutionException {
        Targets targets = Targets.of(HandlerUtil.getCurrentSelection(event), HandlerUtil.getActivePart(event));
        if (targets.machines().isEmpty()) {
            throw new ExecutionException("Select a vCPU of a running emu4e machine (vCPU State view or Debug view) first");
        }
        run(targets);
        return null;
    }

    abstract void run(Targets targets) throws ExecutionException;
}
