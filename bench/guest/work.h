/*
 * The CPU-bound kernels of the benchmark guests: integer loops typical of firmware (a sieve, a
 * bitwise CRC-32, an insertion sort, a byte-code interpreter switch and memcpy). One round of
 * them works on one struct work; a core that runs rounds in parallel with others has its own.
 */
#ifndef WORK_H
#define WORK_H

#include "demo.h"

struct work {
    uint8_t sieve[1 << 16];
    uint32_t data[2048];
    uint8_t bytes[1 << 14], copy[1 << 14];
};

static uint32_t primes(struct work *w)
{
    uint32_t n = 0;
    memset(w->sieve, 1, sizeof w->sieve);
    for (uint32_t i = 2; i < sizeof w->sieve; i++) {
        if (w->sieve[i]) {
            n++;
            for (uint32_t j = i * 2; j < sizeof w->sieve; j += i) w->sieve[j] = 0;
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

static uint32_t sort(struct work *w, uint32_t seed)
{
    uint32_t *data = w->data;
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

/* The input of crc32 and memcpy; once per struct work before its first round. */
static void work_init(struct work *w)
{
    for (uint32_t i = 0; i < sizeof w->bytes; i++) w->bytes[i] = (uint8_t)(i * 31 + 7);
}

/* Round r (about 3.5 M instructions); its result depends on r only, not on w's history. */
static uint64_t work_round(struct work *w, int r)
{
    uint64_t sum = primes(w);
    sum += crc32(w->bytes, sizeof w->bytes);
    sum += sort(w, (uint32_t)r);
    sum += interp(200000);
    memcpy(w->copy, w->bytes, sizeof w->bytes);
    sum += w->copy[r & 1023];
    return sum;
}

#endif
