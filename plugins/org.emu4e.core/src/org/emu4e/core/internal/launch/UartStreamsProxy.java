package org.emu4e.core.internal.launch;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.eclipse.debug.core.model.IStreamMonitor;
import org.eclipse.debug.core.model.IStreamsProxy;
import org.eclipse.debug.core.model.IStreamsProxy2;
import org.emu4e.engine.api.Console;

/**
 * The machine's UART as the streams of a process: what the guest transmits is the output
 * stream; what is typed into the console goes to the UART's receiver. No error stream.
 */
final class UartStreamsProxy implements IStreamsProxy2 {
    private final Console console;
    private final TextStreamMonitor output = new TextStreamMonitor();
    private final TextStreamMonitor error = new TextStreamMonitor();
    private final Utf8Decoder decoder = new Utf8Decoder();
    private final Consumer<byte[]> uartListener = this::received;
    private volatile boolean closed;

    UartStreamsProxy(Console console) {
        this.console = console;
        console.addOutputListener(uartListener);
    }

    TextStreamMonitor output() {
        return output;
    }

    private void received(byte[] bytes) {
        String text;
        synchronized (decoder) {
            text = decoder.decode(bytes);
        }
        if (!text.isEmpty()) {
            output.append(text);
        }
    }

    /** Stops listening to the UART (the machine has stopped). */
    void close() {
        closed = true;
        console.removeOutputListener(uartListener);
    }

    @Override
    public IStreamMonitor getErrorStreamMonitor() {
        return error;
    }

    @Override
    public IStreamMonitor getOutputStreamMonitor() {
        return output;
    }

    @Override
    public void write(String input) {
        if (!closed) {
            console.input(input.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void closeInputStream() {
        // a UART has no end of input
    }

    /** Bytes to text across batch boundaries (a UTF-8 sequence may be split between batches). */
    private static final class Utf8Decoder {
        private final java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE);
        private java.nio.ByteBuffer pending = java.nio.ByteBuffer.allocate(0);

        String decode(byte[] bytes) {
            java.nio.ByteBuffer in = java.nio.ByteBuffer.allocate(pending.remaining() + bytes.length);
            in.put(pending).put(bytes).flip();
            java.nio.CharBuffer out = java.nio.CharBuffer.allocate(in.remaining() + 1);
            decoder.decode(in, out, false);
            pending = in.slice();
            return out.flip().toString();
        }
    }
}
