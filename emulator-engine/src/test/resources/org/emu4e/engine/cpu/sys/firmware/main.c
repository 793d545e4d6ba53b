/*
 * Bare-metal firmware for SysFirmwareTest: builds 4K-granule page tables in C, turns the
 * MMU on, runs C code through a remapped window, takes SVCs and demand-paging faults and
 * finishes with a program at EL0. Results go to the `results` array that the test reads.
 */
typedef unsigned long u64;
typedef unsigned int u32;

#define RAM_BASE 0x40000000UL
#define WINDOW_VA 0x100000000UL   /* 4 GB: only reachable through the tables */
#define USER_VA (WINDOW_VA + 3 * 4096)

struct frame { u64 x[31]; u64 elr; u64 spsr; };

/* Read by the test at the address it finds in the symbol table. */
volatile u64 results[16] __attribute__((aligned(64)));

static u64 l1[512] __attribute__((aligned(4096)));
static u64 l2_ram[512] __attribute__((aligned(4096)));
static u64 l2_win[512] __attribute__((aligned(4096)));
static u64 l3_win[512] __attribute__((aligned(4096)));
static u64 backing[4][512] __attribute__((aligned(4096)));

#define AF (1UL << 10)
#define SH_INNER (3UL << 8)
#define AP_EL0_RW (1UL << 6)
#define NG (1UL << 11)
#define PXN (1UL << 53)
#define BLOCK(pa) ((pa) | 1 | SH_INNER | AF)
#define PAGE(pa) ((pa) | 3 | SH_INNER | AF)
#define TABLE(pa) ((u64)(pa) | 3)

void *memset(void *d, int c, unsigned long n) {
    unsigned char *p = d;
    while (n--) *p++ = (unsigned char)c;
    return d;
}

void *memcpy(void *d, const void *s, unsigned long n) {
    unsigned char *p = d;
    const unsigned char *q = s;
    while (n--) *p++ = *q++;
    return d;
}

#define SYSREG_READ(name) ({ u64 v; __asm__ volatile("mrs %0, " #name : "=r"(v)); v; })
#define SYSREG_WRITE(name, v) __asm__ volatile("msr " #name ", %0" :: "r"((u64)(v)))

void fatal(u64 code, u64 esr) {
    results[14] = code;
    results[15] = esr;
}

static u64 faults;

void sync_handler(struct frame *f) {
    u64 esr = SYSREG_READ(esr_el1);
    u32 ec = esr >> 26;
    if (ec == 0x15) {                 /* SVC */
        u32 imm = esr & 0xffff;
        if (imm == 5) {
            f->x[0] = f->x[0] * 2 + 1;
        } else if (imm == 1) {        /* EL0 "write" */
            results[6] = f->x[0];
            results[7] = (f->spsr & 0xf);
        } else if (imm == 99) {       /* EL0 exit */
            results[8] = 0x600D;
            for (;;) __asm__ volatile("wfi");
        }
        return;
    }
    if (ec == 0x25 && (esr & 0x3c) == 0x04) {  /* translation fault: demand paging */
        u64 far = SYSREG_READ(far_el1);
        u64 idx = (far - WINDOW_VA) >> 12;
        faults++;
        results[4] = far;
        results[5] = esr & 0x3f;
        l3_win[idx] = PAGE((u64)backing[2]);
        __asm__ volatile("dsb ishst; tlbi vaae1is, %0; dsb ish; isb" :: "r"(far >> 12));
        return;                        /* retry the access */
    }
    fatal(0xbad, esr);
    for (;;) __asm__ volatile("wfi");
}

static void mmu_on(void) {
    for (int i = 0; i < 32; i++)
        l2_ram[i] = BLOCK(RAM_BASE + ((u64)i << 21));
    l1[1] = TABLE(l2_ram);
    l1[4] = TABLE(l2_win);            /* VA 4 GB .. 5 GB */
    l2_win[0] = TABLE(l3_win);
    l3_win[0] = PAGE((u64)backing[0]);
    l3_win[1] = PAGE((u64)backing[1]);
    SYSREG_WRITE(mair_el1, 0xff);
    SYSREG_WRITE(tcr_el1, 25 | (1UL << 8) | (1UL << 10) | (3UL << 12) | (1UL << 23) | (2UL << 32));
    SYSREG_WRITE(ttbr0_el1, l1);
    __asm__ volatile("dsb ish; tlbi vmalle1; dsb ish; isb");
    SYSREG_WRITE(sctlr_el1, SYSREG_READ(sctlr_el1) | 1 | (1 << 2) | (1 << 12));
    __asm__ volatile("isb");
}

static u64 svc5(u64 v) {
    register u64 x0 __asm__("x0") = v;
    __asm__ volatile("svc #5" : "+r"(x0) :: "memory");
    return x0;
}

extern void enter_el0(void (*fn)(void), void *sp);

static void user_main(void) {
    volatile u64 *p = (volatile u64 *)(USER_VA + 64);
    u64 sum = 0;
    for (int i = 1; i <= 100; i++) {
        p[i & 7] = i;
        sum += p[i & 7];
    }
    register u64 x0 __asm__("x0") = sum;
    __asm__ volatile("svc #1" :: "r"(x0) : "memory");
    __asm__ volatile("svc #99" ::: "memory");
}

int main(void) {
    mmu_on();
    results[0] = SYSREG_READ(sctlr_el1) & 1;

    /* Sieve of Eratosthenes in the window (4K pages mapped to backing[0..1]). */
    volatile unsigned char *sieve = (volatile unsigned char *)WINDOW_VA;
    for (int i = 0; i < 8192; i++) sieve[i] = 1;
    u64 primes = 0;
    for (int i = 2; i < 8192; i++) {
        if (!sieve[i]) continue;
        primes++;
        for (int j = i * 2; j < 8192; j += i) sieve[j] = 0;
    }
    results[1] = primes;
    results[2] = ((volatile unsigned char *)backing[1])[8191 - 4096];  /* 8191 is prime */

    results[3] = svc5(20);

    /* Demand paging: the first touch of page 2 faults, the handler maps it, the store retries. */
    volatile u64 *demand = (volatile u64 *)(WINDOW_VA + 2 * 4096 + 8);
    *demand = 0xFEED;
    __asm__ volatile("" ::: "memory");
    results[9] = ((volatile u64 *)backing[2])[1];
    results[10] = faults;

    /*
     * EL0: data and stack in a window page EL0 may read and write. EL0 executes user_main
     * from the firmware's text, which EL0 can't read: execute-only memory (AP[1] = 0, UXN = 0).
     */
    l3_win[3] = PAGE((u64)backing[3]) | AP_EL0_RW | NG | PXN;
    __asm__ volatile("dsb ishst; tlbi vmalle1is; dsb ish; isb");
    enter_el0(user_main, (void *)(USER_VA + 4096));
    return 0;
}
