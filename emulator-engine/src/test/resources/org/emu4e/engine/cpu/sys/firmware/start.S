// Entry, exception vectors and EL0 entry of the SysFirmwareTest firmware (EL1, AArch64).
    .section .text.boot, "ax"
    .globl _start
_start:
    ldr x0, =__stack_el1
    mov sp, x0
    ldr x0, =vectors
    msr vbar_el1, x0
    isb
    ldr x0, =__bss_start
    ldr x1, =__bss_end
1:  cmp x0, x1
    b.hs 2f
    str xzr, [x0], #8
    b 1b
2:  bl main
3:  wfi
    b 3b

// void enter_el0(void (*fn)(void), void *user_stack): ERET to fn at EL0t with SP_EL0.
    .globl enter_el0
enter_el0:
    msr elr_el1, x0
    msr sp_el0, x1
    msr spsr_el1, xzr
    eret

// Synchronous exceptions save x0-x30 and ELR/SPSR in a frame and call
// void sync_handler(struct frame *f); the handler may change the frame.
    .text
sync_entry:
    sub sp, sp, #272
    stp x0, x1, [sp, #0]
    stp x2, x3, [sp, #16]
    stp x4, x5, [sp, #32]
    stp x6, x7, [sp, #48]
    stp x8, x9, [sp, #64]
    stp x10, x11, [sp, #80]
    stp x12, x13, [sp, #96]
    stp x14, x15, [sp, #112]
    stp x16, x17, [sp, #128]
    stp x18, x19, [sp, #144]
    stp x20, x21, [sp, #160]
    stp x22, x23, [sp, #176]
    stp x24, x25, [sp, #192]
    stp x26, x27, [sp, #208]
    stp x28, x29, [sp, #224]
    mrs x0, elr_el1
    mrs x1, spsr_el1
    stp x30, x0, [sp, #240]
    str x1, [sp, #256]
    mov x0, sp
    bl sync_handler
    ldp x30, x0, [sp, #240]
    ldr x1, [sp, #256]
    msr elr_el1, x0
    msr spsr_el1, x1
    ldp x0, x1, [sp, #0]
    ldp x2, x3, [sp, #16]
    ldp x4, x5, [sp, #32]
    ldp x6, x7, [sp, #48]
    ldp x8, x9, [sp, #64]
    ldp x10, x11, [sp, #80]
    ldp x12, x13, [sp, #96]
    ldp x14, x15, [sp, #112]
    ldp x16, x17, [sp, #128]
    ldp x18, x19, [sp, #144]
    ldp x20, x21, [sp, #160]
    ldp x22, x23, [sp, #176]
    ldp x24, x25, [sp, #192]
    ldp x26, x27, [sp, #208]
    ldp x28, x29, [sp, #224]
    add sp, sp, #272
    eret

    .macro UNEXPECTED
    mov x0, #0xdead
    b unexpected
    .endm

    .section .vectors, "ax"
    .balign 2048
vectors:
    .balign 0x80            // current EL, SP0
    UNEXPECTED
    .balign 0x80
    UNEXPECTED
    .balign 0x80
    UNEXPECTED
    .balign 0x80
    UNEXPECTED
    .balign 0x80            // current EL, SPx: synchronous
    b sync_entry
    .balign 0x80
    UNEXPECTED
    .balign 0x80
    UNEXPECTED
    .balign 0x80
    UNEXPECTED
    .balign 0x80            // lower EL, AArch64: synchronous
    b sync_entry
    .balign 0x80
    UNEXPECTED
    .balign 0x80
    UNEXPECTED
    .balign 0x80
    UNEXPECTED

    .text
unexpected:
    mrs x1, esr_el1
    bl fatal
4:  wfi
    b 4b
