/* Handlers every test program shares: no interrupts expected, exceptions reported on the UART. */
#include "demo.h"

void irq_handler(void) { }

void unexpected_exception(uint64_t esr, uint64_t elr)
{
    print("unexpected exception esr=");
    print_hex(esr);
    print(" elr=");
    print_hex(elr);
    print("\n");
}

/* CPACR_EL1.FPEN = 0b11: FP/AdvSIMD instructions do not trap at EL0/EL1 (ARM ARM D17.2.30). */
void enable_fp(void)
{
    uint64_t cpacr;
    __asm__ volatile("mrs %0, cpacr_el1" : "=r"(cpacr));
    cpacr |= 3UL << 20;
    __asm__ volatile("msr cpacr_el1, %0\n isb" : : "r"(cpacr));
}

/*
 * A flat stage 1 map, MMU and caches on, as real firmware runs: 0-1 GiB (devices) one
 * Device-nGnRnE block, execute-never; 1-2 GiB (RAM) one Normal write-back block. With the MMU
 * off every data access is Device memory, where an unaligned access faults (ARM ARM D8.2.10),
 * so compiled code that uses unaligned SIMD loads needs this. 4K granule, 39-bit VA, level 1.
 */
static uint64_t l1_table[512] __attribute__((aligned(4096)));

void enable_identity_mmu(void)
{
    l1_table[0] = 0x0UL | (1UL << 10) | (1UL << 2) | 1UL | (3UL << 53);  /* AF, AttrIndx 1, UXN, PXN */
    l1_table[1] = 0x40000000UL | (1UL << 10) | (3UL << 8) | 1UL;          /* AF, inner shareable, AttrIndx 0 */
    uint64_t mair = 0x00FFUL;                                              /* attr0 Normal WB, attr1 Device */
    uint64_t tcr = 25UL | (1UL << 8) | (1UL << 10) | (3UL << 12) | (1UL << 23) | (2UL << 32);
    __asm__ volatile("msr mair_el1, %0\n msr tcr_el1, %1\n msr ttbr0_el1, %2\n isb\n"
                     "tlbi vmalle1\n dsb ish\n isb"
                     : : "r"(mair), "r"(tcr), "r"((uint64_t)(uintptr_t)l1_table) : "memory");
    uint64_t sctlr;
    __asm__ volatile("mrs %0, sctlr_el1" : "=r"(sctlr));
    sctlr |= 1UL | (1UL << 2) | (1UL << 12);                               /* M, C, I */
    __asm__ volatile("msr sctlr_el1, %0\n isb" : : "r"(sctlr) : "memory");
}
