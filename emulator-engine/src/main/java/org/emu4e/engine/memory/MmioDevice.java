package org.emu4e.engine.memory;

/**
 * A memory-mapped device region. Called with the machine's big lock held, from whichever
 * vCPU thread (or host thread) made the access. Offsets are relative to the region base.
 * Sizes are 1, 2, 4 or 8 bytes. A device that does not implement a size or register logs
 * it as a guest error and reads as zero; it never throws for guest mistakes.
 */
public interface MmioDevice {
    long read(long offset, int size);

    void write(long offset, int size, long value);

    /** Short name used in logs and the device tree, e.g. "pl011". */
    String name();
}
