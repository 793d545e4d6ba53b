// Deterministic single-core guest for StepiVsQemuTest and bench/gdbstub-bench.sh:
// loops, calls, loads/stores and branches only. It reads no register it did not set
// (not x0..x3 from the boot loader), no device, no timer, and enables no interrupt.
    .section .text.start, "ax"
    .global _start
_start:
    adrp    x1, stack_top
    add     x1, x1, :lo12:stack_top
    mov     sp, x1
    adrp    x2, buf
    add     x2, x2, :lo12:buf
    mov     x3, #64
1:  str     xzr, [x2], #8           // clear buf: no reliance on how the loader fills .bss
    subs    x3, x3, #1
    b.ne    1b
    mov     x19, #0
outer:
    mov     x0, x19
    bl      work
    add     x19, x19, #1
    b       outer

// work(n): walks buf[(n & 15) + 1 .. 1], mixing each word and calling leaf()
work:
    stp     x29, x30, [sp, #-32]!
    mov     x29, sp
    str     x20, [sp, #16]
    and     x20, x0, #15
    add     x20, x20, #1
    adrp    x2, buf
    add     x2, x2, :lo12:buf
2:  ldr     x3, [x2, x20, lsl #3]
    tbz     x20, #0, 3f
    add     x3, x3, x20
    b       4f
3:  eor     x3, x3, x0
    ror     x3, x3, #3
4:  str     x3, [x2, x20, lsl #3]
    mov     x0, x3
    bl      leaf
    subs    x20, x20, #1
    b.ne    2b
    ldr     x20, [sp, #16]
    ldp     x29, x30, [sp], #32
    ret

// leaf(v): v > 100 ? v : 0, with a data-dependent branch
leaf:
    cmp     x0, #100
    csel    x0, x0, xzr, hi
    cbz     x0, 5f
    lsr     x0, x0, #1
5:  ret

    .bss
    .balign 16
buf:
    .space  64 * 8
    .balign 16
    .space  4096
stack_top:
