/**
 * Bytecode translation of hot translation blocks ({@code --exec jit}): {@link
 * org.emu4e.engine.cpu.a64.jit.Jit} decides per block entry, {@link
 * org.emu4e.engine.cpu.a64.jit.BlockCompiler} emits one hidden class per block with the
 * per-row emitters that {@link org.emu4e.engine.cpu.a64.jit.EmitterTable} binds to decode
 * rows, {@link org.emu4e.engine.cpu.a64.jit.JitTlb} is the inline data-TLB fast
 * path. Rows without an emitter run their interpreter handler from the generated code.
 * Translated blocks continue into each other through exit slots (direct branches within a
 * page) and the vCPU's {@link org.emu4e.engine.cpu.a64.jit.LookupCache} (other targets),
 * driven by the trampoline in {@link org.emu4e.engine.cpu.a64.jit.Jit#run}.
 */
package org.emu4e.engine.cpu.a64.jit;
