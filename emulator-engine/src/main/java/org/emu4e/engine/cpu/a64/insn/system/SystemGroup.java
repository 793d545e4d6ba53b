package org.emu4e.engine.cpu.a64.insn.system;

import static org.emu4e.engine.cpu.a64.decode.BlockEnd.SYSTEM;

import org.emu4e.engine.cpu.a64.decode.DecodeTable;
import org.emu4e.engine.cpu.a64.exception.ExceptionReturn;
import org.emu4e.engine.cpu.a64.sysreg.SysRegAccess;

/**
 * Decode rows of the ARM ARM group "Branches, exception generating and system instructions"
 * (C4.1.66), exception-generating and system parts, plus ERET/DRPS from "Unconditional
 * branch (register)". Encodings of these classes with no row (other opc/LL values, hints with
 * Rt != 31, op0 = 0 with other CRn) are unallocated and UNDEFINED. Every row ends its block
 * ({@code SYSTEM}): it may change the exception level, the translation regime or the masks.
 */
public final class SystemGroup {
    static final String GROUP = "Branches, exception generating and system instructions (C4.1.66 exception/system parts)";

    private SystemGroup() { }

    public static DecodeTable table() {
        DecodeTable t = new DecodeTable(GROUP);
        // Exception generation: 1101 0100 opc:3 imm16 op2:3 LL:2
        t.add("SVC", SYSTEM, "11010100 000 iiiiiiiiiiiiiiii 000 01", ExceptionGeneration::svc);
        t.add("HVC", SYSTEM, "11010100 000 iiiiiiiiiiiiiiii 000 10", ExceptionGeneration::hvc);
        t.add("SMC", SYSTEM, "11010100 000 iiiiiiiiiiiiiiii 000 11", ExceptionGeneration::smc);
        t.add("BRK", SYSTEM, "11010100 001 iiiiiiiiiiiiiiii 000 00", ExceptionGeneration::brk);
        t.add("HLT", SYSTEM, "11010100 010 iiiiiiiiiiiiiiii 000 00", ExceptionGeneration::hlt);
        t.add("DCPS1", SYSTEM, "11010100 101 iiiiiiiiiiiiiiii 000 01", ExceptionGeneration::dcps);
        t.add("DCPS2", SYSTEM, "11010100 101 iiiiiiiiiiiiiiii 000 10", ExceptionGeneration::dcps);
        t.add("DCPS3", SYSTEM, "11010100 101 iiiiiiiiiiiiiiii 000 11", ExceptionGeneration::dcps);
        // Exception return (C6.2.84) and debug-state return (UNDEFINED outside Debug state).
        t.add("ERET", SYSTEM, "1101011 0100 11111 000000 11111 00000", (cpu, insn) -> ExceptionReturn.eret(cpu));
        t.add("DRPS", SYSTEM, "1101011 0101 11111 000000 11111 00000", ExceptionGeneration::dcps);
        // System: 1101 0101 00 L op0:2 op1:3 CRn:4 CRm:4 op2:3 Rt:5
        t.add("HINT", SYSTEM, "11010101 00000011 0010 mmmm ooo 11111", Hints::hint);
        t.add("CLREX", SYSTEM, "11010101 00000011 0011 mmmm 010 11111", Hints::clrex);
        t.add("DSB", SYSTEM, "11010101 00000011 0011 mmmm 100 11111", Hints::barrier);
        t.add("DMB", SYSTEM, "11010101 00000011 0011 mmmm 101 11111", Hints::barrier);
        t.add("ISB", SYSTEM, "11010101 00000011 0011 mmmm 110 11111", Hints::isb);
        t.add("MSR_imm", SYSTEM, "11010101 00000 ppp 0100 mmmm ooo 11111", PstateAccess::msrImm);
        t.add("SYS", SYSTEM, "11010101 00001 ppp nnnn mmmm ooo ttttt", SystemInstructions::sys);
        t.add("SYSL", SYSTEM, "11010101 00101 ppp nnnn mmmm ooo ttttt", SystemInstructions::sysl);
        t.add("MSR_reg", SYSTEM, "11010101 0001 qppp nnnn mmmm ooo ttttt", SysRegAccess::msr);
        t.add("MRS", SYSTEM, "11010101 0011 qppp nnnn mmmm ooo ttttt", SysRegAccess::mrs);
        return t;
    }
}
