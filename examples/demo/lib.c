/* emu4e demo firmware: UART output, a print lock, PSCI calls, libc bits gcc may call. */
#include "demo.h"

#define UARTDR 0x000
#define UARTFR 0x018
#define FR_TXFF (1u << 5)

static volatile uint32_t print_lock_word;

void uart_putc(char c)
{
    while (REG32(UART_BASE + UARTFR) & FR_TXFF) {
    }
    REG32(UART_BASE + UARTDR) = (uint32_t)(unsigned char)c;
}

void print(const char *s)
{
    while (*s) {
        if (*s == '\n') {
            uart_putc('\r');
        }
        uart_putc(*s++);
    }
}

void print_dec(uint64_t v)
{
    char buf[21];
    int i = 20;
    buf[i] = 0;
    do {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    print(&buf[i]);
}

void print_hex(uint64_t v)
{
    char buf[19];
    int i = 18;
    buf[i] = 0;
    do {
        buf[--i] = "0123456789abcdef"[v & 15];
        v >>= 4;
    } while (v);
    buf[--i] = 'x';
    buf[--i] = '0';
    print(&buf[i]);
}

/* A spinlock with load-acquire/store-release exclusives (ARM ARM B2.9). */
void lock_print(void)
{
    while (__atomic_exchange_n(&print_lock_word, 1, __ATOMIC_ACQUIRE)) {
        while (__atomic_load_n(&print_lock_word, __ATOMIC_RELAXED)) {
        }
    }
}

void unlock_print(void)
{
    __atomic_store_n(&print_lock_word, 0, __ATOMIC_RELEASE);
}

/* PSCI over HVC #0 (SMC Calling Convention: function id in x0, result in x0). */
int64_t psci_call(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
    register uint64_t x0 __asm__("x0") = fn;
    register uint64_t x1 __asm__("x1") = a1;
    register uint64_t x2 __asm__("x2") = a2;
    register uint64_t x3 __asm__("x3") = a3;
    __asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : "memory");
    return (int64_t)x0;
}

unsigned cpu_index(void)
{
    uint64_t mpidr;
    __asm__ volatile("mrs %0, mpidr_el1" : "=r"(mpidr));
    return (unsigned)(mpidr & 0xff);
}

void *memset(void *d, int c, unsigned long n)
{
    unsigned char *p = d;
    while (n--) {
        *p++ = (unsigned char)c;
    }
    return d;
}

void *memcpy(void *d, const void *s, unsigned long n)
{
    unsigned char *p = d;
    const unsigned char *q = s;
    while (n--) {
        *p++ = *q++;
    }
    return d;
}
