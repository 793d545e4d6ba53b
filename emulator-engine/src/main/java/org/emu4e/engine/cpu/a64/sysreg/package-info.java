/**
 * System registers (ARM ARM D17). {@link org.emu4e.engine.cpu.a64.sysreg.SystemRegisters}
 * holds a PE's values; {@link org.emu4e.engine.cpu.a64.sysreg.SysRegTable} is the
 * declarative MRS/MSR table built from one small file per group (special-purpose, ID, EL1,
 * EL2/EL3, timer, debug/PMU); {@link org.emu4e.engine.cpu.a64.sysreg.SysRegAccess} executes
 * MRS/MSR against it and builds EC 0x18 traps; {@link org.emu4e.engine.cpu.a64.sysreg.FpTrap}
 * is the SIMD&amp;FP enable check for instructions that touch FP state.
 */
package org.emu4e.engine.cpu.a64.sysreg;
