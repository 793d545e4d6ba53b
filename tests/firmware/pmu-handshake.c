/*
 * Firmware test: core 0 reports what the PMU does to core 1.
 *   "firmware ready"            once core 1 is up and counting
 *   "core 1 halted (n=...)"     when CPU_STATUS shows core 1 PMU-halted
 *   "core 1 running (n=...)"    when it runs again, with proof it made progress
 * The host drives the halt line (JUnit extension, control protocol or GDB monitor);
 * this firmware only observes through the PMU's status register.
 */
#include "demo.h"

#define PMU_CPU_STATUS0 0x20
#define STATE_RUNNING 0
#define STATE_HALTED 4

static volatile uint64_t work[NCPUS];

void secondary_main(unsigned cpu)
{
    for (;;) {
        work[cpu]++;
    }
}

static unsigned state_of(unsigned cpu)
{
    return (REG32(PMU_BASE + PMU_CPU_STATUS0) >> (4 * cpu)) & 0xF;
}

static void report(unsigned st)
{
    print(st == STATE_HALTED ? "core 1 halted (n=" : "core 1 running (n=");
    print_dec(work[1]);
    print(")\n");
}

int main(void)
{
    psci_call(0xC4000003u, 1, (uint64_t)(uintptr_t)secondary_entry, 1);
    while (work[1] == 0) {
    }
    print("firmware ready\n");
    unsigned last = STATE_RUNNING;
    for (;;) {
        unsigned st = state_of(1);
        if (st != last && (st == STATE_HALTED || st == STATE_RUNNING)) {
            if (st == STATE_RUNNING) {
                uint64_t before = work[1];
                while (work[1] == before) {
                }
            }
            report(st);
            last = st;
        }
    }
}
