/*
 * Conformance: compiled C using floating point and AdvSIMD, single core. gcc -O2 with the
 * FP/SIMD registers allowed (this file only, see the Makefile): double and float arithmetic,
 * FMADD contraction, sqrt, conversions, a libc-style memcpy and strlen written with NEON
 * intrinsics, and a loop gcc vectorises. Every result is printed as bits, so emu4e and
 * qemu-system-aarch64 must print exactly the same lines. Runs with the MMU on (Normal memory),
 * as gcc's unaligned SIMD loads would fault on the Device memory of an MMU-off core.
 */
#include <arm_neon.h>
#include "demo.h"

void enable_fp(void);
void enable_identity_mmu(void);

static void put(const char *name, uint64_t bits)
{
    print(name);
    print(" ");
    print_hex(bits);
    print("\n");
}

static uint64_t dbits(double d)
{
    union { double d; uint64_t u; } v = { d };
    return v.u;
}

static uint64_t fbits(float f)
{
    union { float f; uint32_t u; } v = { f };
    return v.u;
}

/* Leibniz series, Newton square root, float matrix product with fused multiply-add. */
static void __attribute__((noinline)) floating_point(volatile double *seed)
{
    double pi = 0;
    for (int k = 0; k < 2000; k++) {
        pi += (k & 1 ? -4.0 : 4.0) / (2 * k + 1);
    }
    put("leibniz", dbits(pi));
    put("sqrt2", dbits(__builtin_sqrt(*seed * 2)));
    double x = *seed * 10;
    for (int i = 0; i < 20; i++) {
        x = 0.5 * (x + 10.0 / x);
    }
    put("newton", dbits(x));
    float a[4][4], b[4][4], c[4][4];
    for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 4; j++) {
            a[i][j] = (float)(i + 1) / (float)(j + 3);
            b[i][j] = (float)(i * j) - 1.25f;
        }
    }
    for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 4; j++) {
            float s = 0;
            for (int k = 0; k < 4; k++) {
                s += a[i][k] * b[k][j];
            }
            c[i][j] = s;
        }
    }
    uint64_t h = 0;
    for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 4; j++) {
            h = h * 31 + fbits(c[i][j]);
        }
    }
    put("matmul", h);
    put("d2i", (uint64_t)(int64_t)(-x * 1e6));
    put("u2f", fbits((float)(uint32_t)3000000001u));
    put("tiny", dbits(*seed * 1e-310 / 3));
}

/* libc-style memcpy: 16 bytes per step through the SIMD registers, bytes at the tail. */
static void *neon_memcpy(void *dst, const void *src, unsigned long n)
{
    uint8_t *d = dst;
    const uint8_t *s = src;
    while (n >= 16) {
        vst1q_u8(d, vld1q_u8(s));
        d += 16;
        s += 16;
        n -= 16;
    }
    while (n--) {
        *d++ = *s++;
    }
    return dst;
}

/* libc-style strlen: compare 16 bytes at once, find the first zero lane. */
static unsigned long neon_strlen(const char *str)
{
    const uint8_t *p = (const uint8_t *)str;
    while (((uintptr_t)p & 15) != 0) {
        if (*p == 0) {
            return (unsigned long)(p - (const uint8_t *)str);
        }
        p++;
    }
    for (;;) {
        uint8x16_t zero = vceqq_u8(vld1q_u8(p), vdupq_n_u8(0));
        if (vmaxvq_u8(zero) != 0) {
            uint8_t lanes[16];
            vst1q_u8(lanes, zero);
            for (int i = 0; i < 16; i++) {
                if (lanes[i]) {
                    return (unsigned long)(p + i - (const uint8_t *)str);
                }
            }
        }
        p += 16;
    }
}

static uint8_t src_buf[301], dst_buf[301];
static char text[200];

static void __attribute__((noinline)) simd(void)
{
    for (int i = 0; i < 301; i++) {
        src_buf[i] = (uint8_t)(i * 7 + 3);
    }
    neon_memcpy(dst_buf + 1, src_buf + 3, 290);
    uint64_t h = 0;
    for (int i = 0; i < 301; i++) {
        h = h * 131 + dst_buf[i];
    }
    put("memcpy", h);
    for (int i = 0; i < 137; i++) {
        text[i] = (char)('a' + i % 26);
    }
    text[137] = 0;
    put("strlen", neon_strlen(text + 5));
    /* a dot product loop gcc vectorises at -O2 -ftree-vectorize */
    int32_t dot = 0;
    for (int i = 0; i < 256; i++) {
        dot += (int32_t)src_buf[i] * (int32_t)(int8_t)dst_buf[i];
    }
    put("dot", (uint32_t)dot);
}

__attribute__((target("general-regs-only"))) void secondary_main(unsigned cpu)
{
    (void)cpu;
}

__attribute__((target("general-regs-only"))) int main(void)
{
    static volatile double seed = 1.0;
    enable_identity_mmu();
    enable_fp();
    print("fp-neon: start\n");
    floating_point(&seed);
    simd();
    print("fp-neon: done\n");
    psci_call(0x84000008u, 0, 0, 0); /* SYSTEM_OFF */
    for (;;) {
    }
}
