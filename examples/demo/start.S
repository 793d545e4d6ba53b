/*
 * emu4e demo firmware entry points, exception vectors and the IRQ trampoline.
 * Boot CPU: _start at EL1 with x0 = device tree (emu4e) or nothing (QEMU bare-metal ELF).
 * Secondaries: secondary_entry via PSCI CPU_ON with x0 = context id = cpu index.
 * Shared by the firmware tests (tests/firmware, the engine's GICv3 system test): build with
 * -DMAX_CPUS=N for stacks for more than 4 CPUs.
 */
#ifndef MAX_CPUS
#define MAX_CPUS 4
#endif
    .section .text.boot, "ax"
    .globl _start
_start:
    mov     x19, x0                 // keep the dtb pointer
    mrs     x1, mpidr_el1
    and     x1, x1, #0xffff         // Aff1.Aff0 (clusters of 16 with GICv3)
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
    mov     x0, x19
    mov     x29, #0                 // end of the frame chain for debuggers
    bl      main
park:
    wfi
    b       park

    .globl secondary_entry
secondary_entry:
    mov     x19, x0                 // cpu index from CPU_ON's context id
    bl      setup_cpu
    mov     x0, x19
    mov     x29, #0
    bl      secondary_main
    b       park

/* x0 = cpu index: TPIDR_EL1 = index, stack, vectors. Uses x0..x2 only. */
setup_cpu:
    msr     tpidr_el1, x0
    adrp    x1, stacks
    add     x1, x1, :lo12:stacks
    add     x0, x0, #1
    lsl     x0, x0, #14             // 16 KiB per CPU
    add     sp, x1, x0
    adrp    x2, vectors
    add     x2, x2, :lo12:vectors
    msr     vbar_el1, x2
    isb
    ret

/* Exception vectors (ARM ARM D1.10.2): only "current EL with SPx, IRQ" is expected. */
    .section .vectors, "ax"
    .balign 2048
vectors:
    .rept 4                         // current EL, SP_EL0
    .balign 128
    b       unexpected
    .endr
    .balign 128                     // current EL, SPx: synchronous
    b       unexpected
    .balign 128                     // IRQ
    b       irq_entry
    .balign 128                     // FIQ
    b       unexpected
    .balign 128                     // SError
    b       unexpected
    .rept 8                         // lower ELs
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
    .globl stacks
stacks:
    .space  16384 * MAX_CPUS
