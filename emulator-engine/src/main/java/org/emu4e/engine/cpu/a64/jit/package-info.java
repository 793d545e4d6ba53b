/**
 * Bytecode translation of hot translation blocks ({@code --exec jit}): {@link
 * org.emu4e.engine.cpu.a64.jit.Jit} decides per block entry, {@link
 * org.emu4e.engine.cpu.a64.jit.BlockCompiler} emits one hidden class per block with the
 * per-row emitters, {@link org.emu4e.engine.cpu.a64.jit.JitTlb} is the inline data-TLB fast
 * path. Rows without an emitter run their interpreter handler from the generated code.
 */
package org.emu4e.engine.cpu.a64.jit;
