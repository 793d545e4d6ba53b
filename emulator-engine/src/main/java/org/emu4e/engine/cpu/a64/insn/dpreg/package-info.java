/**
 * Data processing -- register (ARM ARM C4.1.68): {@link DpRegisterGroup} holds the rows; the
 * handlers are split by ARM ARM sub-group: {@code DpAddSub} (shifted/extended register,
 * ADC/SBC), {@code DpLogical}, {@code DpConditional} (CCMN/CCMP, CSEL family),
 * {@code DpOneSource}, {@code DpTwoSource} (divide, variable shifts, CRC32),
 * {@code DpThreeSource} (multiply-add and long/high multiplies).
 */
package org.emu4e.engine.cpu.a64.insn.dpreg;
