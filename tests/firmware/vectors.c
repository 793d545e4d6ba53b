/*
 * Conformance: AArch64 exception entry and return at EL1 (ARM ARM D1.10 "Exception entry",
 * D1.11 "Exception return", D17.2.37 ESR_EL1): the vector offset of each kind of exception,
 * ESR_EL1 (EC, IL, ISS), ELR_EL1 relative to the faulting instruction's symbol, SPSR_EL1,
 * FAR_EL1 for aborts, ERET back, an illegal exception return, and EL0 entered by ERET with
 * SVC, traps and an IRQ taken at the lower-EL offsets (0x400). MMU off throughout.
 */
#include "lib/conform.h"

/* Unmapped on both emulators' virt board with -m 128M: beyond RAM. */
#define UNMAPPED_PA 0x50000000UL

/* What the handler saw for the last exception. */
static volatile struct {
    unsigned vector;
    uint64_t esr, elr, spsr, far;
    unsigned count;
} last;
/* How the handler returns: to ELR, to ELR + 4 (skip the instruction), to X30 (after a BLR). */
enum { RET_ELR, RET_SKIP, RET_LINK };
static volatile int how = RET_ELR;
static volatile uint32_t irq_seen;
static volatile unsigned irq_vector;
static uint64_t el0_stack[512] __attribute__((aligned(16)));

/* EL0 round trip: run_el0(entry, sp_el0, x0, spsr) returns when EL0 executes SVC #0xFFFF. */
uint64_t run_el0(uint64_t entry, uint64_t sp, uint64_t arg, uint64_t spsr);
extern char el0_return[];
uint64_t el1_saved_sp; /* used by run_el0 (asm) */
uint64_t el0_x2;       /* x2 at EL0 entry */

__asm__("    .text\n"
        "    .globl run_el0\n"
        "run_el0:\n"
        "    stp  x29, x30, [sp, #-96]!\n"
        "    stp  x19, x20, [sp, #16]\n"
        "    stp  x21, x22, [sp, #32]\n"
        "    stp  x23, x24, [sp, #48]\n"
        "    stp  x25, x26, [sp, #64]\n"
        "    stp  x27, x28, [sp, #80]\n"
        "    mov  x9, sp\n"
        "    adrp x10, el1_saved_sp\n"
        "    str  x9, [x10, :lo12:el1_saved_sp]\n"
        "    msr  sp_el0, x1\n"
        "    msr  elr_el1, x0\n"
        "    msr  spsr_el1, x3\n"
        "    mov  x0, x2\n"
        "    adrp x10, el0_x2\n"
        "    ldr  x2, [x10, :lo12:el0_x2]\n"
        "    eret\n"
        "    .globl el0_return\n"
        "el0_return:\n" /* the handler erets here (EL1h) after EL0's SVC #0xFFFF */
        "    adrp x10, el1_saved_sp\n"
        "    ldr  x9, [x10, :lo12:el1_saved_sp]\n"
        "    mov  sp, x9\n"
        "    ldp  x19, x20, [sp, #16]\n"
        "    ldp  x21, x22, [sp, #32]\n"
        "    ldp  x23, x24, [sp, #48]\n"
        "    ldp  x25, x26, [sp, #64]\n"
        "    ldp  x27, x28, [sp, #80]\n"
        "    ldp  x29, x30, [sp], #96\n"
        "    ret\n"
        /* EL0 code: each instruction below traps to EL1 (or is an SVC), then exits. */
        "    .globl el0_traps, el0_svc, el0_mrs, el0_cntvct, el0_wfi, el0_hvc, el0_brk, el0_cntvct_ok\n"
        "el0_traps:\n"
        "el0_svc:    svc  #0x77\n"
        "el0_mrs:    mrs  x1, sctlr_el1\n"
        "el0_cntvct: mrs  x1, cntvct_el0\n"
        "el0_wfi:    wfi\n"
        "el0_hvc:    hvc  #0\n"
        "el0_brk:    brk  #3\n"
        "el0_daif:   msr  daifset, #2\n"
        "el0_dczva:  dc   zva, x0\n"
        "el0_ldr:    ldr  x1, [x2]\n"
        "el0_curel:  mrs  x1, currentel\n"
        "            svc  #0xFFFF\n"
        /* With CNTKCTL_EL1.EL0VCTEN set: no trap; x0 (the argument) tells where to report. */
        "el0_cntvct_ok:\n"
        "            mrs  x1, cntvct_el0\n"
        "            str  x1, [x0]\n"
        "            svc  #0xFFFF\n"
        /* A load through a misaligned SP_EL0. */
        "    .globl el0_spalign\n"
        "el0_spalign:\n"
        "            ldr  x1, [sp]\n"
        "            svc  #0xFFFF\n"
        /* Spins at EL0 with interrupts unmasked until the IRQ handler sets *x0. */
        "    .globl el0_wait_irq\n"
        "el0_wait_irq:\n"
        "1:          ldr  w1, [x0]\n"
        "            cbz  w1, 1b\n"
        "            svc  #0xFFFF\n");

extern char el0_traps[], el0_svc[], el0_mrs[], el0_cntvct[], el0_wfi[], el0_hvc[], el0_brk[];
extern char el0_daif[], el0_dczva[], el0_ldr[], el0_curel[];
extern char el0_cntvct_ok[], el0_wait_irq[], el0_spalign[];

/* Logs of exceptions taken from EL0 (the handler records; CPU 0 prints afterwards). */
struct record {
    unsigned vector;
    uint64_t esr, elr, spsr;
};
static volatile struct record el0_log[12];
static volatile unsigned el0_log_len;

void conform_exception(struct frame *f, unsigned vector)
{
    if (vector == 4 + V_IRQ || vector == V_IRQ || vector == 8 + V_IRQ) {
        uint32_t iar = GICC(GICC_IAR);
        if ((iar & 0x3FF) == 27) {
            __asm__ volatile("msr cntv_ctl_el0, xzr\n isb"); /* level PPI: silence the timer */
        }
        irq_vector = vector;
        last.elr = f->elr;
        last.spsr = f->spsr;
        GICC(GICC_EOIR) = iar;
        store_rel(&irq_seen, iar & 0x3FF);
        return;
    }
    if (vector == 8 + V_SYNC) {
        /* From EL0: SVC #0xFFFF goes home to EL1, everything else is logged and skipped. */
        if (f->esr == ((0x15ull << 26) | (1ull << 25) | 0xFFFF)) {
            f->elr = (uint64_t)(uintptr_t)el0_return;
            f->spsr = 0x3C5; /* EL1h, DAIF masked */
            return;
        }
        if (el0_log_len < 12) {
            volatile struct record *r = &el0_log[el0_log_len++];
            r->vector = vector;
            r->esr = f->esr;
            r->elr = f->elr;
            r->spsr = f->spsr;
        }
        if ((f->esr >> 26) != 0x15) {
            f->elr += 4; /* SVC already returns past itself */
        }
        return;
    }
    last.vector = vector;
    last.esr = f->esr;
    last.elr = f->elr;
    last.spsr = f->spsr;
    last.far = f->far;
    last.count++;
    if (vector != 4 + V_SYNC && vector != V_SYNC) {
        say_dec("unexpected exception vector ", vector);
        system_off();
    }
    if ((f->esr >> 26) == 0x0E) {
        f->spsr &= ~(1ull << 20); /* clear PSTATE.IL, or the return faults again */
    }
    if (how == RET_SKIP) {
        f->elr += 4;
    } else if (how == RET_LINK) {
        f->elr = f->x[30];
    }
    how = RET_ELR;
}

/* "name: vector 0x200, ESR 0x..., ELR site+4, SPSR 0x3c5" (SPSR without NZCV). */
static void report(const char *name, const char *site_name, const void *site, int far)
{
    print(name);
    print(": vector ");
    print_hex(last.vector * 0x80);
    print(", ESR ");
    print_hex(last.esr);
    print(", ELR ");
    int64_t d = (int64_t)(last.elr - (uint64_t)(uintptr_t)site);
    print(site_name);
    if (d != 0) {
        print(d > 0 ? "+" : "-");
        print_dec((uint64_t)(d > 0 ? d : -d));
    }
    print(", SPSR ");
    print_hex(last.spsr & 0x0FFFFFFF);
    if (far) {
        print(", FAR ");
        print_hex(last.far);
    }
    print("\n");
}

/* Each test is one noinline function with a global label on the instruction that traps. */
extern char svc_site[], hvc_site[], smc_site[], brk_site[], udf_site[], hlt_site[], ldr_site[], str_site[];
extern char ldxr_site[], unaligned_site[], sp0_svc_site[], illegal_site[];

__attribute__((noinline)) static void synchronous_el1(void)
{
    __asm__ volatile(".globl svc_site\n svc_site: svc #0x1234" : : : "memory");
    report("SVC #0x1234", "svc_site", svc_site, 0);

    how = RET_SKIP;
    __asm__ volatile(".globl smc_site\n smc_site: smc #0" : : : "memory");
    report("SMC #0 (no EL3)", "smc_site", smc_site, 0);

    /* NZCV goes to SPSR_EL1[31:28] and comes back with ERET. */
    uint64_t nzcv_after;
    __asm__ volatile("msr nzcv, %1\n svc #0x66\n mrs %0, nzcv" : "=r"(nzcv_after) : "r"(0x60000000ull) : "memory");
    say_hex("SVC with Z and C set: SPSR.NZCV = ", last.spsr >> 28);
    say_hex("after ERET: NZCV = ", nzcv_after >> 28);

    how = RET_SKIP;
    __asm__ volatile(".globl brk_site\n brk_site: brk #0x42" : : : "memory");
    report("BRK #0x42", "brk_site", brk_site, 0);

    how = RET_SKIP;
    __asm__ volatile(".globl udf_site\n udf_site: .inst 0x00000000" : : : "memory");
    report("UDF #0", "udf_site", udf_site, 0);

    how = RET_SKIP;
    __asm__ volatile(".globl hlt_site\n hlt_site: hlt #1" : : : "memory");
    report("HLT #1 (halting debug off)", "hlt_site", hlt_site, 0);
}

__attribute__((noinline)) static void aborts(void)
{
    uint64_t v = 0;
    how = RET_SKIP;
    __asm__ volatile(".globl ldr_site\n ldr_site: ldr %0, [%1]" : "+r"(v) : "r"(UNMAPPED_PA) : "memory");
    report("LDR from unmapped PA", "ldr_site", ldr_site, 1);
    print("  EC ");
    print_hex(last.esr >> 26);
    print(" WnR ");
    print_dec((last.esr >> 6) & 1);
    print(" DFSC ");
    print_hex(last.esr & 0x3F);
    print("\n");

    how = RET_SKIP;
    __asm__ volatile(".globl str_site\n str_site: str %0, [%1]" : : "r"(v), "r"(UNMAPPED_PA + 8) : "memory");
    print("STR to unmapped PA: EC ");
    print_hex(last.esr >> 26);
    print(" WnR ");
    print_dec((last.esr >> 6) & 1);
    print(" DFSC ");
    print_hex(last.esr & 0x3F);
    print(" FAR ");
    print_hex(last.far);
    print(" ELR at str_site ");
    print_dec(last.elr == (uint64_t)(uintptr_t)str_site);
    print("\n");

    /* Instruction abort: branch with link into nothing, come back through X30. */
    how = RET_LINK;
    __asm__ volatile("blr %0" : : "r"(UNMAPPED_PA) : "x30", "memory");
    print("BLR to unmapped PA: vector ");
    print_hex(last.vector * 0x80);
    print(" ESR ");
    print_hex(last.esr);
    print(" ELR ");
    print_hex(last.elr);
    print(" FAR ");
    print_hex(last.far);
    print("\n");

    /* Misaligned PC (D1.10.4 "PC alignment checking"): EC 0x22, FAR = ELR = the target. */
    static uint32_t ret_insn[2] __attribute__((aligned(8)));
    ret_insn[0] = 0xD65F03C0; /* RET */
    __asm__ volatile("dsb sy\n ic iallu\n dsb sy\n isb" : : : "memory");
    how = RET_LINK;
    __asm__ volatile("blr %0" : : "r"((uint64_t)(uintptr_t)ret_insn + 2) : "x30", "memory");
    print("BLR to a PC 2 bytes into an instruction: vector ");
    print_hex(last.vector * 0x80);
    print(" ESR ");
    print_hex(last.esr);
    print(" ELR-target ");
    print_dec(last.elr - ((uint64_t)(uintptr_t)ret_insn + 2));
    print(" FAR-target ");
    print_dec(last.far - ((uint64_t)(uintptr_t)ret_insn + 2));
    print("\n");

    /* With the MMU off data accesses are Device-nGnRnE (D8.2.10, AArch64.S1DisabledOutput()),
     * and an unaligned Device access is an Alignment fault (B2.5.2; the Device check of
     * AArch64.TranslateAddress()). QEMU 7.2 does not check this: a "[strict]" line. */
    static uint64_t plain[2];
    unsigned counted = last.count;
    how = RET_SKIP;
    last.count = 0;
    __asm__ volatile(".globl unaligned_site\n unaligned_site: ldr %0, [%1]"
                     : "=r"(v)
                     : "r"((uint64_t)(uintptr_t)plain + 4)
                     : "memory");
    print("[strict] unaligned LDR, MMU off: faults ");
    print_dec(last.count);
    if (last.count) {
        print(" ESR ");
        print_hex(last.esr);
    }
    print("\n");
    how = RET_ELR;
    last.count = counted;

    /* Exclusives must be aligned whatever the memory type: alignment fault, DFSC 0x21. */
    static uint64_t words[2];
    how = RET_SKIP;
    __asm__ volatile(".globl ldxr_site\n ldxr_site: ldxr %0, [%1]"
                     : "=r"(v)
                     : "r"((uint64_t)(uintptr_t)words + 4)
                     : "memory");
    report("LDXR unaligned", "ldxr_site", ldxr_site, 0);
    print("  EC ");
    print_hex(last.esr >> 26);
    print(" DFSC ");
    print_hex(last.esr & 0x3F);
    print(" FAR-address ");
    print_dec(last.far - ((uint64_t)(uintptr_t)words + 4));
    print("\n");
}

static void gic_self_sgi_setup(void)
{
    gicd_enable();
    gicc_enable();
}

__attribute__((noinline)) static void interrupts_and_sp0(void)
{
    /* IRQ at EL1 using SP_EL1: offset 0x280. */
    irq_seen = 0;
    gic_send_sgi(9, 2, 0);
    irq_enable();
    await_u32(&irq_seen, 9, "SGI 9");
    irq_disable();
    print("IRQ at EL1h: vector ");
    print_hex(irq_vector * 0x80);
    print(", SPSR ");
    print_hex(last.spsr & 0x0FFFFFFF);
    print("\n");

    /* IRQ and SVC at EL1 using SP_EL0 (EL1t): offsets 0x080 and 0x000. */
    irq_seen = 0;
    gic_send_sgi(10, 2, 0);
    __asm__ volatile("mov  x9, sp\n"
                     "sub  x9, x9, #2048\n"
                     "msr  sp_el0, x9\n"
                     "msr  spsel, #0\n"
                     "msr  daifclr, #2\n"
                     "1:   ldr  w10, [%0]\n"
                     "     cbz  w10, 1b\n"
                     "msr  daifset, #2\n"
                     ".globl sp0_svc_site\n"
                     "sp0_svc_site: svc #0x55\n"
                     "msr  spsel, #1\n"
                     :
                     : "r"(&irq_seen)
                     : "x9", "x10", "memory");
    report("SVC at EL1t", "sp0_svc_site", sp0_svc_site, 0);
    print("IRQ at EL1t: vector ");
    print_hex(irq_vector * 0x80);
    say_dec(", SGI ", irq_seen);
}

/* D1.16.1 "The Event Register": an exception return sets it, so a WFE right after an ERET
 * does not wait. The virtual timer (2 s, IRQ unmasked) only bounds the wait if it did. */
__attribute__((noinline)) static void event_after_eret(void)
{
    gic_set_priority(27, 0x80);
    gic_enable_irq(27);
    irq_seen = 0;
    __asm__ volatile("msr cntv_tval_el0, %0\n msr cntv_ctl_el0, %1\n isb" : : "r"(cntfrq() * 2), "r"(1ull) : "memory");
    irq_enable();
    __asm__ volatile("sevl\n wfe\n" /* the event register is now clear */
                     "svc #0x44\n"  /* exception entry and return */
                     "wfe" : : : "memory");
    uint32_t waited = irq_seen != 0;
    irq_disable();
    __asm__ volatile("msr cntv_ctl_el0, xzr\n isb" : : : "memory");
    say_dec("WFE right after an exception return waited for an interrupt: ", waited);
    irq_seen = 0;
}

__attribute__((noinline)) static void illegal_return(void)
{
    /* D1.11.3: an ERET to EL2 that is not implemented is an illegal return: EL1 stays,
     * PSTATE.IL is set, and the next instruction takes an Illegal state exception (EC 0x0E). */
    how = RET_SKIP;
    __asm__ volatile("adr  x9, illegal_site\n"
                     "msr  elr_el1, x9\n"
                     "mov  x9, #0x3c9\n" /* EL2h, DAIF masked */
                     "msr  spsr_el1, x9\n"
                     "eret\n"
                     ".globl illegal_site\n"
                     "illegal_site: nop\n"
                     :
                     :
                     : "x9", "memory");
    report("ERET to EL2 (not implemented)", "illegal_site", illegal_site, 0);
    uint64_t el;
    __asm__ volatile("mrs %0, currentel" : "=r"(el));
    say_dec("after the illegal return, EL", el >> 2);
}

/* run_el0 with x2 = a second argument for EL0 code (x0 = arg). */
static void run_el0_x2(uint64_t entry, uint64_t sp, uint64_t arg, uint64_t x2)
{
    register uint64_t r2 __asm__("x2") = x2;
    __asm__ volatile("" : : "r"(r2));
    el0_x2 = x2;
    run_el0(entry, sp, arg, 0x3C0);
}

static void print_el0_log(void)
{
    static const struct {
        const char *name;
        const char *site;
        const char *addr;
    } sites[] = {
        {"EL0 SVC #0x77", "el0_svc", el0_svc},
        {"EL0 MRS SCTLR_EL1", "el0_mrs", el0_mrs},
        {"EL0 MRS CNTVCT_EL0, EL0VCTEN=0", "el0_cntvct", el0_cntvct},
        {"EL0 WFI, nTWI=0", "el0_wfi", el0_wfi},
        {"EL0 HVC #0", "el0_hvc", el0_hvc},
        {"EL0 BRK #3", "el0_brk", el0_brk},
        {"EL0 MSR DAIFSet, UMA=0", "el0_daif", el0_daif},
        {"EL0 DC ZVA, DZE=0", "el0_dczva", el0_dczva},
        {"EL0 LDR from unmapped PA", "el0_ldr", el0_ldr},
        {"EL0 MRS CurrentEL", "el0_curel", el0_curel},
    };
    say_dec("EL0 exceptions logged: ", el0_log_len);
    for (unsigned i = 0; i < el0_log_len && i < sizeof sites / sizeof sites[0]; i++) {
        if (sites[i].addr == el0_daif) {
            /* ISS of a trapped MSR DAIFSet (D17.2.37 ESR_ELx, EC 0x18: Op2 [19:17], Op1
             * [16:14]); DAIFSet is Op1 = 3, Op2 = 6 (C5.2.3). QEMU 7.2 reports them swapped
             * (Op1 = 6, Op2 = 3): a "[strict]" line, emu4e only. */
            print("[strict] ");
        }
        last.vector = el0_log[i].vector;
        last.esr = el0_log[i].esr;
        last.elr = el0_log[i].elr;
        last.spsr = el0_log[i].spsr;
        report(sites[i].name, sites[i].site, sites[i].addr, 0);
    }
}

__attribute__((noinline)) static void el0(void)
{
    uint64_t sp0 = (uint64_t)(uintptr_t)&el0_stack[512];
    uint64_t sctlr, kctl;
    __asm__ volatile("mrs %0, sctlr_el1" : "=r"(sctlr));
    /* nTWI (16), UMA (9), DZE (14) = 0: WFI, DAIF writes and DC ZVA trap from EL0. */
    uint64_t traps = sctlr & ~((1ull << 16) | (1ull << 9) | (1ull << 14));
    __asm__ volatile("msr sctlr_el1, %0\n isb" : : "r"(traps) : "memory");
    __asm__ volatile("msr cntkctl_el1, xzr\n isb" : : : "memory");
    run_el0_x2((uint64_t)(uintptr_t)el0_traps, sp0, (uint64_t)(uintptr_t)el0_stack, UNMAPPED_PA);
    print_el0_log();

    static volatile uint64_t vct;
    __asm__ volatile("msr cntkctl_el1, %0\n isb" : : "r"(2ull) : "memory"); /* EL0VCTEN */
    el0_log_len = 0;
    run_el0((uint64_t)(uintptr_t)el0_cntvct_ok, sp0, (uint64_t)(uintptr_t)&vct, 0x3C0);
    say_dec("EL0 MRS CNTVCT_EL0 with EL0VCTEN=1: exceptions ", el0_log_len);
    say_dec("EL0 MRS CNTVCT_EL0 with EL0VCTEN=1: value nonzero ", vct != 0);
    __asm__ volatile("mrs %0, cntkctl_el1" : "=r"(kctl));
    __asm__ volatile("msr cntkctl_el1, xzr\n msr sctlr_el1, %0\n isb" : : "r"(sctlr) : "memory");

    /* SP alignment check (D1.8.2, CheckSPAlignment(): at EL0 when SCTLR_EL1.SA0 = 1) with SP
     * not 16-byte aligned: EC 0x26. QEMU 7.2 omits SP alignment checks: a "[strict]" line. */
    __asm__ volatile("msr sctlr_el1, %0\n isb" : : "r"(sctlr | (1ull << 4)) : "memory");
    el0_log_len = 0;
    run_el0((uint64_t)(uintptr_t)el0_spalign, sp0 - 8, 0, 0x3C0);
    print("[strict] EL0 LDR through SP_EL0 = 8 mod 16, SA0=1: exceptions ");
    print_dec(el0_log_len);
    if (el0_log_len) {
        print(" ESR ");
        print_hex(el0_log[0].esr);
        print(" ELR at el0_spalign ");
        print_dec(el0_log[0].elr == (uint64_t)(uintptr_t)el0_spalign);
    }
    print("\n");
    __asm__ volatile("msr sctlr_el1, %0\n isb" : : "r"(sctlr) : "memory");

    /* IRQ taken from EL0 with PSTATE.I clear: offset 0x480, SPSR.M = EL0t. */
    irq_seen = 0;
    irq_vector = 0;
    gic_send_sgi(11, 2, 0);
    run_el0((uint64_t)(uintptr_t)el0_wait_irq, sp0, (uint64_t)(uintptr_t)&irq_seen, 0x0);
    print("IRQ from EL0: vector ");
    print_hex(irq_vector * 0x80);
    print(", SGI ");
    print_dec(irq_seen);
    print(", SPSR ");
    print_hex(last.spsr & 0x0FFFFFFF);
    print(", ELR in el0_wait_irq ");
    print_dec(last.elr >= (uint64_t)(uintptr_t)el0_wait_irq && last.elr < (uint64_t)(uintptr_t)el0_wait_irq + 12);
    print("\n");
}

/* ---- stage 1 translation faults (D8 "The AArch64 Virtual Memory System Architecture") ---- */

static uint64_t l1[512] __attribute__((aligned(4096)));
static uint64_t l2[512] __attribute__((aligned(4096)));

#define GIB (1ull << 30)
#define BLOCK_AF (1ull << 10)
#define NORMAL_RAM (0x40000000ull | BLOCK_AF | (3ull << 8) | 1) /* AttrIndx 0, inner shareable */
#define AP_RO (2ull << 6)
#define PXN (1ull << 53)

static void mmu_on(void)
{
    l1[0] = 0x0ull | BLOCK_AF | (1ull << 2) | 1 | (3ull << 53); /* devices: AttrIndx 1, XN */
    l1[1] = NORMAL_RAM;                                          /* identity RAM */
    l1[2] = 0;                                                   /* invalid */
    l1[3] = NORMAL_RAM & ~BLOCK_AF;                              /* access flag clear */
    l1[4] = NORMAL_RAM | AP_RO;                                  /* read-only alias */
    l1[5] = NORMAL_RAM | PXN;                                    /* no execution at EL1 */
    l1[6] = (uint64_t)(uintptr_t)l2 | 3;                         /* table: level 2 */
    l2[0] = 0;                                                   /* invalid */
    l2[1] = NORMAL_RAM;                                          /* 2 MiB block of RAM */
    uint64_t tcr = 25ull | (1ull << 8) | (1ull << 10) | (3ull << 12) | (1ull << 23) | (2ull << 32);
    __asm__ volatile("msr mair_el1, %0\n msr tcr_el1, %1\n msr ttbr0_el1, %2\n isb\n"
                     "tlbi vmalle1\n dsb ish\n isb"
                     : : "r"(0x00FFull), "r"(tcr), "r"((uint64_t)(uintptr_t)l1) : "memory");
    uint64_t sctlr;
    __asm__ volatile("mrs %0, sctlr_el1" : "=r"(sctlr));
    __asm__ volatile("msr sctlr_el1, %0\n isb" : : "r"(sctlr | 1) : "memory");
}

static void mmu_off(void)
{
    uint64_t sctlr;
    __asm__ volatile("mrs %0, sctlr_el1" : "=r"(sctlr));
    __asm__ volatile("msr sctlr_el1, %0\n isb" : : "r"(sctlr & ~1ull) : "memory");
}

extern char mmu_ld_site[], mmu_st_site[];

/* One load (or store) at va; reports the abort, or the value read. */
__attribute__((noinline)) static void access(const char *name, uint64_t va, int write)
{
    uint64_t v = 0;
    last.count = 0;
    how = RET_SKIP;
    if (write) {
        __asm__ volatile(".globl mmu_st_site\n mmu_st_site: str %0, [%1]" : : "r"(v), "r"(va) : "memory");
    } else {
        __asm__ volatile(".globl mmu_ld_site\n mmu_ld_site: ldr %0, [%1]" : "+r"(v) : "r"(va) : "memory");
    }
    how = RET_ELR;
    print(name);
    if (last.count == 0) {
        print(": no fault, read ");
        print_hex(v);
        print("\n");
        return;
    }
    print(": ESR ");
    print_hex(last.esr);
    print(" (DFSC ");
    print_hex(last.esr & 0x3F);
    print(" WnR ");
    print_dec((last.esr >> 6) & 1);
    print("), FAR ");
    print_hex(last.far);
    print(", ELR at the access ");
    print_dec(last.elr == (uint64_t)(uintptr_t)(write ? mmu_st_site : mmu_ld_site));
    print("\n");
}

static volatile uint64_t probe_word = 0x5A5A0000CAFEull;

__attribute__((noinline)) static void translation(void)
{
    unsigned counted = last.count;
    mmu_on();
    uint64_t off = (uint64_t)(uintptr_t)&probe_word - 0x40000000ull;
    access("MMU: identity RAM read", 0x40000000ull + off, 0);
    access("MMU: level 1 invalid entry", 2 * GIB + off, 0);
    access("MMU: level 1 block with AF=0", 3 * GIB + off, 0);
    access("MMU: read-only block, read", 4 * GIB + off, 0);
    access("MMU: read-only block, write", 4 * GIB + off, 1);
    access("MMU: level 2 invalid entry", 6 * GIB + 0x1000, 0);
    access("MMU: level 2 block read", 6 * GIB + (2ull << 20) + (off & 0x1FFFFF), 0);
    access("MMU: VA beyond T0SZ (2^39)", 1ull << 39, 0);

    /* Instruction fetch from a PXN alias: Instruction Abort, permission fault. */
    static uint32_t ret_insn[2] __attribute__((aligned(8)));
    ret_insn[0] = 0xD65F03C0; /* RET */
    __asm__ volatile("dsb sy\n ic iallu\n dsb sy\n isb" : : : "memory");
    uint64_t pxn_va = 5 * GIB + ((uint64_t)(uintptr_t)ret_insn - 0x40000000ull);
    last.count = 0;
    how = RET_LINK;
    __asm__ volatile("blr %0" : : "r"(pxn_va) : "x30", "memory");
    print("MMU: execute from a PXN block: ESR ");
    print_hex(last.esr);
    print(", FAR-target ");
    print_dec(last.far - pxn_va);
    print(", ELR-target ");
    print_dec(last.elr - pxn_va);
    print("\n");

    /* A new mapping is used once TLBs are invalidated (D8.13 "TLB maintenance"). */
    l1[2] = NORMAL_RAM;
    __asm__ volatile("dsb ishst\n tlbi vmalle1\n dsb ish\n isb" : : : "memory");
    access("MMU: level 1 entry made valid, after TLBI", 2 * GIB + off, 0);
    mmu_off();
    last.count = counted;
}

void conform_secondary(unsigned cpu, uint64_t context)
{
    (void)cpu;
    (void)context;
}

int main(void)
{
    install_vectors();
    say("vectors: start");
    gic_self_sgi_setup();
    synchronous_el1();
    aborts();
    interrupts_and_sp0();
    event_after_eret();
    illegal_return();
    el0();
    translation();
    say_dec("synchronous exceptions at EL1: ", last.count);
    say("vectors: done");
    system_off();
    return 0;
}
