/**
 * ARM ARM C4.1.67 loads and stores with V = 1: single registers in every addressing mode,
 * pairs, literal, and the LD1-LD4/ST1-ST4 structure forms (multiple, single, replicate).
 * Accesses go through {@code A64Cpu.read/write} in at most 8-byte pieces; Q registers are
 * two pieces, low half first. Not modelled here: SP alignment checks (SCTLR_ELx.SA) and
 * alignment faults on Device memory, which belong with the MMU/load-store helpers.
 */
package org.emu4e.engine.cpu.a64.insn.simdldst;
