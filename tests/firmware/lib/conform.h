/*
 * Shared by the conformance programs (psci, gic-ipi, timer, spinlock, vectors): a complete
 * EL1 vector table that hands every exception to the program's C handler, a secondary entry
 * point that keeps CPU_ON's context id, GICv2 and PSCI helpers, and bounded waits.
 *
 * Rule for every program: print only what the architecture (or PSCI / GIC spec) fixes, in an
 * order that does not depend on how the cores race, so the UART transcript is the same on
 * emu4e and on qemu-system-aarch64 -M virt -cpu cortex-a53 -smp 4. Secondaries record results
 * in memory; CPU 0 prints them. Every wait is bounded by the generic counter (TIMEOUT printed).
 *
 * Header only (static inline + one top-level asm block), so the Makefile's pattern rule builds
 * each program without a new library object. Include it once per program.
 */
#ifndef CONFORM_H
#define CONFORM_H

#include "demo.h"

/* ---- exception frame and vectors (ARM ARM D1.10.2 "Exception vectors") ---------------- */

/* Saved by every vector entry; the handler may change elr/spsr/x[] to alter the return. */
struct frame {
    uint64_t x[31];
    uint64_t pad;
    uint64_t elr, spsr, esr, far;
};

/* Vector index: 0-3 current EL SP_EL0, 4-7 current EL SP_ELx, 8-11 lower EL AArch64,
 * 12-15 lower EL AArch32; within each: sync, IRQ, FIQ, SError. Offset = index * 0x80. */
enum { V_SYNC = 0, V_IRQ = 1, V_FIQ = 2, V_SERROR = 3 };

/* Defined by each program. */
void conform_exception(struct frame *f, unsigned vector);
void conform_secondary(unsigned cpu, uint64_t context);

extern char conform_vectors[];
extern char conform_secondary_entry[];

__asm__(
    "    .section .vectors, \"ax\"\n"
    "    .balign 2048\n"
    "    .globl conform_vectors\n"
    "conform_vectors:\n"
    "    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15\n"
    "    .balign 128\n"
    "    sub  sp, sp, #288\n"
    "    stp  x0, x1, [sp, #0]\n"
    "    mov  x1, #\\n\n"
    "    b    conform_vector_common\n"
    "    .endr\n"
    "    .text\n"
    "conform_vector_common:\n"
    "    stp  x2, x3, [sp, #16]\n"
    "    stp  x4, x5, [sp, #32]\n"
    "    stp  x6, x7, [sp, #48]\n"
    "    stp  x8, x9, [sp, #64]\n"
    "    stp  x10, x11, [sp, #80]\n"
    "    stp  x12, x13, [sp, #96]\n"
    "    stp  x14, x15, [sp, #112]\n"
    "    stp  x16, x17, [sp, #128]\n"
    "    stp  x18, x19, [sp, #144]\n"
    "    stp  x20, x21, [sp, #160]\n"
    "    stp  x22, x23, [sp, #176]\n"
    "    stp  x24, x25, [sp, #192]\n"
    "    stp  x26, x27, [sp, #208]\n"
    "    stp  x28, x29, [sp, #224]\n"
    "    str  x30, [sp, #240]\n"
    "    mrs  x2, elr_el1\n"
    "    mrs  x3, spsr_el1\n"
    "    stp  x2, x3, [sp, #256]\n"
    "    mrs  x2, esr_el1\n"
    "    mrs  x3, far_el1\n"
    "    stp  x2, x3, [sp, #272]\n"
    "    mov  x0, sp\n"
    "    bl   conform_exception\n"
    "    ldp  x2, x3, [sp, #256]\n"
    "    msr  elr_el1, x2\n"
    "    msr  spsr_el1, x3\n"
    "    ldp  x2, x3, [sp, #16]\n"
    "    ldp  x4, x5, [sp, #32]\n"
    "    ldp  x6, x7, [sp, #48]\n"
    "    ldp  x8, x9, [sp, #64]\n"
    "    ldp  x10, x11, [sp, #80]\n"
    "    ldp  x12, x13, [sp, #96]\n"
    "    ldp  x14, x15, [sp, #112]\n"
    "    ldp  x16, x17, [sp, #128]\n"
    "    ldp  x18, x19, [sp, #144]\n"
    "    ldp  x20, x21, [sp, #160]\n"
    "    ldp  x22, x23, [sp, #176]\n"
    "    ldp  x24, x25, [sp, #192]\n"
    "    ldp  x26, x27, [sp, #208]\n"
    "    ldp  x28, x29, [sp, #224]\n"
    "    ldr  x30, [sp, #240]\n"
    "    ldp  x0, x1, [sp, #0]\n"
    "    add  sp, sp, #288\n"
    "    eret\n"
    /* CPU_ON entry: x0 = context id. Own stack (by MPIDR.Aff0) and vectors, then C. */
    "    .globl conform_secondary_entry\n"
    "conform_secondary_entry:\n"
    "    mrs  x1, mpidr_el1\n"
    "    and  x1, x1, #0xff\n"
    "    adrp x2, conform_stacks\n"
    "    add  x2, x2, :lo12:conform_stacks\n"
    "    add  x3, x1, #1\n"
    "    lsl  x3, x3, #14\n"
    "    add  sp, x2, x3\n"
    "    adrp x2, conform_vectors\n"
    "    add  x2, x2, :lo12:conform_vectors\n"
    "    msr  vbar_el1, x2\n"
    "    isb\n"
    "    mov  x29, #0\n"
    "    mov  x2, x0\n"
    "    mov  x0, x1\n"
    "    mov  x1, x2\n"
    "    bl   conform_secondary\n"
    "1:  wfi\n"
    "    b    1b\n"
    "    .bss\n"
    "    .balign 16\n"
    "conform_stacks:\n"
    "    .space 16384 * 4\n"
    "    .text\n");

/* start.S calls this on a CPU started with the demo's secondary_entry: unused here. */
void secondary_main(unsigned cpu)
{
    (void)cpu;
    for (;;) {
        __asm__ volatile("wfi");
    }
}

static inline void install_vectors(void)
{
    __asm__ volatile("msr vbar_el1, %0\n isb" : : "r"((uint64_t)(uintptr_t)conform_vectors) : "memory");
}

/* ---- printing ------------------------------------------------------------------------ */

static inline void say(const char *s) { print(s); print("\n"); }

static inline void say_hex(const char *label, uint64_t v)
{
    print(label);
    print_hex(v);
    print("\n");
}

static inline void say_dec(const char *label, uint64_t v)
{
    print(label);
    print_dec(v);
    print("\n");
}

/* PSCI return codes by name (DEN0022D 5.2.2). */
static inline const char *psci_name(int64_t r)
{
    switch (r) {
    case 0: return "SUCCESS";
    case -1: return "NOT_SUPPORTED";
    case -2: return "INVALID_PARAMETERS";
    case -3: return "DENIED";
    case -4: return "ALREADY_ON";
    case -5: return "ON_PENDING";
    case -6: return "INTERNAL_FAILURE";
    case -7: return "NOT_PRESENT";
    case -8: return "DISABLED";
    case -9: return "INVALID_ADDRESS";
    default: return "?";
    }
}

static inline void say_psci(const char *label, int64_t r)
{
    print(label);
    if (r >= 0) {
        print_hex((uint64_t)r);
    } else {
        print(psci_name(r));
    }
    print("\n");
}

/* ---- generic counter and bounded waits --------------------------------------------- */

static inline uint64_t cntpct(void)
{
    uint64_t v;
    __asm__ volatile("isb\n mrs %0, cntpct_el0" : "=r"(v) : : "memory");
    return v;
}

static inline uint64_t cntfrq(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(v));
    return v;
}

/* A deadline `ms` milliseconds from now. */
static inline uint64_t deadline_ms(uint64_t ms) { return cntpct() + cntfrq() / 1000 * ms; }

static inline int expired(uint64_t deadline) { return cntpct() >= deadline; }

/* Waits until *p == want (acquire); 0 on success, -1 (and TIMEOUT printed) after 10 s. */
static inline int await_u32(volatile uint32_t *p, uint32_t want, const char *what)
{
    uint64_t d = deadline_ms(10000);
    while (__atomic_load_n(p, __ATOMIC_ACQUIRE) != want) {
        if (expired(d)) {
            print("TIMEOUT waiting for ");
            say(what);
            return -1;
        }
    }
    return 0;
}

static inline void store_rel(volatile uint32_t *p, uint32_t v) { __atomic_store_n(p, v, __ATOMIC_RELEASE); }

static inline void irq_enable(void) { __asm__ volatile("msr daifclr, #2" : : : "memory"); }
static inline void irq_disable(void) { __asm__ volatile("msr daifset, #2" : : : "memory"); }

/*
 * Sleeps in WFI until *p != old (set by an interrupt handler). WFI runs with PSTATE.I set,
 * so an interrupt arriving between the check and the WFI still wakes it (D1.16.2); it is
 * taken in the short unmasked window. Returns with IRQs enabled.
 */
static inline void wfi_until_changed(volatile uint32_t *p, uint32_t old)
{
    irq_disable();
    while (__atomic_load_n(p, __ATOMIC_ACQUIRE) == old) {
        __asm__ volatile("wfi\n msr daifclr, #2\n isb\n msr daifset, #2" : : : "memory");
    }
    irq_enable();
}

static inline uint64_t mpidr(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, mpidr_el1" : "=r"(v));
    return v;
}

/* ---- PSCI (DEN0022D): function ids, SMC32 and SMC64 ------------------------------------ */

#define PSCI_VERSION        0x84000000u
#define PSCI_CPU_SUSPEND    0x84000001u
#define PSCI_CPU_OFF        0x84000002u
#define PSCI_CPU_ON         0x84000003u
#define PSCI_AFFINITY_INFO  0x84000004u
#define PSCI_MIGRATE        0x84000005u
#define PSCI_MIGRATE_INFO_TYPE 0x84000006u
#define PSCI_MIGRATE_INFO_UP_CPU 0x84000007u
#define PSCI_SYSTEM_OFF     0x84000008u
#define PSCI_SYSTEM_RESET   0x84000009u
#define PSCI_FEATURES       0x8400000Au
#define PSCI_64             0x40000000u

static inline int64_t cpu_on(unsigned target, uint64_t context)
{
    return psci_call(PSCI_CPU_ON | PSCI_64, target, (uint64_t)(uintptr_t)conform_secondary_entry, context);
}

static inline void system_off(void)
{
    psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
    for (;;) {
    }
}

/* Reports an exception the program did not expect (vector, ESR, ELR) and powers off. */
static inline void unexpected_vector(const struct frame *f, unsigned vector)
{
    print("unexpected exception vector ");
    print_dec(vector);
    print(" esr=");
    print_hex(f->esr);
    print(" elr=");
    print_hex(f->elr);
    print("\n");
    system_off();
}

/* ---- GICv2 (IHI 0048B), register offsets ------------------------------------------------ */

#define GICD_CTLR       0x000
#define GICD_TYPER      0x004
#define GICD_ISENABLER  0x100
#define GICD_ICENABLER  0x180
#define GICD_ISPENDR    0x200
#define GICD_ICPENDR    0x280
#define GICD_ISACTIVER  0x300
#define GICD_ICACTIVER  0x380
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR  0x800
#define GICD_ICFGR      0xC00
#define GICD_SGIR       0xF00
#define GICD_CPENDSGIR  0xF10
#define GICD_SPENDSGIR  0xF20

#define GICC_CTLR  0x00
#define GICC_PMR   0x04
#define GICC_BPR   0x08
#define GICC_IAR   0x0C
#define GICC_EOIR  0x10
#define GICC_RPR   0x14
#define GICC_HPPIR 0x18

#define REG8(a) (*(volatile uint8_t *)(uintptr_t)(a))
#define GICD(off) REG32(GICD_BASE + (off))
#define GICC(off) REG32(GICC_BASE + (off))

/* Distributor on (CPU 0, once). */
static inline void gicd_enable(void) { GICD(GICD_CTLR) = 1; }

/* This CPU's interface on, every priority unmasked (PMR 0xF0 keeps 16 levels on any GIC). */
static inline void gicc_enable(void)
{
    GICC(GICC_PMR) = 0xF0;
    GICC(GICC_BPR) = 2;
    GICC(GICC_CTLR) = 1;
}

static inline void gic_set_priority(unsigned id, uint8_t prio) { REG8(GICD_BASE + GICD_IPRIORITYR + id) = prio; }

static inline void gic_enable_irq(unsigned id) { GICD(GICD_ISENABLER + 4 * (id / 32)) = 1u << (id % 32); }

static inline void gic_disable_irq(unsigned id) { GICD(GICD_ICENABLER + 4 * (id / 32)) = 1u << (id % 32); }

static inline int gic_is_pending(unsigned id) { return (GICD(GICD_ISPENDR + 4 * (id / 32)) >> (id % 32)) & 1; }

/* GICD_SGIR: filter 0 = target list, 1 = all but self, 2 = self only (4.3.15). */
static inline void gic_send_sgi(unsigned sgi, unsigned filter, unsigned targets)
{
    __asm__ volatile("dsb sy" : : : "memory");
    GICD(GICD_SGIR) = (filter << 24) | (targets << 16) | sgi;
}

#endif
