package org.emu4e.engine.cpu.a64.insn.system;

import org.emu4e.engine.cpu.a64.decode.DecodeTable;
import org.emu4e.engine.cpu.a64.exception.ExceptionReturn;
import org.emu4e.engine.cpu.a64.sysreg.SysRegAccess;

/**
 * Decode rows of the ARM ARM group "Branches, exception generating and system instructions"
 * (C4.1.66), exception-generating and system parts, plus ERET/DRPS from "Unconditional
 * branch (register)". Encodings of these classes with no row (other opc/LL values, hints with
 * Rt != 31, op0 = 0 with other CRn) are unallocated and UNDEFINED.
 */
public final class SystemGroup {
    static final String GROUP = "Branches, exception generating and system instructions (C4.1.66 exception/system parts)";

    private SystemGroup() { }

    public static DecodeTable table() {
        DecodeTable t = new DecodeTable(GROUP);
        // Exception generation: 1101 0100 opc:3 imm16 op2:3 LL:2
        t.add("SVC", "11010100 000 iiiiiiiiiiiiiiii 000 01", ExceptionGeneration::svc);
        t.add("HVC", "11010100 000 iiiiiiiiiiiiiiii 000 10", ExceptionGeneration::hvc);
        t.add("SMC", "11010100 000 iiiiiiiiiiiiiiii 000 11", ExceptionGeneration::smc);
        t.add("BRK", "11010100 001 iiiiiiiiiiiiiiii 000 00", ExceptionGeneration::brk);
        t.add("HLT", "11010100 010 iiiiiiiiiiiiiiii 000 00", ExceptionGeneration::hlt);
        t.add("DCPS1", "11010100 101 iiiiiiiiiiiiiiii 000 01", ExceptionGeneration::dcps);
        t.add("DCPS2", "11010100 101 iiiiiiiiiiiiiiii 000 10", ExceptionGeneration::dcps);
        t.add("DCPS3", "11010100 101 iiiiiiiiiiiiiiii 000 11", ExceptionGeneration::dcps);
        // Exception return (C6.2.84) and debug-state return (UNDEFINED outside Debug state).
        t.add("ERET", "1101011 0100 11111 000000 11111 00000", (cpu, insn) -> ExceptionReturn.eret(cpu));
        t.add("DRPS", "1101011 0101 11111 000000 11111 00000", ExceptionGeneration::dcps);
        // System: 1101 0101 00 L op0:2 op1:3 CRn:4 CRm:4 op2:3 Rt:5
        t.add("HINT", "11010101 00000011 0010 mmmm ooo 11111", Hints::hint);
        t.add("CLREX", "11010101 00000011 0011 mmmm 010 11111", Hints::clrex);
        t.add("DSB", "11010101 00000011 0011 mmmm 100 11111", Hints::barrier);
        t.add("DMB", "11010101 00000011 0011 mmmm 101 11111", Hints::barrier);
        t.add("ISB", "11010101 00000011 0011 mmmm 110 11111", Hints::isb);
        t.add("MSR_imm", "11010101 00000 ppp 0100 mmmm ooo 11111", PstateAccess::msrImm);
        t.add("SYS", "11010101 00001 ppp nnnn mmmm ooo ttttt", SystemInstructions::sys);
        t.add("SYSL", "11010101 00101 ppp nnnn mmmm ooo ttttt", SystemInstructions::sysl);
        t.add("MSR_reg", "11010101 0001 qppp nnnn mmmm ooo ttttt", SysRegAccess::msr);
        t.add("MRS", "11010101 0011 qppp nnnn mmmm ooo ttttt", SysRegAccess::mrs);
        return t;
    }
}
