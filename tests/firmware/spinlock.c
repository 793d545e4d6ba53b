/*
 * Conformance: SMP synchronisation on 4 cores with the MMU and caches on (Normal memory,
 * inner shareable, as real kernels run): a test-and-set lock with LDAXR/STLXR, an atomic
 * add with LDXR/STXR, a ticket lock that waits in WFE and is released with SEV, and LDADD
 * when ID_AA64ISAR0_EL1.Atomic says LSE is there (not on a Cortex-A53). ARM ARM B2.9
 * "Synchronization and semaphores", D1.16.1 WFE. The totals are exact; a plain unlocked
 * increment races too, but its (non-deterministic) total is never printed.
 */
#include "lib/conform.h"

#define ITERS 5000
/* A FIFO lock hands over only to the next ticket: with more vCPUs than host cores and
 * QEMU's MTTCG (where WFE is a no-op), each hand-over can wait for a host time slice. */
#define TICKET_ITERS 500

static volatile uint32_t lock_word;
static volatile uint64_t locked_counter;
static volatile uint64_t atomic_counter;
static volatile uint64_t lse_counter;
static volatile uint64_t plain_counter;
static volatile uint32_t ticket_next;
static volatile uint32_t ticket_serving;
static volatile uint64_t ticket_counter;
static volatile uint32_t ticket_in_section;
static volatile uint32_t ticket_overlaps;
static volatile uint32_t ready;
static volatile uint32_t go;
static volatile uint32_t done;
static int has_lse;

void enable_identity_mmu(void); /* lib/testlib.c */

void conform_exception(struct frame *f, unsigned vector)
{
    unexpected_vector(f, vector);
}

static void spin_lock(volatile uint32_t *l)
{
    uint32_t tmp, fail;
    __asm__ volatile("    sevl\n"
                     "1:  wfe\n"
                     "2:  ldaxr %w0, [%2]\n"
                     "    cbnz  %w0, 1b\n"
                     "    stxr  %w1, %w3, [%2]\n"
                     "    cbnz  %w1, 2b\n"
                     : "=&r"(tmp), "=&r"(fail)
                     : "r"(l), "r"(1u)
                     : "memory");
}

static void spin_unlock(volatile uint32_t *l)
{
    /* The store-release clears other cores' exclusive monitors: that is their WFE event. */
    __asm__ volatile("stlr wzr, [%0]" : : "r"(l) : "memory");
}

static void atomic_add(volatile uint64_t *p, uint64_t v)
{
    uint64_t tmp;
    uint32_t fail;
    __asm__ volatile("1:  ldxr  %0, [%2]\n"
                     "    add   %0, %0, %3\n"
                     "    stxr  %w1, %0, [%2]\n"
                     "    cbnz  %w1, 1b\n"
                     : "=&r"(tmp), "=&r"(fail)
                     : "r"(p), "r"(v)
                     : "memory");
}

static uint32_t fetch_inc(volatile uint32_t *p)
{
    uint32_t old, tmp, fail;
    __asm__ volatile("1:  ldaxr %w0, [%3]\n"
                     "    add   %w1, %w0, #1\n"
                     "    stlxr %w2, %w1, [%3]\n"
                     "    cbnz  %w2, 1b\n"
                     : "=&r"(old), "=&r"(tmp), "=&r"(fail)
                     : "r"(p)
                     : "memory");
    return old;
}

static void lse_add(volatile uint64_t *p, uint64_t v)
{
    __asm__ volatile(".arch_extension lse\n ldadd %0, xzr, [%1]" : : "r"(v), "r"(p) : "memory");
}

static void ticket_lock(void)
{
    uint32_t mine = fetch_inc(&ticket_next);
    while (__atomic_load_n(&ticket_serving, __ATOMIC_ACQUIRE) != mine) {
        __asm__ volatile("wfe" : : : "memory");
    }
}

static void ticket_unlock(void)
{
    __atomic_store_n(&ticket_serving, ticket_serving + 1, __ATOMIC_RELEASE);
    __asm__ volatile("dsb ish\n sev" : : : "memory");
}

static void work(void)
{
    for (int i = 0; i < ITERS; i++) {
        spin_lock(&lock_word);
        locked_counter = locked_counter + 1;
        spin_unlock(&lock_word);

        atomic_add(&atomic_counter, 1);
        if (has_lse) {
            lse_add(&lse_counter, 1);
        }
        plain_counter = plain_counter + 1; /* racy on purpose: never printed */
        if (i >= TICKET_ITERS) {
            continue;
        }

        ticket_lock();
        if (__atomic_fetch_add(&ticket_in_section, 1, __ATOMIC_RELAXED) != 0) {
            ticket_overlaps++;
        }
        ticket_counter = ticket_counter + 1;
        __atomic_fetch_sub(&ticket_in_section, 1, __ATOMIC_RELAXED);
        ticket_unlock();
    }
}

static void exclusive_monitor_facts(void)
{
    /* B2.9.2: after CLREX the local monitor is Open Access, so a store-exclusive fails and
     * writes nothing. */
    static volatile uint64_t word = 5;
    uint32_t status;
    __asm__ volatile("clrex\n stxr %w0, %2, [%1]" : "=&r"(status) : "r"(&word), "r"(7ull) : "memory");
    say_dec("STXR after CLREX: status=", status);
    say_dec("STXR after CLREX: memory=", word);
    /* A store-exclusive with an unaligned address is an alignment fault whatever the memory
     * type; checked in vectors.c. LDXR/STXR pair on the same address and size succeeds here
     * with nothing in between on a single core only if the implementation allows: not printed. */
}

void conform_secondary(unsigned cpu, uint64_t context)
{
    (void)context;
    enable_identity_mmu();
    __atomic_fetch_add(&ready, 1, __ATOMIC_RELEASE);
    if (await_u32(&go, 1, "go") == 0) {
        work();
    }
    __atomic_fetch_add(&done, 1, __ATOMIC_RELEASE);
    (void)cpu;
    for (;;) {
        __asm__ volatile("wfi");
    }
}

int main(void)
{
    install_vectors();
    say("spinlock: start");
    enable_identity_mmu();
    uint64_t isar0;
    __asm__ volatile("mrs %0, id_aa64isar0_el1" : "=r"(isar0));
    has_lse = ((isar0 >> 20) & 0xF) >= 2;
    say(has_lse ? "LSE atomics: implemented" : "LSE atomics: not implemented (LDADD skipped)");
    exclusive_monitor_facts();
    for (unsigned c = 1; c < NCPUS; c++) {
        cpu_on(c, c);
    }
    await_u32(&ready, NCPUS - 1, "secondaries");
    store_rel(&go, 1);
    work();
    await_u32(&done, NCPUS - 1, "secondaries to finish");
    say_dec("cores x iterations: ", NCPUS * ITERS);
    say_dec("LDAXR/STXR spinlock total: ", locked_counter);
    say_dec("LDXR/STXR atomic add total: ", atomic_counter);
    if (has_lse) {
        say_dec("LDADD total: ", lse_counter);
    }
    say_dec("cores x ticket iterations: ", NCPUS * TICKET_ITERS);
    say_dec("WFE/SEV ticket lock total: ", ticket_counter);
    say_dec("ticket lock tickets taken: ", ticket_next);
    say_dec("ticket lock overlapping holders: ", ticket_overlaps);
    say("plain increments: done (total not printed: racy by design)");
    say("spinlock: done");
    system_off();
    return 0;
}
