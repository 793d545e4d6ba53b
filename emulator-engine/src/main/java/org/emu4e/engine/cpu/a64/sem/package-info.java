/**
 * Integer semantics written once, shared by the interpreter's handlers and the future
 * bytecode translator (which emits {@code invokestatic} to them): {@link AddWithCarry},
 * {@link BitMasks} ({@code DecodeBitMasks}), {@link Conditions} ({@code ConditionHolds}),
 * {@link Shifts} ({@code ShiftReg}/{@code ExtendReg}), {@link Divide}, {@link Crc32}.
 *
 * <p>Side effects: none. Every method here is a pure function of its arguments (no CPU
 * state, no memory, no exceptions), so a translator need not write guest registers back
 * before calling one, and may constant-fold calls with constant arguments. Anything with an
 * effect (memory, exclusive monitor, exceptions) stays in the instruction handlers.
 */
package org.emu4e.engine.cpu.a64.sem;
