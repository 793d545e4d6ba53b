package org.emu4e.engine.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The physical address space of a machine: RAM regions (accessed lock-free) and MMIO
 * regions (accessed with the big lock held, as QEMU's MTTCG requires for device state).
 * An access where nothing is mapped throws {@link BusFault}; the CPU turns that into a
 * synchronous external abort.
 */
public final class PhysicalBus {
    private record Region(long base, long size, MmioDevice device) {
        boolean contains(long pa, int len) {
            long off = pa - base;
            return off >= 0 && off <= size - len;
        }
    }

    private final ReentrantLock bigLock;
    private final List<Ram> rams = new ArrayList<>();
    private volatile Region[] regions = new Region[0];
    private Ram mainRam;

    public PhysicalBus(ReentrantLock bigLock) {
        this.bigLock = bigLock;
    }

    public ReentrantLock bigLock() { return bigLock; }

    public synchronized void addRam(Ram ram) {
        rams.add(ram);
        if (mainRam == null) {
            mainRam = ram;
        }
    }

    public synchronized void addDevice(long base, long size, MmioDevice device) {
        List<Region> list = new ArrayList<>(List.of(regions));
        list.add(new Region(base, size, device));
        list.sort(Comparator.comparingLong(Region::base));
        regions = list.toArray(Region[]::new);
    }

    /** The RAM region holding {@code pa..pa+len-1}, or null. */
    public Ram ramAt(long pa, int len) {
        Ram m = mainRam;
        if (m != null && m.contains(pa, len)) {
            return m;
        }
        for (Ram r : rams) {
            if (r.contains(pa, len)) {
                return r;
            }
        }
        return null;
    }

    public synchronized List<Ram> rams() { return List.copyOf(rams); }

    public long read(long pa, int len) {
        Ram r = ramAt(pa, len);
        if (r != null) {
            return r.read(pa, len);
        }
        Region d = device(pa, len);
        bigLock.lock();
        try {
            return d.device.read(pa - d.base, len);
        } finally {
            bigLock.unlock();
        }
    }

    public void write(long pa, int len, long value) {
        Ram r = ramAt(pa, len);
        if (r != null) {
            r.write(pa, len, value);
            return;
        }
        Region d = device(pa, len);
        bigLock.lock();
        try {
            d.device.write(pa - d.base, len, value);
        } finally {
            bigLock.unlock();
        }
    }

    /** True if {@code pa} is backed by RAM or a device. */
    public boolean isMapped(long pa, int len) {
        if (ramAt(pa, len) != null) {
            return true;
        }
        for (Region g : regions) {
            if (g.contains(pa, len)) {
                return true;
            }
        }
        return false;
    }

    /** True if {@code pa} is a device (MMIO) address. */
    public boolean isDevice(long pa) {
        for (Region g : regions) {
            if (g.contains(pa, 1)) {
                return true;
            }
        }
        return false;
    }

    /** Copies host bytes into guest physical memory (loaders, debugger). RAM only. */
    public void load(long pa, byte[] data) {
        Ram r = ramAt(pa, Math.max(1, data.length));
        if (r == null) {
            throw new BusFault(pa);
        }
        r.writeBytes(pa, data, 0, data.length);
    }

    private Region device(long pa, int len) {
        for (Region g : regions) {
            if (g.contains(pa, len)) {
                return g;
            }
        }
        throw new BusFault(pa);
    }
}
