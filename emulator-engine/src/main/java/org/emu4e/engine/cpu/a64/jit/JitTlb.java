package org.emu4e.engine.cpu.a64.jit;

import java.util.Arrays;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.mmu.Mmu;
import org.emu4e.engine.memory.Ram;

/**
 * A vCPU's data TLB for translated code: virtual page to RAM, separately for reads and writes,
 * filled only after the full path ({@code A64Cpu.read/write}: MMU, permissions, MMIO) succeeded
 * for an aligned access to RAM. A hit costs one compare and array loads; the tag includes the
 * access's low address bits, so unaligned accesses never hit and take the full path (alignment
 * faults, page crossing). Entries are dropped whenever the MMU's {@link Mmu#generation}, the
 * exception level or the regime's SCTLR differ from when they were filled, checked at every
 * entry into translated code (nothing that changes them runs inside a translated block).
 *
 * <p>Stores through a hit still go through {@link Ram#write}, which notifies code pages
 * (self-modifying code) and pages watched by a waiting exclusive monitor.
 */
public final class JitTlb {
    static final int BITS = 10;
    static final int MASK = (1 << BITS) - 1;
    private static final long EMPTY = -1L; // low bits set: never equal to a masked address

    final long[] rtag = new long[1 << BITS];
    final Ram[] rram = new Ram[1 << BITS];
    final long[] raddend = new long[1 << BITS];
    final long[] wtag = new long[1 << BITS];
    final Ram[] wram = new Ram[1 << BITS];
    final long[] waddend = new long[1 << BITS];

    private int generation;
    private int el = -1;
    private long sctlr;

    JitTlb() {
        flush();
    }

    void flush() {
        Arrays.fill(rtag, EMPTY);
        Arrays.fill(wtag, EMPTY);
        Arrays.fill(rram, null);
        Arrays.fill(wram, null);
    }

    /**
     * Drops every entry if the translation regime may have changed since they were filled;
     * true if it did.
     */
    boolean validate(A64Cpu cpu) {
        int g = cpu.mmu().generation();
        int e = cpu.state().el;
        long sc = cpu.sys().sctlr[e == 0 ? 1 : e];
        if (g != generation || e != el || sc != sctlr) {
            flush();
            generation = g;
            el = e;
            sctlr = sc;
            return true;
        }
        return false;
    }

    static int index(long va) {
        return (int) (va >>> 12) & MASK;
    }

    /**
     * After a successful access of {@code va} on the full path: enters its page if the access
     * reached RAM. Translating again cannot fault (it just succeeded); if it does anyway
     * (a table changed under a TLB miss), nothing is entered.
     */
    void fill(A64Cpu cpu, long va, boolean write) {
        long pa;
        try {
            pa = cpu.mmu().translate(va, write ? Mmu.WRITE : Mmu.READ, false, 1);
        } catch (GuestException e) {
            return;
        }
        Ram ram = cpu.bus().ramAt(pa & ~0xFFFL, 0x1000);
        if (ram == null) {
            return;
        }
        int i = index(va);
        long addend = (pa & ~0xFFFL) - (va & ~0xFFFL);
        if (write) {
            wtag[i] = va & ~0xFFFL;
            wram[i] = ram;
            waddend[i] = addend;
        } else {
            rtag[i] = va & ~0xFFFL;
            rram[i] = ram;
            raddend[i] = addend;
        }
    }
}
