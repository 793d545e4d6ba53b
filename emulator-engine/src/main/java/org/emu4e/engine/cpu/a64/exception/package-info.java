/**
 * Exception entry and return (ARM ARM D1.10, D1.11, D1.13): synchronous exceptions thrown as
 * {@link org.emu4e.engine.cpu.a64.GuestException} are taken by
 * {@link org.emu4e.engine.cpu.a64.exception.Exceptions#takeSync}; interrupts are routed and
 * masked by {@code InterruptRouting} at instruction boundaries; ERET and its illegal-return
 * rules are {@link org.emu4e.engine.cpu.a64.exception.ExceptionReturn};
 * {@link org.emu4e.engine.cpu.a64.exception.Alignment} offers SP and forced-alignment checks.
 */
package org.emu4e.engine.cpu.a64.exception;
