/**
 * ARM ARM C4.1.69 "Data processing -- scalar floating-point and Advanced SIMD": decode rows
 * in {@link org.emu4e.engine.cpu.a64.insn.simd.SimdFpGroup} (scalar FP, one row per
 * instruction) and {@code AdvSimdRows} (one row per encoding class; the class handler decodes
 * U/size/opcode as the ARM ARM class table does and UNDEFs the unallocated gaps). Every row is
 * wrapped by {@link org.emu4e.engine.cpu.a64.insn.simd.FpAccess} (CPACR_EL1.FPEN, EC 0x07).
 * Handlers read lanes, call {@code cpu.a64.sem.fp}/{@code sem.vec} per lane, and write the
 * whole destination (64-bit forms clear the upper half, scalar forms clear above the element).
 * Differential tests against qemu-aarch64 live in the test package {@code cpu.simd}.
 */
package org.emu4e.engine.cpu.a64.insn.simd;
