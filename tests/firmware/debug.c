/*
 * Conformance: self-hosted debug at EL1 and EL0 (ARM ARM D2 "AArch64 Self-hosted Debug") as a
 * Cortex-A53 has it: ID_AA64DFR0_EL1, the OS lock from reset, hardware breakpoints
 * (DBGBVR/DBGBCR: address match with BAS, PMC, KDE and PSTATE.D, MDE, linked context ID),
 * watchpoints (DBGWVR/DBGWCR: LSC, BAS, MASK, PAC, FAR and WnR), software step
 * (MDSCR_EL1.SS with SPSR.SS: one instruction, then EC 0x32/0x33 with ISV and EX) and BRK,
 * which no debug enable gates. Exceptions are handled by lib/conform.h's vectors: the handler
 * records each one, turns the breakpoints or watchpoints off and returns to the instruction
 * (which then runs), and steps on while a budget lasts. MMU off, CPU 0 only.
 */
#include "lib/conform.h"

#define MDSCR_SS (1ull << 0)
#define MDSCR_KDE (1ull << 13)
#define MDSCR_MDE (1ull << 15)
#define SPSR_SS (1ull << 21)
/* DBGBCR<n>_EL1: E, PMC (1 = EL1, 2 = EL0), BAS = 0b1111, LBN [19:16], BT [23:20]. */
#define BCR(pmc, bt, lbn) (1ull | ((uint64_t)(pmc) << 1) | (0xFull << 5) | ((uint64_t)(lbn) << 16) | ((uint64_t)(bt) << 20))
/* DBGWCR<n>_EL1: E, PAC, LSC (1 = load, 2 = store), BAS [12:5], MASK [28:24]. */
#define WCR(pac, lsc, bas, mask) \
    (1ull | ((uint64_t)(pac) << 1) | ((uint64_t)(lsc) << 3) | ((uint64_t)(bas) << 5) | ((uint64_t)(mask) << 24))
#define SVC_HOME ((0x15ull << 26) | (1ull << 25) | 0xFFFF)

#define WR(reg, v) __asm__ volatile("msr " #reg ", %0" : : "r"((uint64_t)(v)) : "memory")
#define RD(reg) ({ uint64_t v_; __asm__ volatile("mrs %0, " #reg : "=r"(v_)); v_; })
#define ISB() __asm__ volatile("isb" : : : "memory")

struct record {
    unsigned vector;
    uint64_t esr, elr, spsr, far, watched;
};
static volatile struct record log_[16];
static volatile unsigned log_len;
static volatile unsigned step_budget; /* step exceptions after which stepping continues */
static volatile uint64_t *volatile watched; /* a word the handler samples at a watchpoint */

/* EL0 round trip: enter_el0(entry, sp_el0, x0, spsr) returns when EL0 executes SVC #0xFFFF. */
void enter_el0(uint64_t entry, uint64_t sp, uint64_t arg, uint64_t spsr);
extern char el0_home[];
uint64_t debug_el1_sp;
static uint64_t el0_stack[256] __attribute__((aligned(16)));

__asm__("    .text\n"
        "    .globl enter_el0\n"
        "enter_el0:\n"
        "    stp  x29, x30, [sp, #-96]!\n"
        "    stp  x19, x20, [sp, #16]\n"
        "    stp  x21, x22, [sp, #32]\n"
        "    stp  x23, x24, [sp, #48]\n"
        "    stp  x25, x26, [sp, #64]\n"
        "    stp  x27, x28, [sp, #80]\n"
        "    mov  x9, sp\n"
        "    adrp x10, debug_el1_sp\n"
        "    str  x9, [x10, :lo12:debug_el1_sp]\n"
        "    msr  sp_el0, x1\n"
        "    msr  elr_el1, x0\n"
        "    msr  spsr_el1, x3\n"
        "    mov  x0, x2\n"
        "    isb\n"
        "    eret\n"
        "    .globl el0_home\n"
        "el0_home:\n"
        "    adrp x10, debug_el1_sp\n"
        "    ldr  x9, [x10, :lo12:debug_el1_sp]\n"
        "    mov  sp, x9\n"
        "    ldp  x19, x20, [sp, #16]\n"
        "    ldp  x21, x22, [sp, #32]\n"
        "    ldp  x23, x24, [sp, #48]\n"
        "    ldp  x25, x26, [sp, #64]\n"
        "    ldp  x27, x28, [sp, #80]\n"
        "    ldp  x29, x30, [sp], #96\n"
        "    ret\n"
        /* Stepped at EL0; x0 points at a doubleword. */
        "    .globl el0_step\n"
        "el0_step:\n"
        "    movz x1, #1\n"
        "    add  x1, x1, #2\n"
        "    b    1f\n"
        "    movz x1, #99\n"
        "1:  ldxr x2, [x0]\n"
        "    clrex\n"
        "    svc  #0x12\n"
        "    nop\n"
        "    svc  #0xFFFF\n"
        /* A breakpoint and a watchpoint hit at EL0; x0 points at a doubleword. */
        "    .globl el0_debug, el0_bp_site, el0_wp_site\n"
        "el0_debug:\n"
        "    nop\n"
        "el0_bp_site:\n"
        "    movz x1, #5\n"
        "el0_wp_site:\n"
        "    str  x1, [x0]\n"
        "    svc  #0xFFFF\n");

extern char el0_step[], el0_debug[], el0_bp_site[], el0_wp_site[];

static void breakpoints_off(void)
{
    WR(dbgbcr0_el1, 0);
    WR(dbgbcr1_el1, 0);
    WR(dbgbcr4_el1, 0);
    WR(dbgbcr5_el1, 0);
}

static void watchpoints_off(void)
{
    WR(dbgwcr0_el1, 0);
    WR(dbgwcr1_el1, 0);
    WR(dbgwcr3_el1, 0);
}

void conform_exception(struct frame *f, unsigned vector)
{
    if (vector == 8 + V_SYNC && f->esr == SVC_HOME) {
        f->elr = (uint64_t)(uintptr_t)el0_home;
        f->spsr = 0x3C5; /* EL1h, DAIF masked */
        return;
    }
    if (vector != 4 + V_SYNC && vector != 8 + V_SYNC) {
        unexpected_vector(f, vector);
    }
    if (log_len < 16) {
        volatile struct record *r = &log_[log_len++];
        r->vector = vector;
        r->esr = f->esr;
        r->elr = f->elr;
        r->spsr = f->spsr;
        r->far = f->far;
        r->watched = watched ? *watched : 0;
    }
    switch (f->esr >> 26) {
    case 0x30: /* Breakpoint: off, and the instruction runs on return */
    case 0x31:
        breakpoints_off();
        break;
    case 0x34: /* Watchpoint: off, and the access happens on return */
    case 0x35:
        watchpoints_off();
        break;
    case 0x32: /* Software step: on while the budget lasts */
    case 0x33:
        if (step_budget > 0) {
            step_budget--;
            f->spsr |= SPSR_SS;
        } else {
            WR(mdscr_el1, RD(mdscr_el1) & ~MDSCR_SS);
            f->spsr &= ~SPSR_SS;
        }
        break;
    case 0x3C: /* BRK: skip it */
        f->elr += 4;
        break;
    case 0x15: /* SVC: returns past itself */
        break;
    default:
        unexpected_vector(f, vector);
    }
    ISB();
}

/* "  vector 0x200, ESR 0x..., ELR site+4" and, for watchpoints, "FAR base+8". */
static void print_record(unsigned i, const char *site_name, const void *site, const char *far_name, const void *far_base)
{
    const volatile struct record *r = &log_[i];
    print("vector ");
    print_hex(r->vector * 0x80);
    print(", ESR ");
    print_hex(r->esr);
    print(", ELR ");
    print(site_name);
    int64_t d = (int64_t)(r->elr - (uint64_t)(uintptr_t)site);
    if (d != 0) {
        print(d > 0 ? "+" : "-");
        print_dec((uint64_t)(d > 0 ? d : -d));
    }
    if (far_name) {
        print(", FAR ");
        print(far_name);
        print("+");
        print_dec(r->far - (uint64_t)(uintptr_t)far_base);
    }
    print("\n");
}

/* One line per test: "<name>: exceptions N" and the first record when there is one. */
static void report(const char *name, const char *site_name, const void *site, const char *far_name, const void *far_base)
{
    print(name);
    print(": exceptions ");
    print_dec(log_len);
    if (log_len) {
        print(", ");
        print_record(0, site_name, site, far_name, far_base);
    } else {
        print("\n");
    }
}

/* Sets MDSCR_EL1 and PSTATE.D for the next test and clears the log. */
static void debug_state(uint64_t mdscr, int d_masked)
{
    log_len = 0;
    WR(mdscr_el1, mdscr);
    if (d_masked) {
        __asm__ volatile("msr daifset, #8" : : : "memory");
    } else {
        __asm__ volatile("msr daifclr, #8" : : : "memory");
    }
    ISB();
}

/* ---- hardware breakpoints (D2.9) -------------------------------------------------------- */

extern char bp_site[];

__attribute__((noinline)) static uint64_t bp_target(void)
{
    uint64_t v;
    __asm__ volatile(".globl bp_site\n bp_site: mov %0, #7" : "=r"(v) : : "memory");
    return v;
}

/* Breakpoint 0 on bp_site with DBGBCR0 = bcr, then call it. */
static void try_breakpoint(const char *name, uint64_t bcr, uint64_t mdscr, int d_masked)
{
    WR(dbgbvr0_el1, (uintptr_t)bp_site);
    WR(dbgbcr0_el1, bcr);
    debug_state(mdscr, d_masked);
    uint64_t v = bp_target();
    __asm__ volatile("msr daifset, #8\n isb" : : : "memory");
    report(name, "bp_site", bp_site, 0, 0);
    if (v != 7) {
        say("WRONG: bp_site did not run after the exception");
    }
    breakpoints_off();
}

static void breakpoints(void)
{
    try_breakpoint("EL1 breakpoint, MDE KDE", BCR(3, 0, 0), MDSCR_MDE | MDSCR_KDE, 0);
    say_hex("  SPSR.D at the breakpoint: ", (log_[0].spsr >> 9) & 1);
    try_breakpoint("EL1 breakpoint, PMC = EL1 only", BCR(1, 0, 0), MDSCR_MDE | MDSCR_KDE, 0);
    try_breakpoint("EL1 breakpoint, PMC = EL0 only", BCR(2, 0, 0), MDSCR_MDE | MDSCR_KDE, 0);
    try_breakpoint("EL1 breakpoint, KDE = 0", BCR(3, 0, 0), MDSCR_MDE, 0);
    try_breakpoint("EL1 breakpoint, PSTATE.D = 1", BCR(3, 0, 0), MDSCR_MDE | MDSCR_KDE, 1);
    try_breakpoint("EL1 breakpoint, MDE = 0", BCR(3, 0, 0), MDSCR_KDE, 0);
    try_breakpoint("EL1 breakpoint, BAS = 0", BCR(3, 0, 0) & ~(0xFull << 5), MDSCR_MDE | MDSCR_KDE, 0);
    try_breakpoint("EL1 breakpoint, E = 0", BCR(3, 0, 0) & ~1ull, MDSCR_MDE | MDSCR_KDE, 0);

    /* Breakpoint 0 linked (BT 0b0001, LBN 4) to breakpoint 4, a linked context ID match
     * (BT 0b0011) on CONTEXTIDR_EL1 = 0x42 (breakpoints 4 and 5 are the context-aware ones). */
    for (uint64_t ctx = 0x42; ctx <= 0x43; ctx++) {
        WR(contextidr_el1, ctx);
        WR(dbgbvr4_el1, 0x42);
        WR(dbgbcr4_el1, BCR(3, 3, 0));
        try_breakpoint(ctx == 0x42 ? "linked to CONTEXTIDR match, CONTEXTIDR_EL1 = 0x42"
                                   : "linked to CONTEXTIDR match, CONTEXTIDR_EL1 = 0x43",
                       BCR(3, 1, 4), MDSCR_MDE | MDSCR_KDE, 0);
    }
    WR(contextidr_el1, 0);

    /* An unlinked context ID breakpoint (BT 0b0010) on breakpoint 5 matches every instruction
     * while CONTEXTIDR_EL1 holds its value (AArch64.BreakpointValueMatch(), match_cid).
     * QEMU 7.2 does not implement unlinked context breakpoints (it logs them as unimplemented):
     * a "[strict]" line, emu4e only. */
    WR(dbgbvr5_el1, 0x55);
    WR(dbgbcr5_el1, BCR(3, 2, 0));
    debug_state(MDSCR_MDE | MDSCR_KDE, 0);
    __asm__ volatile("msr contextidr_el1, %0\n isb\n nop\n nop" : : "r"(0x55ull) : "memory");
    __asm__ volatile("msr daifset, #8\n isb" : : : "memory");
    WR(contextidr_el1, 0);
    breakpoints_off();
    print("[strict] unlinked CONTEXTIDR breakpoint: exceptions ");
    print_dec(log_len);
    if (log_len) {
        print(", ESR ");
        print_hex(log_[0].esr);
    }
    print("\n");

    /* DBGBCR.BAS[1] and BAS[3] read as copies of BAS[0] and BAS[2]. */
    WR(dbgbcr1_el1, 0x21);
    say_hex("DBGBCR1_EL1 written 0x21 reads ", RD(dbgbcr1_el1));
    WR(dbgbcr1_el1, 0);
}

/* ---- watchpoints (D2.10) ----------------------------------------------------------------- */

static volatile uint64_t wdata[4] __attribute__((aligned(64)));
static volatile uint8_t wpage[8192] __attribute__((aligned(4096)));
extern char wp_st_site[], wp_ld_site[], wp_stb_site[];

__attribute__((noinline)) static void store64(volatile void *p, uint64_t v)
{
    __asm__ volatile(".globl wp_st_site\n wp_st_site: str %1, [%0]" : : "r"(p), "r"(v) : "memory");
}

__attribute__((noinline)) static uint64_t load64(volatile void *p)
{
    uint64_t v;
    __asm__ volatile(".globl wp_ld_site\n wp_ld_site: ldr %0, [%1]" : "=r"(v) : "r"(p) : "memory");
    return v;
}

__attribute__((noinline)) static void store8(volatile void *p, uint64_t v)
{
    __asm__ volatile(".globl wp_stb_site\n wp_stb_site: strb %w1, [%0]" : : "r"(p), "r"(v) : "memory");
}

static void arm_watchpoint(volatile void *at, uint64_t wcr)
{
    WR(dbgwvr0_el1, (uintptr_t)at);
    WR(dbgwcr0_el1, wcr);
    debug_state(MDSCR_MDE | MDSCR_KDE, 0);
}

static void disarm(void)
{
    __asm__ volatile("msr daifset, #8\n isb" : : : "memory");
    watchpoints_off();
}

static void watchpoints(void)
{
    wdata[1] = 0x1111;
    watched = &wdata[1];
    arm_watchpoint(&wdata[1], WCR(3, 2, 0xFF, 0));
    store64(&wdata[1], 0x2222);
    disarm();
    report("STR to a watched doubleword", "wp_st_site", wp_st_site, "wdata", (const void *)wdata);
    print("  memory at the exception ");
    print_hex(log_[0].watched);
    print(", after the return ");
    print_hex(wdata[1]);
    print("\n");
    watched = 0;

    arm_watchpoint(&wdata[1], WCR(3, 2, 0xFF, 0));
    uint64_t v = load64(&wdata[1]);
    disarm();
    report("LDR, LSC = store only", "wp_ld_site", wp_ld_site, 0, 0);
    say_hex("  read ", v);

    arm_watchpoint(&wdata[1], WCR(3, 1, 0xFF, 0));
    load64(&wdata[1]);
    disarm();
    report("LDR, LSC = load", "wp_ld_site", wp_ld_site, "wdata", (const void *)wdata);

    /* BAS = 0x10: only byte 4 of the doubleword at wdata[2]. */
    arm_watchpoint(&wdata[2], WCR(3, 3, 0x10, 0));
    store8((volatile uint8_t *)&wdata[2] + 3, 1);
    disarm();
    report("STRB to byte 3, BAS = byte 4", "wp_stb_site", wp_stb_site, 0, 0);
    arm_watchpoint(&wdata[2], WCR(3, 3, 0x10, 0));
    store8((volatile uint8_t *)&wdata[2] + 4, 1);
    disarm();
    report("STRB to byte 4, BAS = byte 4", "wp_stb_site", wp_stb_site, "wdata", (const void *)wdata);
    arm_watchpoint(&wdata[2], WCR(3, 3, 0x10, 0));
    store8((volatile uint8_t *)&wdata[3], 1);
    disarm();
    report("STRB to the next doubleword, BAS = byte 4", "wp_stb_site", wp_stb_site, 0, 0);

    /* MASK = 12: the whole 4 KiB block at wpage. */
    arm_watchpoint(wpage, WCR(3, 3, 0xFF, 12));
    store64(wpage + 0xF08, 3);
    disarm();
    report("STR inside a MASK = 12 range", "wp_st_site", wp_st_site, "wpage", (const void *)wpage);
    arm_watchpoint(wpage, WCR(3, 3, 0xFF, 12));
    store64(wpage + 0x1008, 3);
    disarm();
    report("STR just past a MASK = 12 range", "wp_st_site", wp_st_site, 0, 0);

    /* PAC = EL0 only: an EL1 access does not match. */
    arm_watchpoint(&wdata[1], WCR(2, 3, 0xFF, 0));
    store64(&wdata[1], 4);
    disarm();
    report("EL1 STR, PAC = EL0 only", "wp_st_site", wp_st_site, 0, 0);
}

/* ---- EL0: breakpoint, watchpoint, software step (D2.12) --------------------------------- */

static void el0_debug_events(void)
{
    uint64_t sp0 = (uint64_t)(uintptr_t)&el0_stack[256];
    /* Breakpoint 1 (PMC = EL0) and watchpoint 3 (PAC = EL0, stores); KDE off: lower-EL debug
     * exceptions need only MDE. */
    WR(dbgbvr1_el1, (uintptr_t)el0_bp_site);
    WR(dbgbcr1_el1, BCR(2, 0, 0));
    WR(dbgwvr3_el1, (uintptr_t)&wdata[0]);
    WR(dbgwcr3_el1, WCR(2, 2, 0xFF, 0));
    debug_state(MDSCR_MDE, 1);
    enter_el0((uint64_t)(uintptr_t)el0_debug, sp0, (uint64_t)(uintptr_t)&wdata[0], 0x3C0);
    say_dec("EL0 breakpoint and watchpoint, exceptions: ", log_len);
    for (unsigned i = 0; i < log_len && i < 2; i++) {
        print(i == 0 ? "  EL0 breakpoint: " : "  EL0 watchpoint: ");
        print_record(i, i == 0 ? "el0_bp_site" : "el0_wp_site", i == 0 ? el0_bp_site : el0_wp_site,
                     i == 0 ? 0 : "wdata", (const void *)wdata);
    }
    breakpoints_off();
    watchpoints_off();

    /* Software step at EL0: ERET with SPSR.SS = 1, the handler keeps stepping. */
    wdata[0] = 9;
    step_budget = 16;
    debug_state(MDSCR_SS, 1);
    enter_el0((uint64_t)(uintptr_t)el0_step, sp0, (uint64_t)(uintptr_t)&wdata[0], 0x3C0 | SPSR_SS);
    WR(mdscr_el1, 0);
    ISB();
    say_dec("EL0 software step, exceptions: ", log_len);
    for (unsigned i = 0; i < log_len; i++) {
        print("  ");
        print_record(i, "el0_step", el0_step, 0, 0);
        if ((log_[i].esr >> 26) == 0x15) {
            say_dec("    SPSR.SS after a stepped SVC: ", (log_[i].spsr >> 21) & 1);
        }
    }
}

/* ---- software step at EL1 (KDE, PSTATE.D clear) ------------------------------------------ */

extern char el1_step[];

static void el1_step_test(void)
{
    step_budget = 2;
    debug_state(MDSCR_SS | MDSCR_KDE, 1);
    __asm__ volatile("adr  x9, el1_step\n"
                     "msr  elr_el1, x9\n"
                     "mov  x9, #0x1c5\n" /* EL1h, D clear, A I F masked */
                     "orr  x9, x9, #(1 << 21)\n"
                     "msr  spsr_el1, x9\n"
                     "isb\n"
                     "eret\n"
                     ".globl el1_step\n"
                     "el1_step:\n"
                     "mov  x10, #1\n"
                     "add  x10, x10, #1\n"
                     "nop\n"
                     "msr  daifset, #8\n"
                     "isb\n"
                     :
                     :
                     : "x9", "x10", "memory");
    WR(mdscr_el1, 0);
    ISB();
    say_dec("EL1 software step, KDE = 1, exceptions: ", log_len);
    for (unsigned i = 0; i < log_len; i++) {
        print("  ");
        print_record(i, "el1_step", el1_step, 0, 0);
    }
}

/* ---- OS lock and double lock (D2.5) ---------------------------------------------------- */

extern char brk_site[];

static void os_lock(void)
{
    WR(oslar_el1, 1);
    ISB();
    say_hex("OSLSR_EL1 after OSLAR_EL1 = 1: ", RD(oslsr_el1));
    /* AArch64.GenerateDebugExceptionsFrom() returns FALSE while OSLSR_EL1.OSLK is set, so no
     * breakpoint, watchpoint or step exception is generated. QEMU 7.2 still takes the
     * breakpoint: a "[strict]" line, emu4e only. */
    try_breakpoint("[strict] EL1 breakpoint, OS lock set", BCR(3, 0, 0), MDSCR_MDE | MDSCR_KDE, 0);
    /* BRK is not a debug event that the OS lock or MDSCR_EL1 gate (D2.8). */
    log_len = 0;
    __asm__ volatile(".globl brk_site\n brk_site: brk #1" : : : "memory");
    report("BRK #1 with the OS lock set", "brk_site", brk_site, 0, 0);
    WR(oslar_el1, 0);
    ISB();
    try_breakpoint("EL1 breakpoint, OS lock clear again", BCR(3, 0, 0), MDSCR_MDE | MDSCR_KDE, 0);

    /* OS double lock: OSDLR_EL1.DLK = 1 with DBGPRCR_EL1.CORENPDRQ = 0 (DoubleLockStatus()). */
    WR(osdlr_el1, 1);
    ISB();
    try_breakpoint("EL1 breakpoint, OS double lock set", BCR(3, 0, 0), MDSCR_MDE | MDSCR_KDE, 0);
    WR(osdlr_el1, 0);
    ISB();
}

void conform_secondary(unsigned cpu, uint64_t context)
{
    (void)cpu;
    (void)context;
}

int main(void)
{
    install_vectors();
    say("debug: start");
    say_hex("ID_AA64DFR0_EL1 = ", RD(id_aa64dfr0_el1));
    say_hex("OSLSR_EL1 at reset = ", RD(oslsr_el1));
    WR(oslar_el1, 0);
    ISB();
    say_hex("OSLSR_EL1 after OSLAR_EL1 = 0: ", RD(oslsr_el1));
    breakpoints();
    watchpoints();
    el0_debug_events();
    el1_step_test();
    os_lock();
    WR(mdscr_el1, 0);
    say("debug: done");
    system_off();
    return 0;
}
