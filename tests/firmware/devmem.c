/*
 * Conformance: pair and multi-element loads/stores with the MMU off, where every data access
 * is Device-nGnRnE (ARM ARM D8.2.10 "The effects of disabling an address translation stage").
 *
 * Rule (ARMv8.0 pseudocode of LDP/STP/LDNP/STNP/LDPSW, LD1-LD4/ST1-ST4, LD1R-LD4R): an
 * instruction makes one Mem[address, size] access per element, of the element's size, and
 * each is checked for alignment on its own: AArch64.CheckAlignment (SCTLR_EL1.A) and the
 * Device-memory check of AArch64.TranslateAddress. A 128-bit SIMD&FP element must be 16-byte
 * aligned. So LDP W at a 4-aligned address, LD1 {.4s} at 4, LDP Q at 16 never fault; an
 * element not aligned to its size does on Device memory (B2.5.2 "Alignment of data accesses":
 * an unaligned access to Device memory gives an Alignment fault) and with SCTLR.A = 1.
 * The exclusive pairs are checked for the whole pair ("Check alignment by size of entire
 * access"), DC ZVA to Device memory is an Alignment fault whatever the address (C5.3.13).
 *
 * QEMU 7.2 checks no Device-memory alignment, and a store-exclusive pair that is not aligned
 * to the pair fails there (status 1) instead of faulting: those lines start with "[strict] "
 * (checked on emu4e only, see BareMetalConformanceTest). Everything else prints the same on
 * both.
 */
#include "lib/conform.h"

static volatile struct {
    unsigned count;
    uint64_t esr, far;
} fault;

static uint8_t buf[8192] __attribute__((aligned(4096)));
static uint64_t out[8] __attribute__((aligned(16)));
static const char *prefix = "";

void conform_exception(struct frame *f, unsigned vector)
{
    if (vector != 4 + V_SYNC || (f->esr >> 26) != 0x25) {
        unexpected_vector(f, vector);
    }
    fault.count++;
    fault.esr = f->esr;
    fault.far = f->far;
    f->elr += 4; /* skip the faulting access */
}

void conform_secondary(unsigned cpu, uint64_t context)
{
    (void)cpu;
    (void)context;
}

static void fill(void)
{
    for (unsigned i = 0; i < 512; i++) {
        buf[i] = (uint8_t)(i * 7 + 1);
        buf[4096 - 256 + i] = (uint8_t)(i * 5 + 3);
    }
}

/* A 64-bit digest of the first 512 bytes of buf and the 512 around its page boundary. */
static uint64_t digest_buf(void)
{
    uint64_t h = 1469598103934665603ull;
    for (unsigned i = 0; i < 512; i++) {
        h = (h ^ buf[i]) * 1099511628211ull;
        h = (h ^ buf[4096 - 256 + i]) * 1099511628211ull;
    }
    return h;
}

static uint64_t digest_out(void)
{
    uint64_t h = 1469598103934665603ull;
    for (unsigned i = 0; i < 8; i++) {
        h = (h ^ out[i]) * 1099511628211ull;
    }
    return h;
}

static void result(const char *what, unsigned off, uint64_t value)
{
    print(prefix);
    print(what);
    print(" at +");
    print_dec(off);
    if (fault.count) {
        print(": Alignment fault ");
        print_dec(fault.count);
        print(" ESR ");
        print_hex(fault.esr);
        print(" FAR +");
        print_dec(fault.far - (uint64_t)(uintptr_t)buf);
    } else {
        print(": ok ");
        print_hex(value);
    }
    print("\n");
}

/* X1, X2 (and X3 for the exclusive store's status) through an integer access at buf + off. */
#define INT_ACCESS(insn, off)                                                                   \
    do {                                                                                        \
        fill();                                                                                 \
        fault.count = 0;                                                                        \
        register uint64_t x0 __asm__("x0") = (uint64_t)(uintptr_t)(buf + (off));                \
        register uint64_t x1 __asm__("x1") = 0x1122334455667788ull;                             \
        register uint64_t x2 __asm__("x2") = 0x99AABBCCDDEEFF00ull;                             \
        register uint64_t x3 __asm__("x3") = 7;                                                 \
        __asm__ volatile(insn : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : "memory");          \
        out[0] = x1;                                                                            \
        out[1] = x2;                                                                            \
        out[2] = x3;                                                                            \
        for (unsigned i = 3; i < 8; i++) out[i] = 0;                                            \
        result(insn, off, digest_out() ^ digest_buf());                                         \
    } while (0)

/* V16-V19 through a SIMD&FP access at buf + off (set to a pattern first, saved with ST1 .16b). */
#define VEC_ACCESS(insn, off)                                                                   \
    do {                                                                                        \
        fill();                                                                                 \
        fault.count = 0;                                                                        \
        register uint64_t x0 __asm__("x0") = (uint64_t)(uintptr_t)(buf + (off));                \
        __asm__ volatile("movi v16.16b, #0x16\n movi v17.16b, #0x17\n movi v18.16b, #0x18\n"     \
                         " movi v19.16b, #0x19\n" insn                                      \
                         "\n st1 {v16.16b, v17.16b, v18.16b, v19.16b}, [%1]"                     \
                         : "+r"(x0) : "r"(out) : "v16", "v17", "v18", "v19", "memory");          \
        result(insn, off, digest_out() ^ digest_buf());                                         \
    } while (0)

static void set_sctlr_a(int on)
{
    uint64_t v;
    __asm__ volatile("mrs %0, sctlr_el1" : "=r"(v));
    v = on ? v | 2 : v & ~2ull;
    __asm__ volatile("msr sctlr_el1, %0\n isb" : : "r"(v) : "memory");
}

/* Every access whose elements are aligned to their size: no fault, with or without SCTLR.A. */
static void element_aligned(void)
{
    INT_ACCESS("ldp w1, w2, [x0]", 4);
    INT_ACCESS("ldp w1, w2, [x0], #8", 12);
    INT_ACCESS("ldpsw x1, x2, [x0]", 16);
    INT_ACCESS("stp w1, w2, [x0]", 4);
    INT_ACCESS("ldnp w1, w2, [x0]", 20);
    INT_ACCESS("stnp w1, w2, [x0]", 20);
    INT_ACCESS("ldp x1, x2, [x0]", 8);
    INT_ACCESS("stp x1, x2, [x0, #16]!", 8);
    INT_ACCESS("ldnp x1, x2, [x0]", 24);
    INT_ACCESS("ldp w1, w2, [x0]", 4096 - 4); /* crosses the page boundary */
    INT_ACCESS("ldxp w1, w2, [x0]", 8);
    INT_ACCESS("ldxp x1, x2, [x0]", 16);
    INT_ACCESS("ldaxp x1, x2, [x0]; stlxp w3, x1, x2, [x0]", 32);
    VEC_ACCESS("ldp s16, s17, [x0]", 4);
    VEC_ACCESS("stp s16, s17, [x0]", 12);
    VEC_ACCESS("ldp d16, d17, [x0]", 8);
    VEC_ACCESS("stnp d16, d17, [x0]", 24);
    VEC_ACCESS("ldp q16, q17, [x0]", 16);
    VEC_ACCESS("stp q16, q17, [x0]", 48);
    VEC_ACCESS("ldr q16, [x0]", 32);
    VEC_ACCESS("ld1 {v16.16b}, [x0]", 1);
    VEC_ACCESS("ld1 {v16.8h}, [x0]", 2);
    VEC_ACCESS("ld1 {v16.4s}, [x0]", 4);
    VEC_ACCESS("ld1 {v16.2d, v17.2d}, [x0]", 8);
    VEC_ACCESS("ld1 {v16.1d, v17.1d, v18.1d, v19.1d}, [x0], #32", 8);
    VEC_ACCESS("ld2 {v16.8h, v17.8h}, [x0]", 6);
    VEC_ACCESS("ld3 {v16.4s, v17.4s, v18.4s}, [x0]", 12);
    VEC_ACCESS("ld4 {v16.2d, v17.2d, v18.2d, v19.2d}, [x0]", 8);
    VEC_ACCESS("st1 {v16.2d}, [x0]", 8);
    VEC_ACCESS("st2 {v16.4s, v17.4s}, [x0]", 4);
    VEC_ACCESS("st3 {v16.8b, v17.8b, v18.8b}, [x0]", 3);
    VEC_ACCESS("st4 {v16.4s, v17.4s, v18.4s, v19.4s}, [x0]", 4);
    VEC_ACCESS("ld1 {v16.s}[1], [x0]", 4);
    VEC_ACCESS("ld4 {v16.h, v17.h, v18.h, v19.h}[5], [x0]", 2);
    VEC_ACCESS("st2 {v16.d, v17.d}[1], [x0]", 8);
    VEC_ACCESS("ld1r {v16.4s}, [x0]", 4);
    VEC_ACCESS("ld2r {v16.8h, v17.8h}, [x0]", 2);
    VEC_ACCESS("ld4r {v16.2d, v17.2d, v18.2d, v19.2d}, [x0]", 8);
    VEC_ACCESS("ld1 {v16.4s}, [x0]", 4096 - 8); /* crosses the page boundary */
}

int main(void)
{
    install_vectors();
    __asm__ volatile("msr cpacr_el1, %0\n isb" : : "r"(3ull << 20)); /* FP/AdvSIMD at EL1 */
    say("devmem: start");
    uint64_t sctlr;
    __asm__ volatile("mrs %0, sctlr_el1" : "=r"(sctlr));
    say_dec("SCTLR_EL1.M (stage 1 MMU): ", sctlr & 1);

    say("MMU off, SCTLR.A=0, element-aligned:");
    element_aligned();
    say("MMU off, SCTLR.A=1, element-aligned:");
    set_sctlr_a(1);
    element_aligned();

    say("MMU off, SCTLR.A=1, elements not aligned to their size:");
    INT_ACCESS("ldp w1, w2, [x0]", 2);
    INT_ACCESS("stp x1, x2, [x0]", 4);
    INT_ACCESS("ldpsw x1, x2, [x0]", 6);
    VEC_ACCESS("ldp d16, d17, [x0]", 4);
    VEC_ACCESS("ld1 {v16.4s}, [x0]", 2);
    VEC_ACCESS("st1 {v16.2d}, [x0]", 4);
    VEC_ACCESS("ld1r {v16.8h}, [x0]", 1);
    INT_ACCESS("ldr x1, [x0]", 4096 - 4);
    /* ARMv8.0 Mem[]: CheckAlignment(address, 16) for a 128-bit access. */
    VEC_ACCESS("ldp q16, q17, [x0]", 8);
    VEC_ACCESS("ldr q16, [x0]", 8);
    set_sctlr_a(0);

    say("exclusive pairs, aligned to the element but not to the pair:");
    INT_ACCESS("ldxp w1, w2, [x0]", 4);
    INT_ACCESS("ldaxp x1, x2, [x0]", 8);
    /* AArch64.ExclusiveMonitorsPass() checks the alignment of the whole access before it
     * looks at the monitor, so the fault is taken even though the store would fail. */
    prefix = "[strict] ";
    INT_ACCESS("stxp w3, w1, w2, [x0]", 4);
    INT_ACCESS("stlxp w3, x1, x2, [x0]", 8);
    prefix = "";

    /* Device memory: an unaligned element is an Alignment fault (B2.5.2); QEMU 7.2 does not
     * check the memory type, so these are emu4e-only lines. */
    say("MMU off, SCTLR.A=0, elements not aligned to their size:");
    prefix = "[strict] ";
    INT_ACCESS("ldp w1, w2, [x0]", 2);
    INT_ACCESS("stp x1, x2, [x0]", 4);
    INT_ACCESS("ldr x1, [x0]", 4096 - 4);
    VEC_ACCESS("ldp q16, q17, [x0]", 8);
    VEC_ACCESS("ld1 {v16.4s}, [x0]", 2);
    VEC_ACCESS("ld3r {v16.2d, v17.2d, v18.2d}, [x0]", 4);
    /* DC ZVA to any Device memory: Alignment fault (C5.3.13, AccType_DCZVA). */
    INT_ACCESS("dc zva, x0", 64);
    prefix = "";
    say("devmem: done");
    system_off();
    return 0;
}
