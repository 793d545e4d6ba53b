package org.emu4e.engine.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.emu4e.engine.api.Console;
import org.junit.jupiter.api.Test;

class StdinPumpTest {
    private final ByteArrayOutputStream got = new ByteArrayOutputStream();
    private final Console console = new Console() {
        @Override public void addOutputListener(Consumer<byte[]> l) { }

        @Override public void removeOutputListener(Consumer<byte[]> l) { }

        @Override public void input(byte[] bytes) { got.writeBytes(bytes); }
    };

    @Test
    void ctrlAxQuitsAndCtrlACtrlASendsOne() {
        AtomicBoolean quit = new AtomicBoolean();
        new StdinPump(new ByteArrayInputStream(new byte[] {'a', 1, 1, 'b', 1, 'x', 'c'}), console,
                () -> quit.set(true)).run();
        assertTrue(quit.get());
        assertArrayEquals(new byte[] {'a', 1, 'b'}, got.toByteArray());
    }

    @Test
    void endOfInputJustStops() {
        AtomicBoolean quit = new AtomicBoolean();
        new StdinPump(new ByteArrayInputStream("hello\n".getBytes()), console, () -> quit.set(true)).run();
        assertFalse(quit.get());
        assertEquals("hello\n", got.toString());
    }
}
