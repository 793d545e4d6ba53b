/**
 * ARM ARM C4.1.69 "Data processing -- scalar floating-point and Advanced SIMD": decode rows in
 * {@link org.emu4e.engine.cpu.a64.insn.simd.SimdFpGroup} (scalar FP, one row per instruction)
 * and {@code AdvSimdRows}. Every Advanced SIMD class (vector and scalar forms) has one row per
 * ARM ARM encoding, each row an enum constant that is its own handler (one class per ARM ARM
 * class, no lambda class per row), bound to its lane operation, reserved field values taken out
 * of the row ({@code DecodeTable.reserved}) so gaps are UNDEFINED by having no row; the
 * cryptographic classes still have one row per encoding class whose handler decodes size/opcode
 * as the ARM ARM class table does. Every row runs behind
 * {@link org.emu4e.engine.cpu.a64.insn.simd.FpAccess} (CPACR_EL1.FPEN, EC 0x07).
 * Handlers read lanes, call {@code cpu.a64.sem.fp}/{@code sem.vec} per lane, and write the
 * whole destination (64-bit forms clear the upper half, scalar forms clear above the element).
 * Differential tests against qemu-aarch64 live in the test package {@code cpu.simd}.
 */
package org.emu4e.engine.cpu.a64.insn.simd;
