// Boot code of the stub's test guest. CPU 0 starts here (EL1h, MMU off), powers on
// CPUs 1..3 with PSCI CPU_ON (HVC, DEN0022 5.1.4) and joins them in cpu_main(index).
    .section .text.start, "ax"
    .globl _start
_start:
    mov     x19, #1
1:  ldr     x0, =0xC4000003         // PSCI CPU_ON (SMC64/HVC64)
    mov     x1, x19                 // target MPIDR affinity
    adr     x2, secondary           // entry point
    mov     x3, x19                 // context id = CPU index
    hvc     #0
    add     x19, x19, #1
    cmp     x19, #4
    b.lt    1b
    mov     x0, #0
secondary:                          // x0 = CPU index
    adrp    x1, stacks
    add     x1, x1, :lo12:stacks
    add     x2, x0, #1
    lsl     x2, x2, #12
    add     sp, x1, x2
    bl      cpu_main
2:  b       2b

    .globl psci_cpu_off
psci_cpu_off:
    ldr     x0, =0x84000002         // PSCI CPU_OFF
    hvc     #0
    ret
