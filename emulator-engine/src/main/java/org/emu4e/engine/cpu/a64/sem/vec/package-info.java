/**
 * Advanced SIMD lane semantics and register-file access as static methods: integer lane
 * operations ({@link org.emu4e.engine.cpu.a64.sem.vec.IntLane}; saturating ones OR FPSR.QC
 * into the state and touch nothing else), element access to V registers
 * ({@link org.emu4e.engine.cpu.a64.sem.vec.VRegs}), AES and SHA primitives (pure).
 */
package org.emu4e.engine.cpu.a64.sem.vec;
