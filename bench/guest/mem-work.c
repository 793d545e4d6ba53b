/*
 * Memory-heavy guest work for bench/cpu-throughput.sh, with the MMU on: a 32 MiB working set
 * (8192 pages, far beyond a 1024-entry soft TLB's 4 MiB reach) visited in a pseudo-random page
 * order (each visit loads, mixes and stores one word of a page), then swept a cache line at a
 * time. Runs ROUNDS rounds on core 0, prints a checksum, powers off; ROUNDS=0 builds the
 * start-up-only twin.
 */
#include "mmu.h"

#ifndef ROUNDS
#define ROUNDS 24
#endif

#define PAGES 8192u

void secondary_main(unsigned cpu) { (void)cpu; for (;;) __asm__ volatile("wfi"); }
void irq_handler(void) { }
void unexpected_exception(void) { print("unexpected exception\n"); for (;;) __asm__ volatile("wfi"); }

static uint64_t heap[PAGES * 512] __attribute__((aligned(4096)));

/* PAGES * 8 visits in the order of a full-period LCG modulo PAGES (a = 1 mod 4, c odd). */
static uint64_t scatter(uint32_t r)
{
    uint64_t sum = r;
    uint32_t p = r;
    for (uint32_t i = 0; i < PAGES * 8; i++) {
        p = (p * 1664525u + 1013904223u) & (PAGES - 1);
        uint64_t *w = &heap[p * 512 + ((i * 8 + r) & 511)];
        sum += *w ^ i;
        *w = sum;
    }
    return sum;
}

/* One word per 64-byte line of the whole working set. */
static uint64_t sweep(void)
{
    uint64_t sum = 0;
    for (uint32_t i = 0; i < PAGES * 512; i += 8) sum = (sum << 1 | sum >> 63) + heap[i];
    return sum;
}

int main(void)
{
    uint64_t sum = 0;
    __asm__ volatile("" : : "r"(heap) : "memory"); /* the ROUNDS=0 twin keeps (and clears) the array too */
    mmu_on();
    for (int r = 0; r < ROUNDS; r++) {
        sum += scatter((uint32_t)r);
        sum ^= sweep();
    }
    print("checksum ");
    print_hex(sum);
    print("\n");
    psci_call(0x84000008u, 0, 0, 0); /* SYSTEM_OFF */
    for (;;) {
    }
}
