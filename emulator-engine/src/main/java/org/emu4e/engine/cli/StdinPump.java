package org.emu4e.engine.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import org.emu4e.engine.api.Console;

/**
 * Copies host input to the guest UART on a daemon thread. As in QEMU's -nographic, Ctrl-A x
 * quits (the callback is run) and Ctrl-A Ctrl-A sends one Ctrl-A.
 */
final class StdinPump implements Runnable {
    private static final int CTRL_A = 1;

    private final InputStream in;
    private final Console console;
    private final Runnable quit;

    StdinPump(InputStream in, Console console, Runnable quit) {
        this.in = in;
        this.console = console;
        this.quit = quit;
    }

    static Thread start(InputStream in, Console console, Runnable quit) {
        Thread t = new Thread(new StdinPump(in, console, quit), "emu4e-stdin");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void run() {
        byte[] buf = new byte[256];
        boolean escape = false;
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                byte[] out = new byte[n];
                int k = 0;
                for (int i = 0; i < n; i++) {
                    int b = buf[i] & 0xFF;
                    if (escape) {
                        escape = false;
                        if (b == 'x') {
                            if (k > 0) {
                                console.input(Arrays.copyOf(out, k)); // what was typed before Ctrl-A x
                            }
                            quit.run();
                            return;
                        }
                        out[k++] = (byte) b; // Ctrl-A Ctrl-A or Ctrl-A other: pass the byte on
                    } else if (b == CTRL_A) {
                        escape = true;
                    } else {
                        out[k++] = (byte) b;
                    }
                }
                if (k > 0) {
                    console.input(Arrays.copyOf(out, k));
                }
            }
        } catch (IOException e) {
            // stdin closed: nothing more to send
        }
    }
}
