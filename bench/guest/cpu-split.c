/*
 * The rounds of cpu-work.c split over every core the machine has: core 0 starts cores 1..3 with
 * PSCI CPU_ON (the first core that does not exist answers an error and ends the count), waits
 * until they have all been started, and then core c runs rounds
 * c, c + n, c + 2n, ... on its own struct work, and core 0 adds up the per-core sums once each
 * core has published its own (store-release / load-acquire), prints the checksum and powers off.
 * The checksum is the same for any number of cores, so one image measures the speed-up of
 * -smp 1 against -smp 2. ROUNDS=0 builds the start-up-only twin.
 */
#include "work.h"

#ifndef ROUNDS
#define ROUNDS 80
#endif
#define MAX_CORES 4
#define PSCI_CPU_ON 0xC4000003UL
#define PSCI_SYSTEM_OFF 0x84000008UL

static struct work w[MAX_CORES];
static uint64_t sums[MAX_CORES];
static uint32_t done[MAX_CORES];
static uint32_t cores, go;

void irq_handler(void) { }
void unexpected_exception(void) { print("unexpected exception\n"); for (;;) __asm__ volatile("wfi"); }

static void run_share(unsigned c)
{
    struct work *mine = &w[c % MAX_CORES];
    uint64_t sum = 0;
    work_init(mine);
    for (int r = (int)c; r < ROUNDS; r += (int)cores) sum += work_round(mine, r);
    sums[c] = sum;
    __atomic_store_n(&done[c], 1, __ATOMIC_RELEASE);
    __asm__ volatile("sev");
}

void secondary_main(unsigned c)
{
    while (!__atomic_load_n(&go, __ATOMIC_ACQUIRE)) __asm__ volatile("wfe");
    run_share(c);
    for (;;) __asm__ volatile("wfi");
}

int main(void)
{
    cores = 1;
    while (cores < MAX_CORES
           && psci_call(PSCI_CPU_ON, cores, (uint64_t)(uintptr_t)secondary_entry, cores) == 0) {
        cores++;
    }
    /* The started cores wait for the final count before they pick their rounds. */
    __atomic_store_n(&go, 1, __ATOMIC_RELEASE);
    __asm__ volatile("sev");
    run_share(0);
    uint64_t sum = 0;
    for (unsigned c = 0; c < cores; c++) {
        while (!__atomic_load_n(&done[c], __ATOMIC_ACQUIRE)) __asm__ volatile("wfe");
        sum += sums[c];
    }
    print("cores ");
    print_dec(cores);
    print(" checksum ");
    print_hex(sum);
    print("\n");
    psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
    for (;;) {
    }
}
