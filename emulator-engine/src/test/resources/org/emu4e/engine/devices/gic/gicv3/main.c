/*
 * GICv3 test firmware for the virt board with gic-version=3 and NCPUS CPUs (set by the build):
 * finds each CPU's Redistributor by GICR_TYPER affinity, wakes it (GICR_WAKER handshake),
 * enables the system-register CPU interface, then
 *   1. passes a token around all CPUs with ICC_SGI1R_EL1 (affinity routing across clusters of
 *      16), each CPU taking it with ICC_IAR1_EL1 / ICC_EOIR1_EL1 and printing in turn;
 *   2. broadcasts an SGI with IRM = 1;
 *   3. has every CPU take its virtual timer interrupt (PPI 27) through its Redistributor.
 * Only one CPU prints at a time, so the UART output is the same on every run and on QEMU.
 */
#include <stdint.h>

#define UART 0x09000000UL
#define GICD 0x08000000UL
#define GICR 0x080A0000UL
#define GICR_STRIDE 0x20000UL
#define SGI_BASE 0x10000UL

#define REG32(a) (*(volatile uint32_t *)(uintptr_t)(a))
#define REG64(a) (*(volatile uint64_t *)(uintptr_t)(a))
#define MRS(reg) ({ uint64_t v_; __asm__ volatile("mrs %0, " reg : "=r"(v_)); v_; })
#define MSR(reg, v) __asm__ volatile("msr " reg ", %0\n isb" : : "r"((uint64_t)(v)) : "memory")

#define ICC_PMR "S3_0_C4_C6_0"
#define ICC_RPR "S3_0_C12_C11_3"
#define ICC_SGI1R "S3_0_C12_C11_5"
#define ICC_IAR1 "S3_0_C12_C12_0"
#define ICC_EOIR1 "S3_0_C12_C12_1"
#define ICC_BPR1 "S3_0_C12_C12_3"
#define ICC_CTLR "S3_0_C12_C12_4"
#define ICC_SRE "S3_0_C12_C12_5"
#define ICC_IGRPEN1 "S3_0_C12_C12_7"

#define SGI_ARM_TIMER 14
#define SGI_BROADCAST 15
#define PPI_VTIMER 27

extern char secondary_entry[];

static volatile uint32_t up[NCPUS];
static volatile uint32_t ring_done;
static volatile uint32_t broadcast_seen[NCPUS];
static volatile uint32_t timer_hits[NCPUS];

static void putc_(char c)
{
    while (REG32(UART + 0x18) & (1u << 5)) {
    }
    REG32(UART) = (uint32_t)c;
}

static void print(const char *s)
{
    while (*s) {
        putc_(*s++);
    }
}

static void print_dec(uint64_t v)
{
    char b[21];
    int i = 0;
    do {
        b[i++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (i) {
        putc_(b[--i]);
    }
}

static void print_hex(uint64_t v)
{
    print("0x");
    int started = 0;
    for (int s = 60; s >= 0; s -= 4) {
        unsigned d = (v >> s) & 15;
        if (d || started || s == 0) {
            putc_((char)(d < 10 ? '0' + d : 'a' + d - 10));
            started = 1;
        }
    }
}

void unexpected_exception(uint64_t esr, uint64_t elr)
{
    print("unexpected exception esr=");
    print_hex(esr);
    print(" elr=");
    print_hex(elr);
    print("\n");
}

static int64_t psci(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
    register uint64_t x0 __asm__("x0") = fn;
    register uint64_t x1 __asm__("x1") = a1;
    register uint64_t x2 __asm__("x2") = a2;
    register uint64_t x3 __asm__("x3") = a3;
    __asm__ volatile("hvc #0" : "+r"(x0) : "r"(x1), "r"(x2), "r"(x3) : "memory");
    return (int64_t)x0;
}

static unsigned cpu_index(void) { return (unsigned)MRS("tpidr_el1"); }

/* virt with GICv3: clusters of 16 (Aff1 = index / 16, Aff0 = index % 16). */
static uint64_t affinity_of(unsigned cpu) { return ((uint64_t)(cpu / 16) << 8) | (cpu % 16); }

static void send_sgi(unsigned intid, unsigned target)
{
    uint64_t aff = affinity_of(target);
    MSR(ICC_SGI1R, ((uint64_t)intid << 24) | (((aff >> 8) & 0xff) << 16) | (1u << (aff & 15)));
}

/* The Redistributor whose GICR_TYPER affinity matches this PE's MPIDR (as Linux finds it). */
static uintptr_t my_redistributor(void)
{
    uint64_t mpidr = MRS("mpidr_el1");
    uint64_t aff = ((mpidr >> 8) & 0xff000000u) | (mpidr & 0xffffffu);
    for (uintptr_t rd = GICR;; rd += GICR_STRIDE) {
        uint64_t typer = REG64(rd + 8);
        if ((typer >> 32) == aff) {
            return rd;
        }
        if (typer & (1u << 4)) {
            return 0;
        }
    }
}

static unsigned count_redistributors(void)
{
    unsigned n = 1;
    for (uintptr_t rd = GICR; !(REG64(rd + 8) & (1u << 4)); rd += GICR_STRIDE) {
        n++;
    }
    return n;
}

static void cpu_init(void)
{
    uintptr_t rd = my_redistributor();
    if (!rd) {
        print("no redistributor\n");
        return;
    }
    REG32(rd + 0x14) &= ~(1u << 1);             /* GICR_WAKER.ProcessorSleep = 0 */
    while (REG32(rd + 0x14) & (1u << 2)) {      /* wait for ChildrenAsleep = 0 */
    }
    uintptr_t sgi = rd + SGI_BASE;
    REG32(sgi + 0x080) = ~0u;                   /* IGROUPR0: Group 1 */
    REG32(sgi + 0x180) = ~0u;                   /* ICENABLER0 */
    for (unsigned i = 0; i < 16; i++) {
        ((volatile uint8_t *)(sgi + 0x400))[i] = 0xa0;
    }
    ((volatile uint8_t *)(sgi + 0x400))[PPI_VTIMER] = 0x80;
    REG32(sgi + 0x100) = 0xffffu | (1u << PPI_VTIMER); /* ISENABLER0 */
    while (REG32(rd) & (1u << 3)) {             /* GICR_CTLR.RWP */
    }
    MSR(ICC_SRE, MRS(ICC_SRE) | 1);
    MSR(ICC_PMR, 0xf0);
    MSR(ICC_BPR1, 0);
    MSR(ICC_CTLR, 0);                           /* EOImode 0: EOIR drops and deactivates */
    MSR(ICC_IGRPEN1, 1);
    __asm__ volatile("msr daifclr, #2" ::: "memory");
}

static void handle(unsigned cpu, unsigned id)
{
    if (id == PPI_VTIMER) {
        MSR("cntv_ctl_el0", 2);                 /* IMASK: the level goes down */
        timer_hits[cpu]++;
        __asm__ volatile("sev" ::: "memory"); /* wake CPU 0 waiting in WFE */
    } else if (id == SGI_BROADCAST) {
        broadcast_seen[cpu] = 1;
        __asm__ volatile("sev" ::: "memory");
    } else if (id == SGI_ARM_TIMER) {
        MSR("cntv_tval_el0", 6250);             /* 100 us at 62.5 MHz */
        MSR("cntv_ctl_el0", 1);
    } else {
        print("cpu ");
        print_dec(cpu);
        print(": sgi ");
        print_dec(id);
        print(" rpr ");
        print_hex(MRS(ICC_RPR));
        print("\n");
        if (cpu == 0) {
            ring_done = 1;
        } else {
            unsigned next = (cpu + 1) % NCPUS;
            send_sgi(1 + next % 13, next);
        }
    }
}

void irq_handler(void)
{
    unsigned cpu = cpu_index();
    for (;;) {
        uint64_t iar = MRS(ICC_IAR1);
        unsigned id = (unsigned)(iar & 0xffffff);
        if (id >= 1020) {
            break;
        }
        handle(cpu, id);
        MSR(ICC_EOIR1, iar);
    }
}

void secondary_main(unsigned cpu)
{
    cpu_init();
    up[cpu] = 1;
    for (;;) {
        __asm__ volatile("wfi");
    }
}

static void wait_all(volatile uint32_t *flags, unsigned from)
{
    for (unsigned c = from; c < NCPUS; c++) {
        while (!flags[c]) {
            __asm__ volatile("wfe");
        }
    }
}

int main(void)
{
    print("gicv3 test: ");
    print_dec(NCPUS);
    print(" cpus, ID_AA64PFR0_EL1.GIC ");
    print_dec((MRS("id_aa64pfr0_el1") >> 24) & 15);
    print(", GICD_PIDR2.ArchRev ");
    print_dec((REG32(GICD + 0xffe8) >> 4) & 15);
    print(", redistributors ");
    print_dec(count_redistributors());
    print("\n");

    REG32(GICD) = 0;
    while (REG32(GICD) & (1u << 31)) {
    }
    for (unsigned i = 1; i < 32; i++) {
        REG32(GICD + 0x80 + 4 * i) = ~0u;       /* SPIs Group 1 */
    }
    REG32(GICD) = (1u << 4) | (1u << 1) | 1u;   /* ARE, EnableGrp1, EnableGrp0 */
    while (REG32(GICD) & (1u << 31)) {
    }
    cpu_init();
    up[0] = 1;

    for (unsigned c = 1; c < NCPUS; c++) {
        int64_t r = psci(0xC4000003u, affinity_of(c), (uint64_t)(uintptr_t)secondary_entry, c);
        if (r != 0) {
            print("CPU_ON failed\n");
        }
        while (!up[c]) {
        }
    }
    print("all cpus up\n");

    send_sgi(1 + 1 % 13, 1);
    while (!ring_done) {
        __asm__ volatile("wfi");
    }
    print("ring done, rpr ");
    print_hex(MRS(ICC_RPR));
    print("\n");

    MSR(ICC_SGI1R, ((uint64_t)1 << 40) | ((uint64_t)SGI_BROADCAST << 24));
    wait_all(broadcast_seen, 1);
    print("broadcast sgi ");
    print_dec(SGI_BROADCAST);
    print(" reached ");
    print_dec(NCPUS - 1);
    print(" cpus\n");

    for (unsigned c = 1; c < NCPUS; c++) {
        send_sgi(SGI_ARM_TIMER, c);
    }
    MSR("cntv_tval_el0", 6250);
    MSR("cntv_ctl_el0", 1);
    wait_all(timer_hits, 0);
    print("virtual timer ppi ");
    print_dec(PPI_VTIMER);
    print(" taken on ");
    print_dec(NCPUS);
    print(" cpus\n");

    print("done\n");
    psci(0x84000008u, 0, 0, 0);                 /* SYSTEM_OFF */
    for (;;) {
    }
}
