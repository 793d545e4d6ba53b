/**
 * Data processing -- immediate (ARM ARM C4.1.65): {@link DpImmediateGroup} holds the rows,
 * {@code DpImmediate} the handlers (ADR/ADRP, ADD/SUB(S) immediate, logical immediate,
 * MOVN/MOVZ/MOVK, SBFM/BFM/UBFM, EXTR). Semantics shared with the translator are in
 * {@code cpu.a64.sem} (AddWithCarry, BitMasks).
 */
package org.emu4e.engine.cpu.a64.insn.dpimm;
