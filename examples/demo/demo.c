/*
 * emu4e demo firmware (runs on emu4e's virt board and on QEMU 7.2 virt, -smp 4):
 *   1. CPU 0 prints a banner and starts CPUs 1-3 with PSCI CPU_ON; each prints "cpuN up".
 *   2. Secondaries do some work and wait in WFI; CPU 0 wakes them with SGIs through the GIC.
 *   3. If the device tree has an "emu4e,pmu-1.0" node, CPU 0 halts CPU 2 through the PMU,
 *      reads its status, sends it an SGI (held pending while halted), resumes it and sees it
 *      take the SGI. On QEMU these steps are skipped.
 *   4. CPU 0 prints a summary and calls PSCI SYSTEM_OFF.
 */
#include "demo.h"

#define PSCI_CPU_ON      0xC4000003UL
#define PSCI_SYSTEM_OFF  0x84000008UL
#define PSCI_VERSION     0x84000000UL

#define GICD_CTLR        0x000
#define GICD_SGIR        0xF00
#define GICC_CTLR        0x00
#define GICC_PMR         0x04
#define GICC_IAR         0x0C
#define GICC_EOIR        0x10

#define PMU_ID           0x00
#define PMU_NUM_CPUS     0x08
#define PMU_HALT_SET     0x10
#define PMU_HALT_CLR     0x14
#define PMU_HALT_LINES   0x18
#define PMU_CPU_STATUS0  0x20
#define PMU_ID_VALUE     0x45504D55u
#define PMU_STATE_HALTED 4

#define SGI_WORK         1
#define ROUNDS           3

static volatile uint32_t up[NCPUS];
static volatile uint32_t sgi_count[NCPUS];
static volatile uint64_t work[NCPUS];

static void say(const char *s)
{
    lock_print();
    print(s);
    unlock_print();
}

static void gic_cpu_init(void)
{
    REG32(GICC_BASE + GICC_PMR) = 0xF0;
    REG32(GICC_BASE + GICC_CTLR) = 1;
    __asm__ volatile("msr daifclr, #2" ::: "memory");
}

void irq_handler(void)
{
    uint32_t iar = REG32(GICC_BASE + GICC_IAR);
    uint32_t id = iar & 0x3FF;
    if (id == 1023) {
        return;
    }
    if (id < 16) {
        sgi_count[cpu_index()]++;
    }
    REG32(GICC_BASE + GICC_EOIR) = iar;
}

void unexpected_exception(uint64_t esr, uint64_t elr)
{
    lock_print();
    print("unexpected exception on cpu");
    print_dec(cpu_index());
    print(" ESR=");
    print_hex(esr);
    print(" ELR=");
    print_hex(elr);
    print("\n");
    unlock_print();
}

/* Some deterministic integer work. */
static uint64_t crunch(unsigned cpu, unsigned round)
{
    uint64_t h = 1469598103934665603ULL ^ (cpu * 131u + round);
    for (unsigned i = 0; i < 2000; i++) {
        h = (h ^ i) * 1099511628211ULL;
    }
    return h;
}

/* Waits for an interrupt that changes *counter from seen, without losing a wake-up (IRQs are
 * masked around the check; WFI still wakes on a pending, masked IRQ: ARM ARM D1.16.2). */
static void wait_for_sgi(volatile uint32_t *counter, uint32_t seen)
{
    __asm__ volatile("msr daifset, #2" ::: "memory");
    while (*counter == seen) {
        __asm__ volatile("wfi\n\tmsr daifclr, #2\n\tisb\n\tmsr daifset, #2" ::: "memory");
    }
    __asm__ volatile("msr daifclr, #2" ::: "memory");
}

void secondary_main(unsigned cpu)
{
    gic_cpu_init();
    lock_print();
    print("cpu");
    print_dec(cpu);
    print(" up\n");
    unlock_print();
    up[cpu] = 1;
    for (unsigned round = 0;; round++) {
        uint32_t seen = sgi_count[cpu];
        wait_for_sgi(&sgi_count[cpu], seen);
        work[cpu] += crunch(cpu, round);
    }
}

static void send_sgi(unsigned cpu)
{
    __asm__ volatile("dsb sy" ::: "memory");
    REG32(GICD_BASE + GICD_SGIR) = (1u << (16 + cpu)) | SGI_WORK;
}

static void wait_count(unsigned cpu, uint32_t target)
{
    while (sgi_count[cpu] < target) {
    }
}

static uint32_t be32(const volatile uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

/* True if the flattened device tree at dtb mentions compatible string s (a byte search). */
static int dtb_has(uint64_t dtb, const char *s)
{
    const volatile uint8_t *p = (const volatile uint8_t *)(uintptr_t)dtb;
    if (dtb == 0 || be32(p) != 0xD00DFEEDu) {
        return 0;
    }
    uint32_t size = be32(p + 4);
    unsigned n = 0;
    while (s[n]) {
        n++;
    }
    for (uint32_t i = 0; i + n <= size; i++) {
        unsigned k = 0;
        while (k < n && p[i + k] == (uint8_t)s[k]) {
            k++;
        }
        if (k == n) {
            return 1;
        }
    }
    return 0;
}

static unsigned pmu_state(unsigned cpu)
{
    return (REG32(PMU_BASE + PMU_CPU_STATUS0) >> (4 * cpu)) & 0xF;
}

static void pmu_demo(void)
{
    print("pmu: id ");
    print_hex(REG32(PMU_BASE + PMU_ID));
    print(", ");
    print_dec(REG32(PMU_BASE + PMU_NUM_CPUS));
    print(" cpus\n");
    REG32(PMU_BASE + PMU_HALT_SET) = 1u << 2;
    while (pmu_state(2) != PMU_STATE_HALTED) {
    }
    print("pmu: cpu2 halted, status ");
    print_dec(pmu_state(2));
    print(", halt lines ");
    print_hex(REG32(PMU_BASE + PMU_HALT_LINES));
    print("\n");
    uint32_t before = sgi_count[2];
    send_sgi(2);
    for (volatile unsigned i = 0; i < 20000; i++) {
    }
    print(sgi_count[2] == before ? "pmu: SGI to halted cpu2 stays pending\n" : "pmu: ERROR halted cpu2 ran\n");
    REG32(PMU_BASE + PMU_HALT_CLR) = 1u << 2;
    wait_count(2, before + 1);
    print("pmu: cpu2 resumed and took the pending SGI\n");
}

void main(uint64_t dtb)
{
    uint64_t fdt = dtb;
    if (!dtb_has(fdt, "arm,pl011")) {
        fdt = 0x40000000UL; /* QEMU puts the dtb at the start of RAM for bare-metal ELF images */
    }
    print("\nemu4e demo firmware: ");
    print_dec(NCPUS);
    print(" CPUs, PSCI v");
    int64_t v = psci_call(PSCI_VERSION, 0, 0, 0);
    print_dec((uint64_t)v >> 16); /* major only: QEMU 7.2 says 1.1, emu4e 1.0 */
    print("\n");

    REG32(GICD_BASE + GICD_CTLR) = 1;
    gic_cpu_init();
    up[0] = 1;

    for (unsigned cpu = 1; cpu < NCPUS; cpu++) {
        int64_t r = psci_call(PSCI_CPU_ON, cpu, (uint64_t)(uintptr_t)secondary_entry, cpu);
        if (r != 0) {
            lock_print();
            print("CPU_ON cpu");
            print_dec(cpu);
            print(" failed: ");
            print_dec((uint64_t)-r);
            print("\n");
            unlock_print();
            continue;
        }
        while (!up[cpu]) {
        }
    }

    for (unsigned round = 1; round <= ROUNDS; round++) {
        for (unsigned cpu = 1; cpu < NCPUS; cpu++) {
            send_sgi(cpu);
        }
        for (unsigned cpu = 1; cpu < NCPUS; cpu++) {
            wait_count(cpu, round);
        }
        lock_print();
        print("round ");
        print_dec(round);
        print(": cpus 1-3 woke from WFI by SGI\n");
        unlock_print();
    }

    if (dtb_has(fdt, "emu4e,pmu-1.0") && REG32(PMU_BASE + PMU_ID) == PMU_ID_VALUE) {
        lock_print();
        pmu_demo();
        unlock_print();
    } else {
        say("pmu: no emu4e,pmu-1.0 in the device tree: skipping halt/resume\n");
    }

    lock_print();
    print("summary: sgis");
    for (unsigned cpu = 1; cpu < NCPUS; cpu++) {
        print(" cpu");
        print_dec(cpu);
        print("=");
        print_dec(sgi_count[cpu]);
    }
    print("\nbye\n");
    unlock_print();
    psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
    for (;;) {
        __asm__ volatile("wfi");
    }
}
