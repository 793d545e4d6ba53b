/*
 * Stage 1 translation on, as an operating system runs: an identity map with 4K granule and
 * 39-bit VAs (ARM ARM D8.2), 0-1 GiB (devices) one Device-nGnRnE level 1 block, execute-never;
 * 1-2 GiB (RAM) through a level 2 table of 2 MiB Normal write-back blocks. MAIR attr0 Normal
 * WB, attr1 Device-nGnRnE. Called before the work; the soft TLBs then see translated accesses.
 */
#ifndef MMU_H
#define MMU_H

#include "demo.h"

static uint64_t mmu_l1[512] __attribute__((aligned(4096)));
static uint64_t mmu_l2[512] __attribute__((aligned(4096)));

static void mmu_on(void)
{
    mmu_l1[0] = 0x0UL | (1UL << 10) | (1UL << 2) | 1UL | (3UL << 53);      /* AF, AttrIndx 1, UXN, PXN */
    mmu_l1[1] = (uint64_t)(uintptr_t)mmu_l2 | 3UL;                         /* table */
    for (uint64_t i = 0; i < 512; i++)                                      /* AF, inner shareable, attr0 */
        mmu_l2[i] = (0x40000000UL + (i << 21)) | (1UL << 10) | (3UL << 8) | 1UL;
    uint64_t mair = 0x00FFUL;
    uint64_t tcr = 25UL | (1UL << 8) | (1UL << 10) | (3UL << 12) | (1UL << 23) | (2UL << 32);
    __asm__ volatile("dsb ish\n msr mair_el1, %0\n msr tcr_el1, %1\n msr ttbr0_el1, %2\n isb\n"
                     "tlbi vmalle1\n dsb ish\n isb"
                     : : "r"(mair), "r"(tcr), "r"((uint64_t)(uintptr_t)mmu_l1) : "memory");
    uint64_t sctlr;
    __asm__ volatile("mrs %0, sctlr_el1" : "=r"(sctlr));
    sctlr |= 1UL | (1UL << 2) | (1UL << 12);                                /* M, C, I */
    __asm__ volatile("msr sctlr_el1, %0\n isb" : : "r"(sctlr) : "memory");
}

#endif
