package org.emu4e.engine.cpu.a64.sysreg;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.emu4e.engine.cpu.a64.A64Cpu;

/**
 * The system registers reachable by MRS/MSR (ARM ARM D17 "AArch64 System Register
 * Descriptions"), indexed by encoding. The rows are declared by the group files; an encoding
 * with no row is UNDEFINED. Built once, shared by every PE.
 */
public final class SysRegTable {
    private static final SysReg[] BY_KEY = new SysReg[1 << 16];
    private static final List<SysReg> ALL = new ArrayList<>();

    static {
        Builder b = new Builder();
        SpecialRegisters.register(b);
        IdRegisters.register(b);
        El1Registers.register(b);
        El2El3Registers.register(b);
        TimerRegisters.register(b);
        PmuRegisters.register(b);
        DebugRegisters.register(b);
        GicRegisters.register(b);
    }

    private SysRegTable() { }

    /** The row for an encoding (op0:op1:CRn:CRm:op2 as in MRS bits [20:5]), or null. */
    public static SysReg lookup(int key) {
        return BY_KEY[key & 0xFFFF];
    }

    public static SysReg byName(String name) {
        for (SysReg r : ALL) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }

    public static List<SysReg> all() { return Collections.unmodifiableList(ALL); }

    /** Collects rows; rejects duplicate encodings so two group files can't fight over one. */
    static final class Builder {
        SysReg add(String name, int op0, int op1, int crn, int crm, int op2, int minEl,
                SysReg.Reader r, SysReg.Writer w, SysReg.Check c) {
            int key = SysReg.key(op0, op1, crn, crm, op2);
            if (BY_KEY[key] != null) {
                throw new IllegalStateException("duplicate system register " + name + " / " + BY_KEY[key]);
            }
            SysReg reg = new SysReg(name, key, minEl, r, w, c);
            BY_KEY[key] = reg;
            ALL.add(reg);
            return reg;
        }

        void rw(String name, int op0, int op1, int crn, int crm, int op2, int minEl, SysReg.Reader r, SysReg.Writer w) {
            add(name, op0, op1, crn, crm, op2, minEl, r, w, null);
        }

        void ro(String name, int op0, int op1, int crn, int crm, int op2, int minEl, SysReg.Reader r) {
            add(name, op0, op1, crn, crm, op2, minEl, r, null, null);
        }

        /** Read-as-zero, writes ignored. */
        void razwi(String name, int op0, int op1, int crn, int crm, int op2, int minEl) {
            add(name, op0, op1, crn, crm, op2, minEl, SysRegTable::zero, SysRegTable::ignore, null);
        }

        /** Read-as-zero, read-only. */
        void raz(String name, int op0, int op1, int crn, int crm, int op2, int minEl) {
            add(name, op0, op1, crn, crm, op2, minEl, SysRegTable::zero, null, null);
        }
    }

    static long zero(A64Cpu cpu) { return 0; }

    static void ignore(A64Cpu cpu, long v) { }
}
