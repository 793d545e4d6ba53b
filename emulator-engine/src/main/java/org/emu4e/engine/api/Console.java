package org.emu4e.engine.api;

import java.util.function.Consumer;

/** The machine's serial console as the host sees it. */
public interface Console {
    /** Told of every byte batch the guest transmits, on the transmitting thread. */
    void addOutputListener(Consumer<byte[]> l);

    void removeOutputListener(Consumer<byte[]> l);

    /** Queues bytes for the guest to receive (raises the RX interrupt as the device says). */
    void input(byte[] bytes);
}
