package org.emu4e.engine.loader;

import java.util.List;

import org.emu4e.engine.memory.PhysicalBus;

/**
 * A kernel ready to be copied into guest RAM: its segments, entry point and extent.
 *
 * @param kind   how the file was recognised
 * @param entry  address the boot CPU starts at
 * @param low    lowest physical address used
 * @param high   one past the highest physical address used (including zero-filled bss)
 */
public record BootImage(Kind kind, List<Segment> segments, long entry, long low, long high) {
    public enum Kind { ELF, LINUX_IMAGE, RAW }

    /** {@code data} at {@code address}, followed by zeroes up to {@code memSize} bytes. */
    public record Segment(long address, byte[] data, long memSize) { }

    /** Copies every segment into RAM (also used again on system reset). */
    public void loadInto(PhysicalBus bus) {
        for (Segment s : segments) {
            bus.load(s.address(), s.data());
            long zeroes = s.memSize() - s.data().length;
            long at = s.address() + s.data().length;
            byte[] chunk = new byte[(int) Math.min(zeroes, 1 << 16)];
            while (zeroes > 0) {
                int n = (int) Math.min(zeroes, chunk.length);
                bus.load(at, n == chunk.length ? chunk : new byte[n]);
                at += n;
                zeroes -= n;
            }
        }
    }
}
