/* emu4e demo firmware: shared declarations. */
#ifndef DEMO_H
#define DEMO_H

#include <stdint.h>

#define NCPUS 4

/* virt memory map (QEMU 7.2 virt + emu4e PMU) */
#define UART_BASE 0x09000000UL
#define GICD_BASE 0x08000000UL
#define GICC_BASE 0x08010000UL
#define PMU_BASE  0x090C0000UL

#define REG32(a) (*(volatile uint32_t *)(uintptr_t)(a))

/* lib.c */
void uart_putc(char c);
void print(const char *s);
void print_dec(uint64_t v);
void print_hex(uint64_t v);
void lock_print(void);
void unlock_print(void);
void *memset(void *d, int c, unsigned long n);
void *memcpy(void *d, const void *s, unsigned long n);
int64_t psci_call(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3);
unsigned cpu_index(void);

/* start.S */
extern char secondary_entry[];

#endif
