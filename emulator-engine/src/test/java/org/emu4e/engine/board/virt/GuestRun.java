package org.emu4e.engine.board.virt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

import org.emu4e.engine.api.Machine;

/** Runs a guest on the virt board until it powers itself off, for the board's system tests. */
final class GuestRun {
    private GuestRun() { }

    /**
     * Boots {@code config}, waits up to {@code timeout} for the guest's PSCI SYSTEM_OFF (which
     * must exit with status 0) and returns everything it wrote to the UART.
     * {@code beforeStart} may attach listeners to the machine.
     */
    static String untilPowerOff(VirtConfig config, Duration timeout, Consumer<Machine> beforeStart) throws Exception {
        Machine m = VirtMachine.create(config);
        ByteArrayOutputStream uart = new ByteArrayOutputStream();
        m.console().addOutputListener(b -> {
            synchronized (uart) {
                uart.writeBytes(b);
            }
        });
        beforeStart.accept(m);
        try {
            m.start();
            assertTrue(m.awaitShutdown(timeout), "guest did not power off; output:\n" + output(uart));
            assertEquals(0, m.exitCode(), "SYSTEM_OFF exits 0");
        } finally {
            m.shutdown();
        }
        return output(uart);
    }

    static String untilPowerOff(VirtConfig config, Duration timeout) throws Exception {
        return untilPowerOff(config, timeout, m -> { });
    }

    private static String output(ByteArrayOutputStream uart) {
        synchronized (uart) {
            return uart.toString(StandardCharsets.UTF_8);
        }
    }
}
