package org.emu4e.engine.cpu.a64.gdb;

import java.util.List;
import java.util.function.ToLongFunction;

import org.emu4e.engine.cpu.a64.A64Cpu;

/**
 * The system registers GDB sees in feature {@code org.emu4e.aarch64.sys}, one row each: name
 * as in the ARM ARM, reader, writer (null = read-only). All 64 bits wide, numbered after
 * the FP registers. Writes go straight into storage without side effects (no TLB flush is
 * implied by a debugger write of TTBR/TCR/SCTLR: the stub invalidates the TLB after them).
 */
final class A64SysRegs {
    interface Writer {
        void write(A64Cpu cpu, long value);
    }

    record Row(String name, ToLongFunction<A64Cpu> read, Writer write, boolean flushesTlb) { }

    private static Row rw(String n, ToLongFunction<A64Cpu> r, Writer w) {
        return new Row(n, r, w, false);
    }

    private static Row mmu(String n, ToLongFunction<A64Cpu> r, Writer w) {
        return new Row(n, r, w, true);
    }

    private static Row ro(String n, ToLongFunction<A64Cpu> r) {
        return new Row(n, r, null, false);
    }

    static final List<Row> ROWS = List.of(
            rw("ESR_EL1", c -> c.sys().esr[1], (c, v) -> c.sys().esr[1] = v),
            rw("FAR_EL1", c -> c.sys().far[1], (c, v) -> c.sys().far[1] = v),
            rw("ELR_EL1", c -> c.sys().elr[1], (c, v) -> c.sys().elr[1] = v),
            rw("SPSR_EL1", c -> c.sys().spsr[1], (c, v) -> c.sys().spsr[1] = v),
            mmu("SCTLR_EL1", c -> c.sys().sctlr[1], (c, v) -> c.sys().sctlr[1] = v),
            mmu("TCR_EL1", c -> c.sys().tcrEl1, (c, v) -> c.sys().tcrEl1 = v),
            mmu("TTBR0_EL1", c -> c.sys().ttbr0El1, (c, v) -> c.sys().ttbr0El1 = v),
            mmu("TTBR1_EL1", c -> c.sys().ttbr1El1, (c, v) -> c.sys().ttbr1El1 = v),
            mmu("MAIR_EL1", c -> c.sys().mairEl1, (c, v) -> c.sys().mairEl1 = v),
            rw("VBAR_EL1", c -> c.sys().vbar[1], (c, v) -> c.sys().vbar[1] = v),
            ro("CurrentEL", c -> (long) c.state().el << 2),
            rw("DAIF", c -> (long) c.state().daif << 6, (c, v) -> c.state().daif = (int) (v >>> 6) & 0xF),
            rw("SPSel", c -> c.state().spsel, (c, v) -> c.state().spsel = (int) v & 1),
            rw("SP_EL0", c -> c.state().sp[0], (c, v) -> c.state().sp[0] = v),
            rw("SP_EL1", c -> c.state().sp[1], (c, v) -> c.state().sp[1] = v),
            ro("MPIDR_EL1", c -> c.sys().mpidr),
            ro("MIDR_EL1", c -> c.sys().midr),
            rw("TPIDR_EL0", c -> c.sys().tpidr[0], (c, v) -> c.sys().tpidr[0] = v),
            rw("TPIDR_EL1", c -> c.sys().tpidr[1], (c, v) -> c.sys().tpidr[1] = v),
            rw("TPIDRRO_EL0", c -> c.sys().tpidrroEl0, (c, v) -> c.sys().tpidrroEl0 = v),
            rw("CPACR_EL1", c -> c.sys().cpacrEl1, (c, v) -> c.sys().cpacrEl1 = v),
            rw("PAR_EL1", c -> c.sys().parEl1, (c, v) -> c.sys().parEl1 = v),
            rw("CONTEXTIDR_EL1", c -> c.sys().contextidrEl1, (c, v) -> c.sys().contextidrEl1 = v),
            rw("ELR_EL2", c -> c.sys().elr[2], (c, v) -> c.sys().elr[2] = v),
            rw("SPSR_EL2", c -> c.sys().spsr[2], (c, v) -> c.sys().spsr[2] = v),
            rw("ESR_EL2", c -> c.sys().esr[2], (c, v) -> c.sys().esr[2] = v),
            rw("HCR_EL2", c -> c.sys().hcrEl2, (c, v) -> c.sys().hcrEl2 = v),
            rw("SCR_EL3", c -> c.sys().scrEl3, (c, v) -> c.sys().scrEl3 = v));

    private A64SysRegs() { }
}
