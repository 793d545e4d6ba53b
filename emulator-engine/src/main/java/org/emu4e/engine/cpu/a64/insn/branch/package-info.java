/**
 * Branches (ARM ARM C4.1.66, branch parts): B, BL, B.cond, CBZ/CBNZ, TBZ/TBNZ, BR, BLR, RET.
 * Handlers set {@code CpuState.nextPc}; a misaligned target faults at the next fetch.
 */
package org.emu4e.engine.cpu.a64.insn.branch;
