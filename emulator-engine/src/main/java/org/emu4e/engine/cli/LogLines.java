package org.emu4e.engine.cli;

import java.io.PrintStream;
import java.util.Collection;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The -d log items on the CLI's stderr: one line per record, {@code <item>: <message>} (as
 * QEMU prints its -d output, and as every other CLI line is one line), instead of
 * java.util.logging's default two lines with a date and the source method.
 */
final class LogLines extends Handler {
    /** Strong references: java.util.logging keeps loggers weakly. */
    private static final Logger GUEST = Logger.getLogger("emu4e.guest");
    private static final Logger UNIMP = Logger.getLogger("emu4e.unimp");

    private final PrintStream err;

    private LogLines(PrintStream err) {
        this.err = err;
        setLevel(Level.ALL);
        setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                String item = r.getLoggerName().equals(UNIMP.getName()) ? "unimp" : "guest_errors";
                String msg = formatMessage(r);
                return item + ": " + (r.getThrown() == null ? msg : msg + " (" + r.getThrown() + ")");
            }
        });
    }

    /**
     * Routes the enabled items to {@code err} and switches the others off; replaces what an
     * earlier run in the same JVM installed.
     */
    static void configure(Collection<String> items, PrintStream err) {
        LogLines h = new LogLines(err);
        for (Logger l : List.of(GUEST, UNIMP)) {
            for (Handler old : l.getHandlers()) {
                if (old instanceof LogLines) {
                    l.removeHandler(old);
                }
            }
            boolean on = items.contains(l == GUEST ? "guest_errors" : "unimp");
            l.setLevel(on ? Level.ALL : Level.OFF);
            if (on) {
                l.setUseParentHandlers(false);
                l.addHandler(h);
            }
        }
    }

    @Override
    public void publish(LogRecord r) {
        if (isLoggable(r)) {
            String line = getFormatter().format(r);
            synchronized (err) {
                err.println(line);
            }
        }
    }

    @Override
    public void flush() {
        err.flush();
    }

    @Override
    public void close() { }
}
