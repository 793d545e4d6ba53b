package org.emu4e.engine.control.server;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import org.emu4e.engine.control.protocol.ControlErrors;
import org.emu4e.engine.control.protocol.UartService;
import org.emu4e.engine.control.protocol.UartWriteParams;
import org.emu4e.engine.control.protocol.UartWriteResult;

/** {@code uart/write}: bytes for the guest, queued through the machine's console. */
final class UartHandler implements UartService {
    static final int MAX_WRITE_BYTES = 64 * 1024;

    private final ControlSession session;

    UartHandler(ControlSession session) {
        this.session = session;
    }

    @Override
    public CompletableFuture<UartWriteResult> write(UartWriteParams params) {
        if (params == null || params.text() == null) {
            throw ControlErrors.invalidParams("uart/write: missing required param 'text'");
        }
        byte[] bytes = params.text().getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_WRITE_BYTES) {
            throw ControlErrors.invalidParams("uart/write: text is " + bytes.length + " bytes; at most "
                    + MAX_WRITE_BYTES + " per request");
        }
        return session.onMachineThread(() -> {
            session.machine.console().input(bytes);
            return new UartWriteResult(bytes.length);
        }, session.server.changeTimeout(), "uart/write");
    }
}
