/*
 * Firmware test: every core says hello, then all but core 0 go to sleep in WFI
 * and core 0 powers the machine off once it has heard from them all.
 */
#include "demo.h"

static volatile uint32_t up[NCPUS];

void secondary_main(unsigned cpu)
{
    lock_print();
    print("hello from core ");
    print_dec(cpu);
    print("\n");
    unlock_print();
    __atomic_store_n(&up[cpu], 1, __ATOMIC_RELEASE);
    for (;;) {
        __asm__ volatile("wfi");
    }
}

int main(void)
{
    print("hello from core 0\n");
    for (unsigned c = 1; c < NCPUS; c++) {
        psci_call(0xC4000003u, c, (uint64_t)(uintptr_t)secondary_entry, c);
    }
    for (unsigned c = 1; c < NCPUS; c++) {
        while (!__atomic_load_n(&up[c], __ATOMIC_ACQUIRE)) {
        }
    }
    print("all cores up\n");
    psci_call(0x84000008u, 0, 0, 0); /* SYSTEM_OFF */
    for (;;) {
    }
}
