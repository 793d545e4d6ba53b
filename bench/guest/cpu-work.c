/*
 * CPU-bound guest work for bench/cpu-throughput.sh: integer loops typical of firmware
 * (a sieve, a bitwise CRC-32, an insertion sort, a byte-code interpreter switch and memcpy).
 * Runs ROUNDS rounds on core 0 (secondaries stay off), prints a checksum, powers off.
 * ROUNDS=0 builds the start-up-only twin used to subtract boot time.
 */
#include "demo.h"

#ifndef ROUNDS
#define ROUNDS 40
#endif

void secondary_main(unsigned cpu) { (void)cpu; for (;;) __asm__ volatile("wfi"); }
void irq_handler(void) { }
void unexpected_exception(void) { print("unexpected exception\n"); for (;;) __asm__ volatile("wfi"); }

static uint8_t sieve[1 << 16];
static uint32_t data[2048];
static uint8_t bytes[1 << 14], copy[1 << 14];

static uint32_t primes(void)
{
    uint32_t n = 0;
    memset(sieve, 1, sizeof sieve);
    for (uint32_t i = 2; i < sizeof sieve; i++) {
        if (sieve[i]) {
            n++;
            for (uint32_t j = i * 2; j < sizeof sieve; j += i) sieve[j] = 0;
        }
    }
    return n;
}

static uint32_t crc32(const uint8_t *p, uint32_t len)
{
    uint32_t c = 0xFFFFFFFFu;
    for (uint32_t i = 0; i < len; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xEDB88320u & -(c & 1));
    }
    return ~c;
}

static uint32_t sort(uint32_t seed)
{
    for (uint32_t i = 0; i < 512; i++) { seed = seed * 1664525u + 1013904223u; data[i] = seed; }
    for (uint32_t i = 1; i < 512; i++) {
        uint32_t v = data[i], j = i;
        while (j > 0 && data[j - 1] > v) { data[j] = data[j - 1]; j--; }
        data[j] = v;
    }
    return data[0] ^ data[511];
}

static uint64_t interp(uint32_t steps)
{
    static const uint8_t prog[] = { 0, 1, 2, 3, 1, 4, 2, 0, 5, 3, 4, 1, 0, 2, 5, 3 };
    uint64_t acc = 1, x = 7;
    for (uint32_t pc = 0, i = 0; i < steps; i++, pc = (pc + 1) & 15) {
        switch (prog[pc]) {
        case 0: acc += x; break;
        case 1: acc ^= acc << 7; break;
        case 2: x = x * 3 + 1; break;
        case 3: acc -= x >> 3; break;
        case 4: acc = (acc >> 11) | (acc << 53); break;
        default: x ^= acc; break;
        }
    }
    return acc;
}

int main(void)
{
    uint64_t sum = 0;
    for (uint32_t i = 0; i < sizeof bytes; i++) bytes[i] = (uint8_t)(i * 31 + 7);
    for (int r = 0; r < ROUNDS; r++) {
        sum += primes();
        sum += crc32(bytes, sizeof bytes);
        sum += sort((uint32_t)r);
        sum += interp(200000);
        memcpy(copy, bytes, sizeof bytes);
        sum += copy[r & 1023];
    }
    print("checksum ");
    print_hex(sum);
    print("\n");
    psci_call(0x84000008u, 0, 0, 0); /* SYSTEM_OFF */
    for (;;) {
    }
}
