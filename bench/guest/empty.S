/*
 * The empty guest of bench/startup.sh: the boot CPU powers the machine off at once through PSCI
 * SYSTEM_OFF (function id 0x84000008 over HVC, SMC Calling Convention), so a run measures the
 * emulator's own start-up and shut-down.
 */
    .section .text.boot, "ax"
    .globl _start
_start:
    movz    x0, #0x0008
    movk    x0, #0x8400, lsl #16
    hvc     #0
1:  wfi
    b       1b
