// Entry points and exception vectors of the GICv3 test firmware (EL1, AArch64, MMU off).
// Boot CPU: _start. Secondaries: secondary_entry via PSCI CPU_ON, x0 = context id = cpu index.
    .section .text.boot, "ax"
    .globl _start
_start:
    mrs     x1, mpidr_el1
    and     x1, x1, #0xffff
    cbnz    x1, park                // only CPU 0 boots here
    adrp    x2, __bss_start
    add     x2, x2, :lo12:__bss_start
    adrp    x3, __bss_end
    add     x3, x3, :lo12:__bss_end
1:  cmp     x2, x3
    b.hs    2f
    str     xzr, [x2], #8
    b       1b
2:  mov     x0, #0
    bl      setup_cpu
    bl      main
park:
    wfi
    b       park

    .globl secondary_entry
secondary_entry:
    mov     x19, x0
    bl      setup_cpu
    mov     x0, x19
    bl      secondary_main
    b       park

// x0 = cpu index: TPIDR_EL1 = index, 16 KiB stack, vectors.
setup_cpu:
    msr     tpidr_el1, x0
    adrp    x1, stacks
    add     x1, x1, :lo12:stacks
    add     x2, x0, #1
    lsl     x2, x2, #14
    add     sp, x1, x2
    adrp    x2, vectors
    add     x2, x2, :lo12:vectors
    msr     vbar_el1, x2
    isb
    ret

    .section .vectors, "ax"
    .balign 2048
vectors:
    .rept 4
    .balign 128
    b       unexpected
    .endr
    .balign 128                     // current EL, SPx: synchronous
    b       unexpected
    .balign 128                     // IRQ
    b       irq_entry
    .balign 128
    b       unexpected
    .balign 128
    b       unexpected
    .rept 8
    .balign 128
    b       unexpected
    .endr

irq_entry:
    sub     sp, sp, #192
    stp     x0, x1, [sp, #0]
    stp     x2, x3, [sp, #16]
    stp     x4, x5, [sp, #32]
    stp     x6, x7, [sp, #48]
    stp     x8, x9, [sp, #64]
    stp     x10, x11, [sp, #80]
    stp     x12, x13, [sp, #96]
    stp     x14, x15, [sp, #112]
    stp     x16, x17, [sp, #128]
    stp     x18, x29, [sp, #144]
    str     x30, [sp, #160]
    bl      irq_handler
    ldp     x0, x1, [sp, #0]
    ldp     x2, x3, [sp, #16]
    ldp     x4, x5, [sp, #32]
    ldp     x6, x7, [sp, #48]
    ldp     x8, x9, [sp, #64]
    ldp     x10, x11, [sp, #80]
    ldp     x12, x13, [sp, #96]
    ldp     x14, x15, [sp, #112]
    ldp     x16, x17, [sp, #128]
    ldp     x18, x29, [sp, #144]
    ldr     x30, [sp, #160]
    add     sp, sp, #192
    eret

unexpected:
    mrs     x0, esr_el1
    mrs     x1, elr_el1
    bl      unexpected_exception
    b       park

    .bss
    .balign 16
stacks:
    .space  16384 * 64              // up to 64 CPUs
