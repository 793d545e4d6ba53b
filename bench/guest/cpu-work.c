/*
 * CPU-bound guest work for bench/cpu-throughput.sh: the kernels of work.h (a sieve, a bitwise
 * CRC-32, an insertion sort, a byte-code interpreter switch and memcpy).
 * Runs ROUNDS rounds on core 0 (secondaries stay off), prints a checksum, powers off.
 * ROUNDS=0 builds the start-up-only twin used to subtract boot time; -DMMU (cpu-work-mmu.elf)
 * turns stage 1 translation on first (mmu.h), so the same work runs on translated addresses.
 */
#include "work.h"
#ifdef MMU
#include "mmu.h"
#endif

#ifndef ROUNDS
#define ROUNDS 40
#endif

void secondary_main(unsigned cpu) { (void)cpu; for (;;) __asm__ volatile("wfi"); }
void irq_handler(void) { }
void unexpected_exception(void) { print("unexpected exception\n"); for (;;) __asm__ volatile("wfi"); }

static struct work w;

int main(void)
{
    uint64_t sum = 0;
#ifdef MMU
    mmu_on();
#endif
    work_init(&w);
    for (int r = 0; r < ROUNDS; r++) sum += work_round(&w, r);
    print("checksum ");
    print_hex(sum);
    print("\n");
    psci_call(0x84000008u, 0, 0, 0); /* SYSTEM_OFF */
    for (;;) {
    }
}
