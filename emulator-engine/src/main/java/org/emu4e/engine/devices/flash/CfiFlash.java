package org.emu4e.engine.devices.flash;

import java.util.logging.Logger;

import org.emu4e.engine.memory.MmioDevice;

/**
 * One bank of parallel NOR flash at a "cfi-flash" device tree node, modelled as ROM.
 *
 * <pre>
 * MMIO region : {@link #BANK_SIZE} (virt: bank 0 at 0x00000000, bank 1 at 0x04000000, bank-width 4)
 * IRQ lines   : none
 * Properties  : the image (-bios FILE, or -drive if=pflash,unit=N,file=FILE), at most one bank long
 * </pre>
 * Reads return the image and zero past its end (what QEMU 7.2's pflash reads without a backing
 * file: the virt board's flash without -bios reads as 0, not as erased 0xFF). Writes, i.e. CFI
 * commands (query 0x98, program 0x40, block erase 0x20, ...), are ignored and logged on the
 * {@code emu4e.unimp} channel: emu4e has no block backend to persist flash, and a query that
 * succeeded would invite drivers to program and erase blocks whose writes would be lost.
 */
public final class CfiFlash implements MmioDevice {
    static final Logger UNIMP = Logger.getLogger("emu4e.unimp");

    /** 64 MiB per bank, as QEMU virt. */
    public static final long BANK_SIZE = 64L << 20;

    private final String name;
    private final byte[] image;
    private boolean writeLogged;

    /**
     * @param name  device name for logs ("pflash0")
     * @param image contents from offset 0 (copied), at most {@link #BANK_SIZE} bytes
     */
    public CfiFlash(String name, byte[] image) {
        if (image.length > BANK_SIZE) {
            throw new IllegalArgumentException(name + ": image of " + image.length + " bytes is larger than the bank");
        }
        this.name = name;
        this.image = image.clone();
    }

    @Override
    public long read(long offset, int size) {
        long v = 0;
        for (int i = 0; i < size; i++) {
            long at = offset + i;
            if (at < image.length) {
                v |= (image[(int) at] & 0xFFL) << (8 * i);
            }
        }
        return v;
    }

    @Override
    public void write(long offset, int size, long value) {
        if (!writeLogged) {
            writeLogged = true; // once: a probing driver writes many commands
            UNIMP.info(() -> String.format("%s: write of 0x%x at 0x%x ignored (flash is read-only: no CFI "
                    + "commands, program or erase; logged once)", name, value, offset));
        }
    }

    @Override
    public String name() { return name; }
}
