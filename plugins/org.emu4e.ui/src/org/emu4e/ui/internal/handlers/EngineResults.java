package org.emu4e.ui.internal.handlers;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.ui.statushandlers.StatusManager;
import org.emu4e.ui.Emu4eUi;

/**
 * Follows an engine request without waiting for it: success shows in the view when the engine
 * reports the state change; a failure is reported (logged and shown) by the status manager.
 */
final class EngineResults {

    private EngineResults() {
    }

    static void report(CompletableFuture<?> request, String what) {
        request.whenComplete((result, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                StatusManager.getManager().handle(
                        new Status(IStatus.ERROR, Emu4eUi.PLUGIN_ID, what + " failed: " + cause.getMessage(), cause),
                        StatusManager.LOG | StatusManager.SHOW);
            }
        });
    }
}
