/*
 * Exclusives and FP/SIMD: the rounds below split over every core the machine has (as in
 * cpu-split.c: core 0 starts cores 1..3 with PSCI CPU_ON, core c runs rounds c, c + n, ...).
 * Each round (1) increments one shared counter with atomic read-modify-writes (LDAXR/STLXR
 * loops, ARMv8.0 without LSE) and adds to a shared sum under a spinlock (LDAXR/STXR to take it,
 * STLR to release it), so the cores contend when there are several; (2) runs FP/SIMD kernels on
 * the core's own buffers: int to float conversions, saxpy and integer vector adds (vectorised
 * at -O3), a double dot product with FMADD, min/max with FCMP/FCSEL, float to int conversion,
 * popcounts (CNT/ADDV), byte compares (CMEQ), struct copies and clears (LDP/STP of Q registers).
 * The checksum (shared counter, locked sum and every round's FP/SIMD result) is the same for
 * any number of cores. ROUNDS=0 builds the start-up-only twin.
 */
#include "demo.h"

#ifndef ROUNDS
#define ROUNDS 96
#endif
#define MAX_CORES 4
#define INCREMENTS 40000
#define LOCKED 15000
#define N 1024
#define PSCI_CPU_ON 0xC4000003UL
#define PSCI_SYSTEM_OFF 0x84000008UL

struct blob { uint64_t q[32]; };

struct simd_work {
    float a[N], b[N], y[N];
    uint32_t ia[N], ib[N];
    uint8_t bytes[4 * N];
    struct blob s[8];
} __attribute__((aligned(64)));

static struct simd_work w[MAX_CORES];
static uint64_t counter;
static uint32_t lock;
static uint64_t locked_sum;
static uint64_t sums[MAX_CORES];
static uint32_t done[MAX_CORES];
static uint32_t cores, go;

void irq_handler(void) { }
void unexpected_exception(void) { print("unexpected exception\n"); for (;;) __asm__ volatile("wfi"); }

static void fp_on(void)
{
    __asm__ volatile("msr cpacr_el1, %0\n isb" : : "r"(3UL << 20));
}

static void spin_lock(uint32_t *l)
{
    while (__atomic_exchange_n(l, 1, __ATOMIC_ACQUIRE)) {
        while (__atomic_load_n(l, __ATOMIC_RELAXED)) {
        }
    }
}

static void spin_unlock(uint32_t *l)
{
    __atomic_store_n(l, 0, __ATOMIC_RELEASE);
}

static __attribute__((noinline)) void atomics(int r)
{
    for (uint32_t i = 0; i < INCREMENTS; i++) {
        __atomic_fetch_add(&counter, 1, __ATOMIC_SEQ_CST);
    }
    for (uint32_t i = 0; i < LOCKED; i++) {
        spin_lock(&lock);
        locked_sum += (i * (uint32_t)(r + 1)) ^ i;
        spin_unlock(&lock);
    }
}

static __attribute__((noinline)) uint64_t simd(struct simd_work *m, int r)
{
    uint32_t seed = 0x9E3779B9u * (uint32_t)(r + 1);
    for (int i = 0; i < N; i++) {
        seed = seed * 1664525u + 1013904223u;
        m->ia[i] = seed;
        m->ib[i] = seed >> 7;
        m->a[i] = (float)(int32_t)(seed >> 8) / 65536.0f;
        m->b[i] = (float)(seed & 0xFFFF) * 0.25f;
        m->y[i] = (float)i;
    }
    float k = 1.5f + (float)r;
    for (int rep = 0; rep < 64; rep++) {
        for (int i = 0; i < N; i++) m->y[i] = k * m->a[i] + m->y[i];
        for (int i = 0; i < N; i++) m->ia[i] += m->ib[i] ^ (uint32_t)rep;
    }
    double dot = 0;
    for (int i = 0; i < N; i++) dot += (double)m->a[i] * (double)m->b[i];
    float lo = m->y[0], hi = m->y[0];
    for (int i = 1; i < N; i++) {
        lo = m->y[i] < lo ? m->y[i] : lo;
        hi = m->y[i] > hi ? m->y[i] : hi;
    }
    int64_t conv = 0;
    for (int i = 0; i < N; i += 7) conv += (int64_t)m->y[i] + (int32_t)(m->a[i] * 3.0f);
    for (int i = 0; i < 4 * N; i++) m->bytes[i] = (uint8_t)(m->ia[i & (N - 1)] >> (i & 24));
    uint64_t pop = 0;
    const uint64_t *p = (const uint64_t *)m->bytes;
    for (int i = 0; i < N / 2; i++) pop += (uint64_t)__builtin_popcountll(p[i]);
    uint32_t same = 0;
    for (int i = 0; i < 4 * N; i++) same += m->bytes[i] == (uint8_t)r;
    for (int rep = 0; rep < 256; rep++) {
        __builtin_memset(&m->s[rep & 7], rep, sizeof m->s[0]);
        m->s[(rep + 3) & 7] = m->s[rep & 7];
    }
    uint64_t blob = 0;
    for (int i = 0; i < 8; i++) blob = blob * 31 + m->s[i].q[i] + m->s[i].q[31 - i];
    union { double d; uint64_t u; } d = { dot };
    union { float f; uint32_t u; } l = { lo }, h = { hi };
    uint64_t ints = 0;
    for (int i = 0; i < N; i++) ints += m->ia[i];
    return d.u ^ ((uint64_t)l.u << 32 | h.u) ^ (uint64_t)conv ^ (pop << 40) ^ ((uint64_t)same << 20) ^ blob ^ ints;
}

static void run_share(unsigned c)
{
    uint64_t sum = 0;
    fp_on();
    for (int r = (int)c; r < ROUNDS; r += (int)cores) {
        atomics(r);
        sum += simd(&w[c], r);
    }
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
    print_hex(sum ^ counter ^ (locked_sum << 1));
    print("\n");
    psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
    for (;;) {
    }
}
