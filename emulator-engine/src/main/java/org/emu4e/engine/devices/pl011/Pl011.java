package org.emu4e.engine.devices.pl011;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Logger;

import org.emu4e.engine.api.Console;
import org.emu4e.engine.memory.MmioDevice;

/**
 * ARM PrimeCell UART PL011 (ARM DDI 0183G "PrimeCell UART (PL011) Technical Reference Manual").
 *
 * <pre>
 * MMIO region : 4 KiB (virt: 0x09000000)
 * IRQ lines   : one combined interrupt UARTINTR = OR(RIS & IMSC) (virt: SPI 1, level high)
 * Properties  : the machine's big lock (host input arrives on other threads)
 * </pre>
 * Transmission is instantaneous: every byte written to UARTDR goes to the output listeners
 * at once, so the TX FIFO always reads empty (TXFE=1, BUSY=0) and TXRIS is set after each
 * write, as the level "FIFO at or below its trigger" would be. Received bytes fill a 32-entry
 * FIFO (1 entry when LCR_H.FEN is 0) from a host-side backlog; RXRIS is set when a byte
 * enters the FIFO and cleared when the FIFO empties or by UARTICR.
 * Baud rate, line control and DMA registers are stored but have no effect.
 */
public final class Pl011 implements MmioDevice, Console {
    static final Logger GUEST = Logger.getLogger("emu4e.guest");
    static final Logger UNIMP = Logger.getLogger("emu4e.unimp");

    public static final int UARTDR = 0x000;
    public static final int UARTRSR = 0x004;
    public static final int UARTFR = 0x018;
    public static final int UARTILPR = 0x020;
    public static final int UARTIBRD = 0x024;
    public static final int UARTFBRD = 0x028;
    public static final int UARTLCR_H = 0x02C;
    public static final int UARTCR = 0x030;
    public static final int UARTIFLS = 0x034;
    public static final int UARTIMSC = 0x038;
    public static final int UARTRIS = 0x03C;
    public static final int UARTMIS = 0x040;
    public static final int UARTICR = 0x044;
    public static final int UARTDMACR = 0x048;

    public static final int FR_BUSY = 1 << 3;
    public static final int FR_RXFE = 1 << 4;
    public static final int FR_TXFF = 1 << 5;
    public static final int FR_RXFF = 1 << 6;
    public static final int FR_TXFE = 1 << 7;

    public static final int INT_RX = 1 << 4;
    public static final int INT_TX = 1 << 5;
    public static final int INT_RT = 1 << 6;
    public static final int INT_OE = 1 << 10;
    private static final int INT_ALL = 0x7FF;

    private static final int FIFO_DEPTH = 32;
    private static final int[] ID = {0x11, 0x10, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1}; // PeriphID0-3, PCellID0-3

    private final ReentrantLock lock;
    private final Consumer<Boolean> irq;
    private final CopyOnWriteArrayList<Consumer<byte[]>> listeners = new CopyOnWriteArrayList<>();
    private final int[] rxFifo = new int[FIFO_DEPTH];
    private final java.util.ArrayDeque<Integer> backlog = new java.util.ArrayDeque<>();
    private int rxHead;
    private int rxCount;
    private int rsr;
    private int ibrd;
    private int fbrd;
    private int lcrH;
    private int cr;
    private int ifls;
    private int imsc;
    private int ris;
    private int dmacr;
    private int ilpr;
    private boolean irqLevel;

    /** @param irq told of every change of the interrupt output (big lock held) */
    public Pl011(ReentrantLock lock, Consumer<Boolean> irq) {
        this.lock = lock;
        this.irq = irq;
        reset();
    }

    @Override
    public String name() { return "pl011"; }

    /** Reset values from the TRM (CR = 0x300: TXE and RXE set, UART disabled). */
    public void reset() {
        backlog.clear();
        rxHead = 0;
        rxCount = 0;
        rsr = 0;
        ibrd = 0;
        fbrd = 0;
        lcrH = 0;
        cr = 0x300;
        ifls = 0x12;
        imsc = 0;
        ris = 0;
        dmacr = 0;
        ilpr = 0;
        updateIrq();
    }

    @Override
    public long read(long offset, int size) {
        int off = (int) offset;
        if (size > 4 || (off & 3) != 0) {
            GUEST.warning(() -> String.format("pl011: bad %d-byte read at 0x%x", size, off));
            return 0;
        }
        switch (off) {
            case UARTDR: return readData();
            case UARTRSR: return rsr;
            case UARTFR: return flags();
            case UARTILPR: return ilpr;
            case UARTIBRD: return ibrd;
            case UARTFBRD: return fbrd;
            case UARTLCR_H: return lcrH;
            case UARTCR: return cr;
            case UARTIFLS: return ifls;
            case UARTIMSC: return imsc;
            case UARTRIS: return ris;
            case UARTMIS: return ris & imsc;
            case UARTDMACR: return dmacr;
            case UARTICR:
                GUEST.warning("pl011: read of write-only UARTICR");
                return 0;
            default:
                if (off >= 0xFE0 && off <= 0xFFC) {
                    return ID[(off - 0xFE0) >> 2];
                }
                GUEST.warning(() -> String.format("pl011: read of unknown register 0x%x", off));
                return 0;
        }
    }

    @Override
    public void write(long offset, int size, long value) {
        int off = (int) offset;
        if (size > 4 || (off & 3) != 0) {
            GUEST.warning(() -> String.format("pl011: bad %d-byte write at 0x%x", size, off));
            return;
        }
        int v = (int) value;
        switch (off) {
            case UARTDR -> transmit(v & 0xFF);
            case UARTRSR -> rsr = 0; // write clears the error flags
            case UARTILPR -> ilpr = v & 0xFF;
            case UARTIBRD -> ibrd = v & 0xFFFF;
            case UARTFBRD -> fbrd = v & 0x3F;
            case UARTLCR_H -> setLineControl(v & 0xFF);
            case UARTCR -> cr = v & 0xFF87;
            case UARTIFLS -> ifls = v & 0x3F;
            case UARTIMSC -> imsc = v & INT_ALL;
            case UARTICR -> ris &= ~v;
            case UARTDMACR -> {
                dmacr = v & 7;
                if (dmacr != 0) {
                    UNIMP.info("pl011: DMA is not implemented");
                }
            }
            case UARTFR, UARTRIS, UARTMIS ->
                GUEST.warning(() -> String.format("pl011: write to read-only register 0x%x", off));
            default -> GUEST.warning(() -> String.format("pl011: write to unknown register 0x%x", off));
        }
        updateIrq();
    }

    private void transmit(int b) {
        if ((cr & 1) == 0 || (cr & 0x100) == 0) {
            // Real hardware would hold the byte; like QEMU we still send it, but say so.
            GUEST.fine("pl011: UARTDR written while the UART or its transmitter is disabled");
        }
        byte[] one = {(byte) b};
        for (Consumer<byte[]> l : listeners) {
            l.accept(one);
        }
        ris |= INT_TX;
    }

    private long readData() {
        if (rxCount == 0) {
            return 0;
        }
        int v = rxFifo[rxHead];
        rxHead = (rxHead + 1) % FIFO_DEPTH;
        rxCount--;
        refill();
        if (rxCount == 0) {
            ris &= ~(INT_RX | INT_RT);
        }
        updateIrq();
        return v;
    }

    private void setLineControl(int v) {
        if (((lcrH ^ v) & 0x10) != 0) {
            rxHead = 0; // changing FEN flushes the FIFOs
            rxCount = 0;
            ris &= ~(INT_RX | INT_RT);
            refill();
        }
        lcrH = v;
    }

    private int depth() { return (lcrH & 0x10) != 0 ? FIFO_DEPTH : 1; }

    private int flags() {
        int f = FR_TXFE;
        if (rxCount == 0) {
            f |= FR_RXFE;
        }
        if (rxCount >= depth()) {
            f |= FR_RXFF;
        }
        return f;
    }

    private void updateIrq() {
        boolean level = (ris & imsc) != 0;
        if (level != irqLevel) {
            irqLevel = level;
            irq.accept(level);
        }
    }

    // ---- host side (api.Console) ------------------------------------------------------

    @Override
    public void addOutputListener(Consumer<byte[]> l) { listeners.add(l); }

    @Override
    public void removeOutputListener(Consumer<byte[]> l) { listeners.remove(l); }

    /**
     * Host bytes for the guest. They wait in a host-side backlog and move into the RX FIFO as
     * the guest makes room (flow control like a host serial backend: nothing is lost).
     */
    @Override
    public void input(byte[] bytes) {
        lock.lock();
        try {
            for (byte b : bytes) {
                backlog.add(b & 0xFF);
            }
            refill();
            updateIrq();
        } finally {
            lock.unlock();
        }
    }

    private void refill() {
        while (rxCount < depth() && !backlog.isEmpty()) {
            rxFifo[(rxHead + rxCount) % FIFO_DEPTH] = backlog.poll();
            rxCount++;
            ris |= INT_RX;
        }
    }

    /** Bytes waiting in the RX FIFO (not counting the host backlog). */
    public int rxLevel() {
        lock.lock();
        try {
            return rxCount;
        } finally {
            lock.unlock();
        }
    }
}
