/**
 * Differential testing of the integer core against {@code qemu-aarch64 -cpu cortex-a53}.
 *
 * <p>Flow: {@link org.emu4e.engine.cpu.difftest.Generator} makes random instruction bodies
 * (random encodings of our own decode rows plus labelled branches and literal loads, with the
 * fixups and filters listed there) → {@link org.emu4e.engine.cpu.difftest.BatchBuilder} wraps
 * 400 of them in one static Linux program (register/NZCV set-up, body, dump of X0-X30, SP,
 * NZCV and the data window per case; one write syscall at the end) →
 * {@link org.emu4e.engine.cpu.difftest.Toolchain} assembles and links it with the aarch64 GNU
 * binutils and runs it under QEMU user mode → {@link org.emu4e.engine.cpu.difftest.QemuDiffTest}
 * runs the same ELF on a CpuRig (EL1, MMU off, same addresses) until the {@code done} label and
 * compares the dumps byte for byte, reporting the first mismatching case with its objdump.
 *
 * <p>Run: {@code mvn test -Dtest=QemuDiffTest -Ddifftest.seed=random -Ddifftest.batches=30}.
 * {@link org.emu4e.engine.cpu.difftest.DecoderCoverageTest} checks the opposite direction with
 * objdump as the oracle: no ARMv8.0 integer encoding is missing from the decode rows.
 *
 * <p>System mode: {@link org.emu4e.engine.cpu.difftest.DeviceAlignmentDiffTest} runs random
 * loads/stores with the MMU off (Device memory, which user mode never has) as bare-metal
 * programs ({@link org.emu4e.engine.cpu.difftest.AlignmentBatch}) on qemu-system-aarch64 and on
 * the emu4e virt board, and compares per-case register, exception and memory records.
 */
package org.emu4e.engine.cpu.difftest;
