package org.emu4e.engine.devices.pl011;

import static org.emu4e.engine.devices.pl011.Pl011.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.Test;

class Pl011Test {
    private final List<Boolean> irq = new ArrayList<>();
    private final Pl011 u = new Pl011(new ReentrantLock(), irq::add);
    private final ByteArrayOutputStream tx = new ByteArrayOutputStream();

    Pl011Test() {
        u.addOutputListener(tx::writeBytes);
    }

    private long r(int off) { return u.read(off, 4); }

    @Test
    void resetValuesAndIds() {
        assertEquals(0x300, r(UARTCR));
        assertEquals(FR_TXFE | FR_RXFE, r(UARTFR));
        assertEquals(0x11, r(0xFE0));
        assertEquals(0x10, r(0xFE4));
        assertEquals(0x14, r(0xFE8));
        assertEquals(0xB1, r(0xFFC));
    }

    @Test
    void transmitGoesToListenersAndRaisesTx() {
        for (char ch : "hi\n".toCharArray()) {
            u.write(UARTDR, 4, ch);
        }
        assertEquals("hi\n", tx.toString());
        assertEquals(INT_TX, r(UARTRIS) & INT_TX);
        assertEquals(0, r(UARTMIS));
        assertTrue(irq.isEmpty());
        u.write(UARTIMSC, 4, INT_TX);
        assertEquals(List.of(true), irq);
        u.write(UARTICR, 4, INT_TX);
        assertEquals(List.of(true, false), irq);
    }

    @Test
    void receiveFifoWithFlowControl() {
        u.write(UARTLCR_H, 4, 0x70); // FEN, 8 bits
        u.write(UARTIMSC, 4, INT_RX);
        byte[] many = new byte[40];
        for (int i = 0; i < many.length; i++) {
            many[i] = (byte) ('a' + i % 26);
        }
        u.input(many);
        assertEquals(32, u.rxLevel());
        assertEquals(FR_TXFE | FR_RXFF, r(UARTFR));
        assertEquals(List.of(true), irq);
        StringBuilder got = new StringBuilder();
        while ((r(UARTFR) & FR_RXFE) == 0) {
            got.append((char) r(UARTDR));
        }
        assertEquals(new String(many), got.toString(), "nothing lost: backlog refills the FIFO");
        assertEquals(List.of(true, false), irq);
        assertEquals(0, r(UARTRIS) & INT_RX);
    }

    @Test
    void withoutFifoOneByteAtATime() {
        u.input(new byte[] {'x', 'y'});
        assertEquals(1, u.rxLevel());
        assertEquals(FR_TXFE | FR_RXFF, r(UARTFR));
        assertEquals('x', r(UARTDR));
        assertEquals('y', r(UARTDR));
        assertEquals(0, r(UARTDR), "empty FIFO reads 0");
    }

    @Test
    void registersStoreAndBadAccessesAreHarmless() {
        u.write(UARTIBRD, 4, 13);
        u.write(UARTFBRD, 4, 1);
        u.write(UARTCR, 4, 0x301);
        assertEquals(13, r(UARTIBRD));
        assertEquals(1, r(UARTFBRD));
        assertEquals(0x301, r(UARTCR));
        assertEquals(0, u.read(UARTDR, 8));
        u.write(UARTFR, 4, 0);
        u.write(0x800, 4, 1);
        assertEquals(0, r(0x800));
        assertEquals(0, r(UARTICR));
    }
}
