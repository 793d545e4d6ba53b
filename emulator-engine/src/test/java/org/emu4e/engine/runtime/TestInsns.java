package org.emu4e.engine.runtime;

import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.CpuExit;
import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.decode.A64Decoder;
import org.emu4e.engine.cpu.a64.decode.Handler;

/**
 * TEMPORARY, test-only: the few instructions the runtime tests' guest programs use (hints, B,
 * ADD imm, MSR DAIFSet/Clr, HVC, LDR literal), for as long as the instruction groups owned by
 * other helpers do not decode them yet. Words the real decoder already knows are left alone.
 * The handler is planted in the CPU's decoded-instruction cache (keyed by the instruction
 * word), so no shared decode file is touched. Remove once the system/branch/dpimm rows land.
 */
final class TestInsns {
    private static final int CACHE_BITS = 14;

    private TestInsns() { }

    /** A handler for {@code insn} if it is one of ours, else null. */
    static Handler handlerFor(int insn) {
        if (insn == 0xd503201f) { // NOP
            return (c, i) -> { };
        }
        if (insn == 0xd503207f) { // WFI (C6.2.389)
            return (c, i) -> c.pendingExit = CpuExit.WFI;
        }
        if (insn == 0xd503205f) { // WFE (C6.2.388)
            return (c, i) -> {
                if (c.eventRegister) {
                    c.eventRegister = false;
                } else {
                    c.pendingExit = CpuExit.WFE;
                }
            };
        }
        if (insn == 0xd503209f) { // SEV
            return (c, i) -> c.env().sendEvent();
        }
        if (insn == 0xd50320bf) { // SEVL
            return (c, i) -> c.eventRegister = true;
        }
        if ((insn & 0xFC00_0000) == 0x1400_0000) { // B imm26
            return (c, i) -> c.state().nextPc = c.state().pc + ((long) (i << 6) >> 4);
        }
        if ((insn & 0xFFC0_0000) == 0x9100_0000) { // ADD Xd|SP, Xn|SP, #imm12
            return (c, i) -> c.state().setXsp(i & 31, c.state().xsp((i >>> 5) & 31) + ((i >>> 10) & 0xFFF));
        }
        if ((insn & 0xFFFF_F0FF) == 0xd50340ff) { // MSR DAIFClr, #imm
            return (c, i) -> {
                c.state().daif &= ~((i >>> 8) & 0xF);
                c.recheckInterrupts = true;
            };
        }
        if ((insn & 0xFFFF_F0FF) == 0xd50340df) { // MSR DAIFSet, #imm
            return (c, i) -> c.state().daif |= (i >>> 8) & 0xF;
        }
        if ((insn & 0xFFE0_001F) == 0xd400_0002) { // HVC #imm16
            return (c, i) -> {
                if (!c.env().firmwareCall(c, false, (i >>> 5) & 0xFFFF)) {
                    throw GuestException.undefined();
                }
            };
        }
        if ((insn & 0xFF00_0000) == 0x5800_0000) { // LDR Xt, literal
            return (c, i) -> c.state().setX(i & 31, c.read(c.state().pc + ((long) ((i >>> 5) << 13) >> 11), 8));
        }
        return null;
    }

    /** Plants handlers for every word of {@code program} the decoder does not know yet. */
    static void install(A64Cpu cpu, int[] program) {
        try {
            Field wf = A64Cpu.class.getDeclaredField("cacheWord");
            Field hf = A64Cpu.class.getDeclaredField("cacheHandler");
            wf.setAccessible(true);
            hf.setAccessible(true);
            int[] words = (int[]) wf.get(cpu);
            Handler[] handlers = (Handler[]) hf.get(cpu);
            Map<Integer, Integer> slots = new HashMap<>();
            for (int insn : program) {
                if (A64Decoder.get().row(insn) != null) {
                    continue;
                }
                Handler h = handlerFor(insn);
                if (h == null) {
                    continue;
                }
                int slot = (insn * 0x9E3779B1) >>> (32 - CACHE_BITS);
                Integer other = slots.putIfAbsent(slot, insn);
                if (other != null && other != insn) {
                    throw new IllegalStateException("test decode slots collide: " + Integer.toHexString(insn));
                }
                words[slot] = insn;
                handlers[slot] = h;
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
