package org.emu4e.engine.control.server;

import java.util.concurrent.CompletableFuture;

import org.emu4e.engine.control.protocol.ControlErrors;
import org.emu4e.engine.control.protocol.InterruptParams;
import org.emu4e.engine.control.protocol.InterruptResult;
import org.emu4e.engine.control.protocol.InterruptService;

/** {@code interrupt/inject}: drives an SPI line; the board takes the big lock, so it runs off the dispatch thread. */
final class InterruptHandler implements InterruptService {
    /** GIC architecture: SPIs are INTIDs 32..1019, i.e. SPI numbers 0..987. */
    static final int MAX_SPI = 987;

    private final ControlSession session;

    InterruptHandler(ControlSession session) {
        this.session = session;
    }

    @Override
    public CompletableFuture<InterruptResult> inject(InterruptParams params) {
        if (params == null || params.line() == null) {
            throw ControlErrors.invalidParams("interrupt/inject: missing required param 'line'");
        }
        int line = params.line();
        if (line < 0 || line > MAX_SPI) {
            throw ControlErrors.invalidParams("interrupt/inject: line " + line + " out of range (SPI 0.." + MAX_SPI + ")");
        }
        boolean level = params.level() == null || params.level();
        return session.onMachineThread(() -> {
            session.machine.setInterruptLine(line, level);
            return new InterruptResult(line, level);
        }, session.server.changeTimeout(), "interrupt/inject");
    }
}
