package org.emu4e.engine.control.server;

import java.util.concurrent.CompletableFuture;

import org.emu4e.engine.control.protocol.ControlErrors;
import org.emu4e.engine.control.protocol.GdbService;
import org.emu4e.engine.control.protocol.GdbStatus;

/** {@code gdb/status}: asks the {@link GdbStatusSource} the embedder set, if any. */
final class GdbHandler implements GdbService {
    private final ControlSession session;

    GdbHandler(ControlSession session) {
        this.session = session;
    }

    @Override
    public CompletableFuture<GdbStatus> status() {
        GdbStatusSource source = session.server.gdbStatusSource();
        if (source == null) {
            return CompletableFuture.completedFuture(GdbStatus.disabled());
        }
        GdbStatus s;
        try {
            s = source.gdbStatus();
        } catch (RuntimeException e) {
            throw ControlErrors.error(ControlErrors.INTERNAL_ERROR, "gdb/status: " + e);
        }
        return CompletableFuture.completedFuture(s == null ? GdbStatus.disabled() : s);
    }
}
