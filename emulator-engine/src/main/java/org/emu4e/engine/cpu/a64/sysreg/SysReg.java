package org.emu4e.engine.cpu.a64.sysreg;

import org.emu4e.engine.cpu.a64.A64Cpu;

/**
 * One row of the system register table: the MRS/MSR encoding (op0, op1, CRn, CRm, op2 packed
 * as in the instruction's bits [20:5]), the ARM ARM name, the lowest EL that may access it
 * (which is also the EL that must be implemented for the register to exist), and its hooks.
 * A null reader or writer makes that direction UNDEFINED.
 */
public record SysReg(String name, int key, int minEl, Reader reader, Writer writer, Check check) {
    @FunctionalInterface
    public interface Reader {
        long read(A64Cpu cpu);
    }

    @FunctionalInterface
    public interface Writer {
        void write(A64Cpu cpu, long value);
    }

    /**
     * Extra access rule (traps controlled by other registers); throws the exception to take.
     * {@code insn} is the MRS/MSR instruction (for the EC 0x18 syndrome).
     */
    @FunctionalInterface
    public interface Check {
        void check(A64Cpu cpu, boolean read, int insn);
    }

    public static int key(int op0, int op1, int crn, int crm, int op2) {
        return (op0 << 14) | (op1 << 11) | (crn << 7) | (crm << 3) | op2;
    }

    public int op0() { return key >>> 14; }

    public int op1() { return (key >>> 11) & 7; }

    public int crn() { return (key >>> 7) & 15; }

    public int crm() { return (key >>> 3) & 15; }

    public int op2() { return key & 7; }

    @Override
    public String toString() {
        return String.format("%s (S%d_%d_C%d_C%d_%d)", name, op0(), op1(), crn(), crm(), op2());
    }
}
