package org.emu4e.engine.cpu.a64.jit;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.mmu.Mmu;
import org.emu4e.engine.memory.Ram;

/**
 * A vCPU's data TLB for translated code: virtual page to the RAM buffer holding it and the
 * page's offset there, separately for reads and writes, filled only after the full path
 * ({@code A64Cpu.read/write}: MMU, permissions, MMIO) succeeded for an aligned access to RAM.
 * A hit costs one compare and array loads, then the access goes straight to the buffer; the tag includes the
 * access's low address bits, so unaligned accesses never hit and take the full path (alignment
 * faults, page crossing). Entries are dropped whenever the MMU's {@link Mmu#generation}, the
 * exception level or the regime's SCTLR differ from when they were filled, checked at every
 * entry into translated code (nothing that changes them runs inside a translated block).
 *
 * <p>Write entries exist only for pages that are neither code nor watched by a waiting
 * exclusive monitor ({@link Ram#writablePage}), as stores through them notify nobody: they are
 * all dropped when {@link Ram#marks()} changed, checked at every entry into translated code and
 * at every chain step, so a page that became code (translated by any vCPU) or watched is
 * written through {@link Ram#write} again from the next block on.
 */
public final class JitTlb {
    static final int BITS = 10;
    static final int MASK = (1 << BITS) - 1;
    private static final long EMPTY = -1L; // low bits set: never equal to a masked address

    final long[] rtag = new long[1 << BITS];
    final ByteBuffer[] rbuf = new ByteBuffer[1 << BITS];
    /** Buffer offset minus virtual address: the access's offset is {@code (int) (va + addend)}. */
    final long[] raddend = new long[1 << BITS];
    final long[] wtag = new long[1 << BITS];
    final ByteBuffer[] wbuf = new ByteBuffer[1 << BITS];
    final long[] waddend = new long[1 << BITS];
    /** {@link Ram#marks()} when the write entries were last dropped. */
    private int marks;

    private int generation;
    private int el = -1;
    private long sctlr;

    JitTlb() {
        flush();
    }

    void flush() {
        Arrays.fill(rtag, EMPTY);
        Arrays.fill(rbuf, null);
        flushWrites(Ram.marks());
    }

    private void flushWrites(int m) {
        Arrays.fill(wtag, EMPTY);
        Arrays.fill(wbuf, null);
        marks = m;
    }

    /** True if a page may have become code or watched since the write entries were checked. */
    boolean writesStale() {
        return marks != Ram.marks();
    }

    /**
     * Drops every entry if the translation regime may have changed since they were filled;
     * true if it did.
     */
    boolean validate(A64Cpu cpu) {
        if (writesStale()) {
            flushWrites(Ram.marks());
        }
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
        int m = Ram.marks(); // before the page's marks are looked at
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
        long page = pa & ~0xFFFL;
        long addend = ram.pageOffset(page) - (va & ~0xFFFL);
        if (write) {
            if (m != marks) {
                flushWrites(m);
            }
            ByteBuffer b = ram.writablePage(page);
            if (b != null) {
                wtag[i] = va & ~0xFFFL;
                wbuf[i] = b;
                waddend[i] = addend;
            }
        } else {
            ByteBuffer b = ram.readablePage(page);
            if (b != null) {
                rtag[i] = va & ~0xFFFL;
                rbuf[i] = b;
                raddend[i] = addend;
            }
        }
    }
}
