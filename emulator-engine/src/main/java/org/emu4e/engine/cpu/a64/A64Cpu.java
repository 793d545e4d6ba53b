package org.emu4e.engine.cpu.a64;

import org.emu4e.engine.api.DebugHooks;
import org.emu4e.engine.cpu.a64.debug.DebugEnable;
import org.emu4e.engine.cpu.a64.debug.SelfHostedDebug;
import org.emu4e.engine.cpu.a64.debug.SoftwareStep;
import org.emu4e.engine.cpu.a64.decode.BlockEnd;
import org.emu4e.engine.cpu.a64.exception.Exceptions;
import org.emu4e.engine.cpu.a64.jit.CompiledBlock;
import org.emu4e.engine.api.ExecConfig;
import org.emu4e.engine.cpu.a64.jit.Jit;
import org.emu4e.engine.cpu.a64.mmu.Mmu;
import org.emu4e.engine.cpu.a64.pmu.Pmu;
import org.emu4e.engine.cpu.a64.sysreg.SystemRegisters;
import org.emu4e.engine.cpu.a64.tb.BlockCache;
import org.emu4e.engine.cpu.a64.tb.TranslationBlock;
import org.emu4e.engine.memory.BusFault;
import org.emu4e.engine.memory.PhysicalBus;

/**
 * One AArch64 PE: its register state, system registers, MMU and the interpreter loop.
 * Everything here runs on the vCPU's own thread; the only fields other threads touch are
 * {@link #exitRequest} (kick) and read-only snapshots taken by the runtime.
 */
public final class A64Cpu {
    private static final int JUMP_CACHE_BITS = 12;

    private final CpuState s = new CpuState();
    private final SystemRegisters sys = new SystemRegisters();
    private final CpuEnvironment env;
    private final PhysicalBus bus;
    private final Mmu mmu;
    private final Pmu pmu = new Pmu(this);
    /** The guest's own breakpoints, watchpoints and software step (not the debugger's). */
    private final SelfHostedDebug selfDebug = new SelfHostedDebug(this);

    // Translation blocks (those of RAM shared by every vCPU, see BlockCache), and this vCPU's direct-mapped
    // jump cache in front of it (by physical address; entries re-validated on every use).
    private final BlockCache blocks;
    private final TranslationBlock[] jumpCache = new TranslationBlock[1 << JUMP_CACHE_BITS];
    /** The bytecode translator, or null when this vCPU only interprets. */
    private final Jit jit;
    /** Set by {@link #runCompiled}: compiled code returned without an exception or interrupt taken. */
    private boolean compiledLinear;

    /** Set by other threads to make {@link #run} return {@link CpuExit#EXIT_REQUEST}. */
    public volatile boolean exitRequest;
    /** Instructions retired (including those that took an exception). */
    public long instructions;
    /** Set by a handler to make {@link #run} return after the current instruction. */
    public CpuExit pendingExit;
    /** Set by handlers that unmask interrupts (MSR DAIF, ERET): re-check IRQ/FIQ. */
    public boolean recheckInterrupts;
    /** WFE event register (D1.16.1 "Wait for Event mechanism"). */
    public boolean eventRegister;
    /** When true {@link #run} executes one instruction and returns {@link CpuExit#STEP}. */
    public boolean singleStep;
    /**
     * While {@link #singleStep} is set, leave pending IRQ/FIQ for later (QEMU's default
     * SSTEP_NOIRQ): a debugger step executes the next instruction, not the interrupt vector.
     */
    public boolean stepMasksInterrupts = true;
    /** Installed by the debugger as exclusive work; null when no debugger is attached. */
    public DebugHooks debug;
    /** Set when the next instruction must execute even though a breakpoint is on it. */
    public boolean skipBreakpointOnce;
    /** What {@link BlockCache#invalidateTranslatedAfter} returned at this PE's last IC IALLU. */
    public long icacheInvalidated = -1;
    /** Address reported by the last watchpoint hit. */
    public long lastWatchAddress;

    // Local exclusive monitor (B2.9 "Synchronization and semaphores").
    public long exclusiveAddress = -1;
    public long exclusiveValue;
    public long exclusiveValueHigh;
    public int exclusiveSize;

    public A64Cpu(CpuEnvironment env) {
        this.env = env;
        this.bus = env.bus();
        this.mmu = new Mmu(this);
        this.blocks = new BlockCache(bus);
        sys.mpidr = env.mpidr();
        ExecConfig exec = env.execConfig();
        this.jit = exec.jit() ? new Jit(exec, bus) : null;
    }

    /** True if hot blocks run as translated bytecode (cpu.a64.jit). */
    public boolean translates() { return jit != null; }

    /** This vCPU's view of the translated code (blocks of RAM are shared by all vCPUs). */
    public BlockCache blocks() { return blocks; }

    public CpuState state() { return s; }

    public SystemRegisters sys() { return sys; }

    public CpuEnvironment env() { return env; }

    public Mmu mmu() { return mmu; }

    /** The Performance Monitors (PMUv3) of this PE. */
    public Pmu pmu() { return pmu; }
    public SelfHostedDebug selfDebug() { return selfDebug; }

    public PhysicalBus bus() { return bus; }

    public void clearExclusive() { exclusiveAddress = -1; }

    /** Resets the PE to {@code el} at {@code pc} with MMU and caches off. */
    public void reset(int el, long pc) {
        s.reset(el, pc);
        sys.reset();
        selfDebug.reset();
        clearExclusive();
        mmu.invalidate(TlbInvalidation.ALL);
        pmu.reset();
        eventRegister = false;
        pendingExit = null;
    }

    /**
     * Runs guest code on the calling thread until {@code budget} instructions retired or an
     * exit (see {@link CpuExit}). Guest exceptions are taken here, never thrown out. A set
     * {@link #exitRequest} is honoured at the next block boundary.
     */
    public CpuExit run(long budget) {
        boolean masksInterrupts = singleStep && stepMasksInterrupts;
        if (!masksInterrupts) {
            Exceptions.takePendingInterrupt(this);
        }
        if (!singleStep) {
            return runBlocks(instructions + budget, false);
        }
        // A step is a budget of one; a kick arriving during it does not undo it.
        long before = instructions;
        CpuExit x = runBlocks(before + 1, masksInterrupts);
        boolean stepped = instructions != before && (x == CpuExit.BUDGET || x == CpuExit.EXIT_REQUEST);
        return stepped ? CpuExit.STEP : x;
    }

    /**
     * The block dispatcher: looks up (or translates) the block at the PC, runs it, and follows
     * chain links between blocks of the same page. A link skips the fetch translation, which is
     * sound because nothing that changes this vCPU's translation of the page (system
     * instructions, exceptions, TLB maintenance from other vCPUs, which arrives as work) can
     * happen without returning to this loop's full lookup or leaving {@link #run}. Translated
     * code chains between compiled blocks by the same rule (see {@code cpu.a64.jit.Jit#run})
     * and comes back here through an empty exit slot, which the next entry fills.
     */
    private CpuExit runBlocks(long end, boolean masksInterrupts) {
        final CpuState st = s;
        final SelfHostedDebug g = selfDebug;
        TranslationBlock prev = null; // the block just run, if its successor may be linked
        long prevPc = 0;
        while (true) {
            if (pmu.watching) {
                pmu.atBlockBoundary();
            }
            if (exitRequest) {
                return CpuExit.EXIT_REQUEST;
            }
            long left = end - instructions;
            if (left <= 0) {
                return CpuExit.BUDGET;
            }
            final long entryPc = st.pc;
            final DebugHooks d = debug;
            if (d != null && stopsAtBreakpoint(d, entryPc)) {
                return CpuExit.BREAKPOINT; // before the fetch translation: a page that would fault stops first
            }
            boolean stepping = false;
            boolean guestBreakpoints = false;
            if (g.active) { // the guest's own debug: one field read per block when off
                if ((sys.mdscrEl1 & DebugEnable.MDSCR_SS) != 0) {
                    int step = SoftwareStep.state(this);
                    if (step == SoftwareStep.ACTIVE_PENDING) {
                        // Highest-priority synchronous exception (D2.12): before fetching.
                        Exceptions.takeSync(this, g.step.exception(this));
                        instructions++;
                        prev = null;
                        continue;
                    }
                    stepping = step == SoftwareStep.ACTIVE_NOT_PENDING; // one instruction, then pending
                }
                guestBreakpoints = g.breakpointsArmed;
            }
            TranslationBlock b;
            if (prev != null && ((entryPc ^ prevPc) >>> 12) == 0) {
                long pa = (prev.pa() & ~0xFFFL) | (entryPc & 0xFFF);
                b = prev.linked(pa);
                if (b == null) {
                    try {
                        b = blockAtPhysical(pa);
                    } catch (BusFault f) {
                        Exceptions.takeSync(this, externalAbort(entryPc, true, false));
                        instructions++;
                        prev = null;
                        continue;
                    }
                    prev.link(b);
                }
            } else {
                try {
                    b = blockAtVirtual(entryPc);
                } catch (GuestException e) {
                    Exceptions.takeSync(this, e);
                    instructions++;
                    prev = null;
                    continue;
                }
            }
            prev = null;
            if (guestBreakpoints && guestBreakpoint(entryPc)) {
                continue; // after the fetch translation and before an Illegal state exception (D1.14.2)
            }
            if (st.il) {
                // PSTATE.IL set by an illegal exception return (D1.11.3).
                Exceptions.takeSync(this, GuestException.of(GuestException.EC_ILLEGAL_STATE, 0));
                instructions++;
                continue;
            }
            int n = stepping ? 1 : (int) Math.min(b.length(), left);
            boolean checkBreakpoints = d != null && b.length() > 1
                    && d.anyBreakpointIn(entryPc + 4, entryPc + 4L * b.length());
            boolean checkGuest = guestBreakpoints && n > 1 && g.anyBreakpointIn(entryPc + 4, entryPc + 4L * n);
            // Bytecode translation (cpu.a64.jit) when nothing needs a per-instruction or per-access look:
            // guest software step, breakpoints or watchpoints, PMU branch or memory-access counting.
            CompiledBlock compiled = jit == null || stepping || guestBreakpoints || g.watchpointsArmed
                    || pmu.countsBranches || pmu.countsMemory ? null : jit.code(b, n, d, checkBreakpoints, entryPc);
            if (compiled != null) {
                // One pass only with a debugger attached (the block's start may hold a breakpoint)
                // or a PMU that looks at every block boundary.
                long passEnd = d == null && !pmu.watching ? end : instructions + n;
                CpuExit x = runCompiled(compiled, masksInterrupts, passEnd);
                if (x != null) {
                    return x;
                }
                TranslationBlock last = compiledLinear ? jit.unlinkedBlock() : null;
                if (last != null && last.isValid()) {
                    // left through an empty chain slot: the successor is in the same page
                    prev = last;
                    prevPc = st.pc;
                }
                continue;
            }
            long pc = entryPc;
            boolean linear = true;
            for (int i = 0; i < n; i++) {
                if (checkBreakpoints && i > 0 && stopsAtBreakpoint(d, pc)) {
                    return CpuExit.BREAKPOINT; // st.pc is this instruction's
                }
                if (checkGuest && i > 0 && guestBreakpoint(pc)) {
                    linear = false;
                    break;
                }
                st.nextPc = pc + 4;
                try {
                    b.handler(i).exec(this, b.insn(i));
                    st.pc = st.nextPc;
                    if (stepping) {
                        g.step.completed(this, b.insn(i));
                    }
                } catch (GuestException e) {
                    if (stepping) {
                        g.step.raising(this, e);
                    }
                    Exceptions.takeSync(this, e);
                    linear = false;
                }
                instructions++;
                if (pendingExit != null) {
                    CpuExit x = pendingExit;
                    pendingExit = null;
                    return x;
                }
                if (recheckInterrupts && !masksInterrupts) {
                    recheckInterrupts = false;
                    if (Exceptions.takePendingInterrupt(this)) {
                        linear = false;
                    }
                }
                if (!linear || !b.isValid()) {
                    break; // exception taken, or the block overwrote itself
                }
                pc += 4;
            }
            if (pmu.countsBranches && linear && n == b.length()
                    && (b.end() == BlockEnd.DIRECT_BRANCH || b.end() == BlockEnd.INDIRECT_BRANCH)) {
                pmu.branchRetired(st.pc != entryPc + 4L * n);
            }
            if (linear && n == b.length() && b.isValid()
                    && (b.end() == BlockEnd.DIRECT_BRANCH || b.end() == BlockEnd.FALL_THROUGH)) {
                prev = b;
                prevPc = entryPc;
            }
        }
    }

    /**
     * Runs translated code from {@code c} on (the blocks it chains to, see {@code Jit.run}) with
     * the same after-instruction rules as the interpreter loop: a guest exception is taken (the
     * code left the PC at the faulting instruction), a pending exit returns, interrupts are
     * re-checked. Returns the exit or null to go on; {@link #compiledLinear} says whether the code
     * returned without an exception or interrupt taken. Compiled code runs only while whole
     * blocks fit before {@code end}.
     */
    private CpuExit runCompiled(CompiledBlock c, boolean masksInterrupts, long end) {
        compiledLinear = false;
        try {
            jit.run(c, this, end);
            compiledLinear = true;
        } catch (GuestException e) {
            Exceptions.takeSync(this, e);
            return null;
        }
        if (pendingExit != null) {
            CpuExit x = pendingExit;
            pendingExit = null;
            return x;
        }
        if (recheckInterrupts && !masksInterrupts) {
            recheckInterrupts = false;
            if (Exceptions.takePendingInterrupt(this)) {
                compiledLinear = false;
            }
        }
        return null;
    }

    /** Fetch-translates {@code va} and returns the block there (faults are guest exceptions). */
    private TranslationBlock blockAtVirtual(long va) {
        if ((va & 3) != 0) {
            throw new GuestException(GuestException.EC_PC_ALIGN, 0, va, true, -1, false);
        }
        long pa = mmu.translate(va, Mmu.FETCH, false);
        try {
            return blockAtPhysical(pa);
        } catch (BusFault f) {
            throw externalAbort(va, true, false);
        }
    }

    private TranslationBlock blockAtPhysical(long pa) {
        int h = (int) (pa >>> 2) & ((1 << JUMP_CACHE_BITS) - 1);
        TranslationBlock b = jumpCache[h];
        if (b != null && b.pa() == pa && b.isValid()) {
            return b;
        }
        b = blocks.blockAt(pa);
        jumpCache[h] = b;
        return b;
    }

    /** Takes the guest's Breakpoint exception if one of its breakpoints matches {@code pc} (st.pc). */
    private boolean guestBreakpoint(long pc) {
        GuestException e = selfDebug.breakpointAt(pc);
        if (e == null) {
            return false;
        }
        Exceptions.takeSync(this, e);
        instructions++;
        return true;
    }

    /** True if a breakpoint at {@code pc} stops execution (the one after a resume is skipped once). */
    private boolean stopsAtBreakpoint(DebugHooks d, long pc) {
        if (!d.breakpointAt(pc)) {
            return false;
        }
        if (skipBreakpointOnce) {
            skipBreakpointOnce = false;
            return false;
        }
        return true;
    }

    // ---- memory access on behalf of the executing instruction --------------------------

    /** Data read of 1, 2, 4 or 8 bytes, zero-extended. */
    public long read(long va, int size) {
        return read(va, size, false);
    }

    public long read(long va, int size, boolean unprivileged) {
        if (debug != null && debug.hasWatchpoints()) {
            checkWatch(va, size, false);
        }
        long pa = mmu.translate(va, Mmu.READ, unprivileged, size);
        if (selfDebug.watchpointsArmed) {
            selfDebug.checkWatchpoint(va, size, false, !unprivileged && s.el != 0);
        }
        if (pmu.countsMemory) {
            pmu.memoryAccess();
        }
        if (((va & 0xFFF) + size) > 0x1000) {
            long v = readPhysical(pa, 1, va);
            for (int i = 1; i < size; i++) {
                v |= readPhysical(mmu.translate(va + i, Mmu.READ, unprivileged), 1, va + i) << (8 * i);
            }
            return v;
        }
        return readPhysical(pa, size, va);
    }

    public void write(long va, int size, long value) {
        write(va, size, value, false);
    }

    public void write(long va, int size, long value, boolean unprivileged) {
        if (debug != null && debug.hasWatchpoints()) {
            checkWatch(va, size, true);
        }
        long pa = mmu.translate(va, Mmu.WRITE, unprivileged, size);
        if (selfDebug.watchpointsArmed) {
            selfDebug.checkWatchpoint(va, size, true, !unprivileged && s.el != 0);
        }
        if (pmu.countsMemory) {
            pmu.memoryAccess();
        }
        if (((va & 0xFFF) + size) > 0x1000) {
            // Translate every byte first so a fault leaves memory unchanged.
            long[] pas = new long[size];
            pas[0] = pa;
            for (int i = 1; i < size; i++) {
                pas[i] = mmu.translate(va + i, Mmu.WRITE, unprivileged);
            }
            for (int i = 0; i < size; i++) {
                writePhysical(pas[i], 1, value >>> (8 * i), va + i);
            }
            return;
        }
        writePhysical(pa, size, value, va);
    }

    private long readPhysical(long pa, int size, long va) {
        try {
            return bus.read(pa, size);
        } catch (BusFault f) {
            throw externalAbort(va, false, false);
        }
    }

    private void writePhysical(long pa, int size, long value, long va) {
        try {
            bus.write(pa, size, value);
        } catch (BusFault f) {
            throw externalAbort(va, false, true);
        }
    }

    private void checkWatch(long va, int size, boolean write) {
        long hit = debug.watchpointHit(va, size, write);
        if (hit != -1) {
            lastWatchAddress = hit;
            pendingExit = CpuExit.WATCHPOINT;
        }
    }

    /** Synchronous external abort (DFSC/IFSC 0b010000) for an access to unmapped PA. */
    public GuestException externalAbort(long va, boolean fetch, boolean write) {
        boolean lower = s.el == 0;
        int ec = fetch ? (lower ? GuestException.EC_IABORT_LOWER : GuestException.EC_IABORT_SAME)
                : (lower ? GuestException.EC_DABORT_LOWER : GuestException.EC_DABORT_SAME);
        int iss = 0x10 | (write ? 1 << 6 : 0);
        return new GuestException(ec, iss, va, true, -1, false);
    }
}
