/**
 * Loads and stores of general registers (ARM ARM C4.1.67, V=0): {@link LoadStoreGroup} holds
 * the rows; {@code Single} (one register, every addressing mode), {@code Pair}
 * (LDP/STP/LDPSW/LDNP/STNP), {@code LoadLiteral}, {@code Exclusive} (LDXR/STXR families,
 * LDAR/STLR) with {@code ExclusiveMonitor} (the CAS-based global monitor, correct across vCPU
 * threads) and {@code Access} (SP and data alignment checks, alignment fault syndrome).
 * CONSTRAINED UNPREDICTABLE choices follow QEMU and are documented on each handler class.
 */
package org.emu4e.engine.cpu.a64.insn.ldst;
