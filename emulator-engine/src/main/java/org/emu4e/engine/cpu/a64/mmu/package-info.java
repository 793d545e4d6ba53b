/**
 * Stage 1 address translation (ARM ARM D8). {@link org.emu4e.engine.cpu.a64.mmu.Mmu} is the
 * per-PE entry point: a TLB lookup ({@code SoftTlb}: separate data and instruction TLBs of
 * 4 KB pieces, tagged with regime, ASID and a TTBR epoch), permission and alignment checks on a
 * hit, and a table walk ({@code Walker}) on a miss that either fills the TLB or yields the
 * fault status for the abort. AT instructions and the debugger walk without touching the TLB.
 */
package org.emu4e.engine.cpu.a64.mmu;
