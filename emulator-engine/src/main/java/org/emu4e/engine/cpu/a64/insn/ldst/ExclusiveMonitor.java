package org.emu4e.engine.cpu.a64.insn.ldst;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.memory.BusFault;
import org.emu4e.engine.memory.PhysicalBus;
import org.emu4e.engine.memory.Ram;

/**
 * The global half of the exclusive monitor (B2.9 "Synchronization and semaphores"), built on
 * host compare-and-set instead of a tracked monitor, as QEMU's MTTCG does: a store-exclusive
 * succeeds when the local monitor (A64Cpu.exclusive*) still holds the address and size of the
 * load-exclusive and memory still holds the value that load read, atomically swapped for the
 * new value. Another PE's store of a different value in between makes it fail; one that
 * stores the same value back (ABA) does not, which the architecture permits.
 *
 * <p>Widths: 4 and 8 bytes are a direct CAS; 1 and 2 bytes CAS the aligned 4-byte word that
 * holds them (retrying while only the neighbouring bytes change); a 16-byte pair (LDXP/STXP
 * of two X registers) has no host 128-bit CAS, so it CASes the low then the high doubleword
 * under one global lock and undoes the low half if the high CAS fails. All 16-byte stores
 * are therefore atomic with respect to each other, and a STXP only succeeds when both halves
 * held the recorded values, so an LDXP whose two reads were torn by another writer can never
 * complete its loop with a torn value. Device (MMIO) memory has no CAS: the store is done
 * under the bus and reported as successful.
 */
final class ExclusiveMonitor {
    private static final Object PAIR_LOCK = new Object();

    private ExclusiveMonitor() { }

    /** Reads {@code bytes} (1..8) at a naturally aligned physical address. */
    static long read(A64Cpu cpu, long pa, int bytes, long va) {
        try {
            return cpu.bus().read(pa, bytes);
        } catch (BusFault f) {
            throw cpu.externalAbort(va, false, false);
        }
    }

    /** Atomically replaces {@code expected} with {@code value} at {@code pa}; 1..8 bytes, aligned. */
    static boolean compareAndSet(A64Cpu cpu, long pa, int bytes, long expected, long value, long va) {
        PhysicalBus bus = cpu.bus();
        Ram ram = bus.ramAt(pa, bytes);
        if (ram == null) {
            try {
                bus.write(pa, bytes, value);
            } catch (BusFault f) {
                throw cpu.externalAbort(va, false, true);
            }
            return true;
        }
        if (bytes >= 4) {
            return ram.compareAndSet(pa, bytes, expected, value);
        }
        long word = pa & ~3L;
        int shift = (int) (pa & 3) * 8;
        long mask = (bytes == 1 ? 0xFFL : 0xFFFFL) << shift;
        while (true) {
            long old = ram.read(word, 4);
            if (((old & mask) >>> shift) != (expected & (mask >>> shift))) {
                return false;
            }
            long upd = (old & ~mask) | ((value << shift) & mask);
            if (ram.compareAndSet(word, 4, old, upd)) {
                return true;
            }
        }
    }

    /** 16-byte pair store-exclusive; see the class comment. */
    static boolean compareAndSet128(A64Cpu cpu, long pa, long expLo, long expHi, long lo, long hi, long va) {
        PhysicalBus bus = cpu.bus();
        Ram ram = bus.ramAt(pa, 16);
        if (ram == null) {
            try {
                bus.write(pa, 8, lo);
                bus.write(pa + 8, 8, hi);
            } catch (BusFault f) {
                throw cpu.externalAbort(va, false, true);
            }
            return true;
        }
        synchronized (PAIR_LOCK) {
            if (!ram.compareAndSet(pa, 8, expLo, lo)) {
                return false;
            }
            if (ram.compareAndSet(pa + 8, 8, expHi, hi)) {
                return true;
            }
            ram.compareAndSet(pa, 8, lo, expLo);
            return false;
        }
    }
}
