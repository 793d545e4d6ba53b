/*
 * Conformance: the generic timer (ARM ARM D11 "The Generic Timer in AArch64 state") with the
 * GICv2: CNTFRQ, monotonic counters, EL1 physical (PPI 30) and virtual (PPI 27) timers by CVAL
 * and TVAL, ISTATUS/IMASK and the interrupt line, WFI woken by a timer, per-core PPIs and
 * CNTKCTL_EL1. Only facts are printed, never a time.
 */
#include "lib/conform.h"

#define PPI_PHYS 30
#define PPI_VIRT 27

static volatile uint32_t took[NCPUS][32];
static volatile uint32_t ready[NCPUS];
static volatile uint32_t go;
static volatile uint32_t finished[NCPUS];

#define SYSREG_RW(name)                                                                     \
    static inline uint64_t read_##name(void)                                                \
    {                                                                                       \
        uint64_t v;                                                                         \
        __asm__ volatile("isb\n mrs %0, " #name : "=r"(v) : : "memory");                   \
        return v;                                                                           \
    }                                                                                       \
    static inline void write_##name(uint64_t v)                                             \
    {                                                                                       \
        __asm__ volatile("msr " #name ", %0\n isb" : : "r"(v) : "memory");                 \
    }

SYSREG_RW(cntp_ctl_el0)
SYSREG_RW(cntp_cval_el0)
SYSREG_RW(cntp_tval_el0)
SYSREG_RW(cntv_ctl_el0)
SYSREG_RW(cntv_cval_el0)
SYSREG_RW(cntv_tval_el0)
SYSREG_RW(cntvct_el0)
SYSREG_RW(cntkctl_el1)

/* One timer, physical or virtual, through function pointers to its registers. */
struct timer {
    const char *name;
    unsigned ppi;
    uint64_t (*ctl)(void);
    void (*set_ctl)(uint64_t);
    uint64_t (*cval)(void);
    void (*set_cval)(uint64_t);
    uint64_t (*tval)(void);
    void (*set_tval)(uint64_t);
    uint64_t (*count)(void);
};

static const struct timer phys = {"CNTP", PPI_PHYS, read_cntp_ctl_el0, write_cntp_ctl_el0, read_cntp_cval_el0,
                                  write_cntp_cval_el0, read_cntp_tval_el0, write_cntp_tval_el0, cntpct};
static const struct timer virt = {"CNTV", PPI_VIRT, read_cntv_ctl_el0, write_cntv_ctl_el0, read_cntv_cval_el0,
                                  write_cntv_cval_el0, read_cntv_tval_el0, write_cntv_tval_el0, read_cntvct_el0};

void conform_exception(struct frame *f, unsigned vector)
{
    if (vector != 4 + V_IRQ) {
        unexpected_vector(f, vector);
    }
    unsigned self = cpu_index();
    for (;;) {
        uint32_t iar = GICC(GICC_IAR);
        uint32_t id = iar & 0x3FF;
        if (id == 1023) {
            break;
        }
        if (id == PPI_PHYS) {
            write_cntp_ctl_el0(0); /* a level interrupt: silence the source before EOI */
        } else if (id == PPI_VIRT) {
            write_cntv_ctl_el0(0);
        }
        if (id < 32) {
            took[self][id]++;
        }
        GICC(GICC_EOIR) = iar;
    }
}

static void timer_gic_setup(void)
{
    gicc_enable();
    gic_set_priority(PPI_PHYS, 0x80);
    gic_set_priority(PPI_VIRT, 0x80);
    gic_enable_irq(PPI_PHYS);
    gic_enable_irq(PPI_VIRT);
}

/* Spins until ISTATUS is set; 1 if it was within 3 s. */
static int await_istatus(const struct timer *t)
{
    uint64_t d = deadline_ms(10000);
    while (!(t->ctl() & 4)) {
        if (expired(d)) {
            return 0;
        }
    }
    return 1;
}

static void line(const struct timer *t, const char *what, uint64_t v)
{
    print(t->name);
    print(" ");
    print(what);
    print_dec(v);
    print("\n");
}

/* Polled checks with PSTATE.I set (D11.2.4 "Timers"). */
static void polled(const struct timer *t)
{
    uint64_t tick_ms = cntfrq() / 1000;
    irq_disable();
    t->set_ctl(0);
    line(t, "CTL after disable = ", t->ctl() & 3);

    /* CVAL ahead: not met yet, then met; the PPI is pending while ENABLE && !IMASK.
     * (Margins of 2 s keep a descheduled host thread from changing the answer.) */
    t->set_cval(t->count() + 2000 * tick_ms);
    t->set_ctl(1);
    line(t, "ISTATUS right after arming 2 s ahead = ", (t->ctl() >> 2) & 1);
    line(t, "PPI pending before CVAL = ", gic_is_pending(t->ppi));
    t->set_cval(t->count() + tick_ms);
    line(t, "ISTATUS after waiting = ", await_istatus(t));
    line(t, "PPI pending = ", gic_is_pending(t->ppi));
    uint32_t iar = GICC(GICC_IAR);
    line(t, "IAR = ", iar & 0x3FF);
    t->set_ctl(3); /* IMASK: ISTATUS stays, the output drops */
    line(t, "IMASK set: ISTATUS = ", (t->ctl() >> 2) & 1);
    GICC(GICC_EOIR) = iar;
    line(t, "IMASK set: PPI pending = ", gic_is_pending(t->ppi));
    t->set_ctl(1);
    line(t, "IMASK clear: PPI pending = ", gic_is_pending(t->ppi));
    t->set_ctl(0);
    line(t, "disabled: PPI pending = ", gic_is_pending(t->ppi));

    /* TVAL: a signed 32-bit view of CVAL - count. */
    t->set_tval(2000 * tick_ms);
    uint64_t tv = t->tval();
    line(t, "TVAL right after writing 2 s is in (0, 2 s] = ", tv > 0 && tv <= 2000 * tick_ms);
    uint64_t left = t->cval() - t->count();
    line(t, "CVAL - count after TVAL write is in (0, 2 s] = ", left > 0 && left <= 2000 * tick_ms);
    t->set_tval(tick_ms);
    t->set_ctl(1);
    line(t, "ISTATUS after TVAL expiry = ", await_istatus(t));
    line(t, "TVAL negative after expiry = ", (t->tval() >> 31) & 1);
    iar = GICC(GICC_IAR);
    line(t, "IAR = ", iar & 0x3FF);
    t->set_ctl(0);
    GICC(GICC_EOIR) = iar;

    /* CVAL in the past fires at once; CVAL = 2^64-1 never (unsigned comparison). */
    t->set_cval(0);
    t->set_ctl(1);
    line(t, "CVAL=0: ISTATUS = ", (t->ctl() >> 2) & 1);
    t->set_cval(~0ull);
    line(t, "CVAL=2^64-1: ISTATUS = ", (t->ctl() >> 2) & 1);
    line(t, "CVAL=2^64-1: PPI pending = ", gic_is_pending(t->ppi));
    t->set_cval(1ull << 63);
    line(t, "CVAL=2^63: ISTATUS = ", (t->ctl() >> 2) & 1);
    /* The output is a level: moving CVAL ahead again deasserts it; a negative TVAL fires. */
    t->set_cval(0);
    line(t, "fired by CVAL=0: PPI pending = ", gic_is_pending(t->ppi));
    t->set_cval(t->count() + 2000 * tick_ms);
    line(t, "CVAL moved 2 s ahead: ISTATUS = ", (t->ctl() >> 2) & 1);
    line(t, "CVAL moved 2 s ahead: PPI pending = ", gic_is_pending(t->ppi));
    t->set_tval(0xFFFFFFFFu); /* -1 */
    line(t, "TVAL=-1: ISTATUS = ", (t->ctl() >> 2) & 1);
    line(t, "TVAL=-1: PPI pending = ", gic_is_pending(t->ppi));
    t->set_ctl(0);
    t->set_cval(0x123456789ABCDEFull);
    line(t, "CVAL reads back = ", t->cval() == 0x123456789ABCDEFull);
}

/* Interrupt-driven: WFI until the timer's handler has run (D1.16.2, WFI wake-up). */
static void wfi_wakeup(const struct timer *t, int masked)
{
    unsigned self = cpu_index();
    uint32_t before = took[self][t->ppi];
    t->set_tval(cntfrq() / 1000 * 2);
    t->set_ctl(1);
    if (masked) {
        /* PSTATE.I set: WFI still wakes on the pending IRQ, which is then taken on unmask. */
        irq_disable();
        __asm__ volatile("wfi");
        uint64_t d = deadline_ms(10000);
        while (!gic_is_pending(t->ppi) && !expired(d)) {
            __asm__ volatile("wfi");
        }
        line(t, "WFI with I masked woke with PPI pending = ", gic_is_pending(t->ppi));
        irq_enable();
        __asm__ volatile("isb");
    } else {
        wfi_until_changed(&took[self][t->ppi], before);
    }
    line(t, masked ? "interrupts taken after unmask = " : "interrupts taken by WFI wake-up = ",
         took[self][t->ppi] - before);
    irq_disable();
}

void conform_secondary(unsigned cpu, uint64_t context)
{
    (void)context;
    timer_gic_setup();
    irq_enable();
    store_rel(&ready[cpu], 1);
    if (await_u32(&go, 1, "go") == 0) {
        /* Each core arms its own timers: PPIs are private, so only it takes them. */
        write_cntp_tval_el0(cntfrq() / 1000 * (1 + cpu));
        write_cntp_ctl_el0(1);
        write_cntv_tval_el0(cntfrq() / 1000 * (2 + cpu));
        write_cntv_ctl_el0(1);
        wfi_until_changed(&took[cpu][PPI_PHYS], 0);
        wfi_until_changed(&took[cpu][PPI_VIRT], 0);
    }
    store_rel(&finished[cpu], 1);
    for (;;) {
        __asm__ volatile("wfi");
    }
}

static void counters(void)
{
    say_dec("CNTFRQ_EL0 = ", cntfrq());
    int mono = 1, between = 1;
    uint64_t last = cntpct();
    for (int i = 0; i < 2000; i++) {
        uint64_t p1 = cntpct();
        uint64_t v = read_cntvct_el0();
        uint64_t p2 = cntpct();
        mono &= p1 >= last && p2 >= p1;
        between &= v >= p1 && v <= p2; /* CNTVOFF is 0: no EL2 */
        last = p2;
    }
    say_dec("CNTPCT monotonic = ", mono);
    say_dec("CNTVCT between two CNTPCT reads = ", between);
    uint64_t a = cntpct();
    uint64_t d = deadline_ms(5);
    while (!expired(d)) {
    }
    say_dec("CNTPCT advances = ", cntpct() > a);
    say_hex("CNTKCTL_EL1 reset = ", read_cntkctl_el1());
    write_cntkctl_el1(0x3);
    say_hex("CNTKCTL_EL1 after writing EL0VCTEN|EL0PCTEN = ", read_cntkctl_el1());
    write_cntkctl_el1(0);
}

int main(void)
{
    install_vectors();
    say("timer: start");
    gicd_enable();
    timer_gic_setup();
    counters();
    polled(&phys);
    polled(&virt);
    wfi_wakeup(&phys, 0);
    wfi_wakeup(&virt, 0);
    wfi_wakeup(&phys, 1);
    wfi_wakeup(&virt, 1);

    for (unsigned c = 1; c < NCPUS; c++) {
        cpu_on(c, c);
        await_u32(&ready[c], 1, "secondary ready");
    }
    store_rel(&go, 1);
    for (unsigned c = 1; c < NCPUS; c++) {
        await_u32(&finished[c], 1, "secondary timers");
    }
    for (unsigned c = 1; c < NCPUS; c++) {
        print("cpu");
        print_dec(c);
        print(" took PPI 30 x");
        print_dec(took[c][PPI_PHYS]);
        print(", PPI 27 x");
        print_dec(took[c][PPI_VIRT]);
        print("\n");
    }
    say_dec("cpu0 took secondaries' timer PPIs: ", took[0][PPI_PHYS] + took[0][PPI_VIRT] - 4);
    say("timer: done");
    system_off();
    return 0;
}
