/*
 * Conformance: GICv2 (ARM IHI 0048B) distributor and CPU interface on 4 cores: SGIs with
 * each GICD_SGIR target filter and the source CPU in GICC_IAR, priority order, preemption by
 * running priority, PMR masking, EOI, the spurious ID 1023, GICD_TYPER, SGI pending bits
 * (GICD_SPENDSGIR/CPENDSGIR) and SPIs made pending by GICD_ISPENDR on a chosen target.
 * Receivers count in their IRQ handler; CPU 0 prints the tallies in a fixed order.
 */
#include "lib/conform.h"

/* got[receiver][intid][source]: SGIs; spi_got[receiver][intid - 96] for SPIs 96..127. */
static volatile uint32_t got[NCPUS][16][NCPUS];
static volatile uint32_t spi_got[NCPUS][32];
static volatile uint32_t received;
static volatile uint32_t itargets0[NCPUS];
static volatile uint32_t sgi7_priority[NCPUS];
static volatile uint32_t phase;
static volatile uint32_t phase_done[NCPUS];
/* CPU 0's handler log: the INTIDs in the order they were taken. */
static volatile uint32_t order[16];
static volatile uint32_t order_len;

void conform_exception(struct frame *f, unsigned vector)
{
    if (vector != 4 + V_IRQ) {
        unexpected_vector(f, vector);
    }
    unsigned self = cpu_index();
    for (;;) {
        uint32_t iar = GICC(GICC_IAR);
        uint32_t id = iar & 0x3FF;
        if (id == 1023) {
            break;
        }
        if (id < 16) {
            got[self][id][(iar >> 10) & 7]++;
        } else if (id >= 96 && id < 128) {
            spi_got[self][id - 96]++;
        }
        if (self == 0 && order_len < 16) {
            order[order_len++] = id;
        }
        __atomic_fetch_add(&received, 1, __ATOMIC_RELEASE);
        GICC(GICC_EOIR) = iar;
    }
}

/* Phase n: every core sends its SGIs once (the sends differ per phase). */
static void send_phase(unsigned self, uint32_t n)
{
    switch (n) {
    case 1: /* target list, one write per other core */
        for (unsigned d = 0; d < NCPUS; d++) {
            if (d != self) {
                gic_send_sgi(1, 0, 1u << d);
            }
        }
        break;
    case 2: /* "all but self" */
        gic_send_sgi(2, 1, 0);
        break;
    case 3: /* "self only" */
        gic_send_sgi(3, 2, 0);
        break;
    case 4: /* one write, target list of every core including self */
        gic_send_sgi(4, 0, 0xF);
        break;
    }
}

void conform_secondary(unsigned cpu, uint64_t context)
{
    (void)context;
    gicc_enable();
    itargets0[cpu] = REG8(GICD_BASE + GICD_ITARGETSR);
    irq_enable();
    for (uint32_t n = 1; n <= 5; n++) {
        if (await_u32(&phase, n, "phase") != 0) {
            break;
        }
        if (n == 5) {
            /* SGI/PPI priorities are banked per CPU (4.3.11): CPU 0's writes don't show here. */
            sgi7_priority[cpu] = REG8(GICD_BASE + GICD_IPRIORITYR + 7);
        } else {
            send_phase(cpu, n);
        }
        store_rel(&phase_done[cpu], n);
    }
    for (;;) {
        __asm__ volatile("wfi");
    }
}

static int await_received(uint32_t want)
{
    return await_u32(&received, want, "interrupts");
}

/* One line per receiver: how many SGI `sgi` it took from CPU 0..3, e.g. "0111". */
static void report_sgi(unsigned sgi)
{
    for (unsigned d = 0; d < NCPUS; d++) {
        print("cpu");
        print_dec(d);
        print(" SGI");
        print_dec(sgi);
        print(" from cpu0..3: ");
        for (unsigned s = 0; s < NCPUS; s++) {
            print_dec(got[d][sgi][s]);
        }
        print("\n");
    }
}

static void sgi_filters(void)
{
    static const uint32_t expect[] = {0, 12, 12, 4, 16};
    for (uint32_t n = 1; n <= 4; n++) {
        uint32_t before = received;
        store_rel(&phase, n);
        send_phase(0, n);
        for (unsigned c = 1; c < NCPUS; c++) {
            await_u32(&phase_done[c], n, "sender");
        }
        await_received(before + expect[n]);
        report_sgi(n);
    }
}

static void say_iar(const char *label, uint32_t iar)
{
    print(label);
    print_dec(iar & 0x3FF);
    if ((iar & 0x3FF) < 16) {
        print(" cpu");
        print_dec((iar >> 10) & 7);
    }
    print("\n");
}

/* Polled with PSTATE.I set: IAR/EOIR/RPR behaviour on CPU 0 (IHI 0048B 3.2, 3.3). */
static void priorities(void)
{
    irq_disable();
    gic_set_priority(4, 0xA0);
    gic_set_priority(5, 0x20);
    gic_set_priority(6, 0x60);
    say_iar("IAR with nothing pending: ", GICC(GICC_IAR));
    say_hex("RPR idle: ", GICC(GICC_RPR));

    /* Highest priority first, each one EOId before the next acknowledge. */
    gic_send_sgi(4, 2, 0);
    gic_send_sgi(6, 2, 0);
    gic_send_sgi(5, 2, 0);
    for (int i = 0; i < 4; i++) {
        uint32_t iar = GICC(GICC_IAR);
        say_iar("ack in priority order: ", iar);
        if ((iar & 0x3FF) != 1023) {
            GICC(GICC_EOIR) = iar;
        }
    }

    /* Preemption needs a higher group priority than the running priority. */
    gic_send_sgi(4, 2, 0);
    uint32_t a = GICC(GICC_IAR);
    say_iar("active: ", a);
    say_hex("RPR: ", GICC(GICC_RPR));
    gic_send_sgi(5, 2, 0);
    uint32_t b = GICC(GICC_IAR);
    say_iar("preempted by: ", b);
    say_hex("RPR: ", GICC(GICC_RPR));
    gic_send_sgi(6, 2, 0);
    say_iar("lower than running priority: ", GICC(GICC_IAR));
    GICC(GICC_EOIR) = b;
    say_hex("RPR after EOI: ", GICC(GICC_RPR));
    uint32_t c = GICC(GICC_IAR);
    say_iar("now preempts the first: ", c);
    GICC(GICC_EOIR) = c;
    GICC(GICC_EOIR) = a;
    say_hex("RPR all done: ", GICC(GICC_RPR));
    say_iar("IAR: ", GICC(GICC_IAR));

    /* PMR: only priorities numerically lower than the mask are signalled (4.4.2). */
    GICC(GICC_PMR) = 0x80;
    gic_send_sgi(4, 2, 0);
    say_iar("PMR 0x80, SGI4 at 0xA0: IAR ", GICC(GICC_IAR));
    say_dec("SGI4 still pending (ISPENDR0): ", gic_is_pending(4));
    say_hex("SGI4 sources (SPENDSGIR): ", REG8(GICD_BASE + GICD_SPENDSGIR + 4));
    gic_send_sgi(5, 2, 0);
    uint32_t d = GICC(GICC_IAR);
    say_iar("PMR 0x80, SGI5 at 0x20: IAR ", d);
    GICC(GICC_EOIR) = d;
    GICC(GICC_PMR) = 0xF0;
    uint32_t e = GICC(GICC_IAR);
    say_iar("PMR 0xF0: IAR ", e);
    GICC(GICC_EOIR) = e;

    /* SGI pending state cleared through GICD_CPENDSGIR (4.3.16). */
    GICC(GICC_PMR) = 0x80;
    gic_send_sgi(4, 2, 0);
    REG8(GICD_BASE + GICD_CPENDSGIR + 4) = 1;
    say_dec("after CPENDSGIR, SGI4 pending: ", gic_is_pending(4));
    GICC(GICC_PMR) = 0xF0;
    say_iar("IAR: ", GICC(GICC_IAR));
    /* ... and set again through GICD_SPENDSGIR, as if sent by cpu2. */
    REG8(GICD_BASE + GICD_SPENDSGIR + 4) = 1u << 2;
    uint32_t g = GICC(GICC_IAR);
    say_iar("after SPENDSGIR: IAR ", g);
    GICC(GICC_EOIR) = g;

    /* Taken as interrupts: the handler sees them in priority order. */
    order_len = 0;
    uint32_t before = received;
    gic_send_sgi(4, 2, 0);
    gic_send_sgi(6, 2, 0);
    gic_send_sgi(5, 2, 0);
    irq_enable();
    await_received(before + 3);
    irq_disable();
    print("IRQ handler order:");
    for (uint32_t i = 0; i < order_len; i++) {
        print(" ");
        print_dec(order[i]);
    }
    print("\n");
}

/* Register facts the GICv2 spec fixes for this configuration. */
static void registers(void)
{
    say_hex("GICD_ISENABLER0 & 0xFFFF (SGIs): ", GICD(GICD_ISENABLER) & 0xFFFF);
    GICD(GICD_ICENABLER) = 0x10;
    say_hex("after ICENABLER0 bit 4, ISENABLER0 & 0xFFFF: ", GICD(GICD_ISENABLER) & 0xFFFF);
    say_hex("GICD_ICFGR0 (SGIs): ", GICD(GICD_ICFGR));
    say_hex("GICD_ICFGR1 (PPIs): ", GICD(GICD_ICFGR + 4));
    gic_set_priority(40, 0xFF);
    say_hex("IPRIORITYR[40] after writing 0xFF: ", REG8(GICD_BASE + GICD_IPRIORITYR + 40));
    gic_set_priority(40, 0);
    say_hex("GICC_HPPIR idle: ", GICC(GICC_HPPIR));
    /* IIDR: product, variant and revision are IMPLEMENTATION DEFINED (4.3.3, 4.4.16). */
    say_hex("GICD_IIDR.Implementer: ", GICD(0x008) & 0xFFF);
    say_hex("GICC_IIDR.Implementer: ", GICC(0xFC) & 0xFFF);
    say_dec("GICC_IIDR.ArchitectureVersion: ", (GICC(0xFC) >> 16) & 0xF);
    say_hex("GICC_CTLR: ", GICC(GICC_CTLR));
    say_hex("GICC_PMR: ", GICC(GICC_PMR));
    say_hex("GICC_BPR: ", GICC(GICC_BPR));
    say_hex("GICD_PIDR2: ", GICD(0xFE8));
    say_hex("GICD_ITARGETSR SPI 40 reset: ", REG8(GICD_BASE + GICD_ITARGETSR + 40));
    GICC(GICC_EOIR) = 7; /* not active: ignored */
    say_iar("IAR after a stray EOI: ", GICC(GICC_IAR));
    /* Level-sensitive SPI 102 made pending by ISPENDR, targeted at cpu0 with I masked. */
    irq_disable();
    gic_set_priority(102, 0x40);
    REG8(GICD_BASE + GICD_ITARGETSR + 102) = 1;
    gic_enable_irq(102);
    GICD(GICD_ISPENDR + 4 * (102 / 32)) = 1u << (102 % 32);
    uint32_t iar = GICC(GICC_IAR);
    say_iar("level SPI 102 pended by ISPENDR: IAR ", iar);
    say_dec("SPI 102 pending while active: ", gic_is_pending(102));
    say_dec("SPI 102 active: ", (GICD(GICD_ISACTIVER + 12) >> (102 % 32)) & 1);
    GICC(GICC_EOIR) = iar;
    say_dec("SPI 102 active after EOI: ", (GICD(GICD_ISACTIVER + 12) >> (102 % 32)) & 1);
    gic_disable_irq(102);
    irq_enable();
}

/* GICC_CTLR.EOImode, the binary point, and the enables (IHI 0048B 3.3.3, 4.4.1, 4.4.3). */
static void modes(void)
{
    irq_disable();
    /* EOImode 1: EOIR drops the running priority, GICC_DIR deactivates. */
    GICC(GICC_CTLR) = 1 | (1u << 9);
    gic_send_sgi(4, 2, 0);
    uint32_t a = GICC(GICC_IAR);
    say_iar("EOImode=1: ack ", a);
    GICC(GICC_EOIR) = a;
    say_hex("EOImode=1: RPR after EOIR ", GICC(GICC_RPR));
    say_dec("EOImode=1: SGI4 active after EOIR ", GICD(GICD_ISACTIVER) >> 4 & 1);
    gic_send_sgi(4, 2, 0);
    say_iar("EOImode=1: same SGI again while active: IAR ", GICC(GICC_IAR));
    GICC(0x1000) = a; /* GICC_DIR */
    say_dec("EOImode=1: SGI4 active after DIR ", GICD(GICD_ISACTIVER) >> 4 & 1);
    uint32_t b = GICC(GICC_IAR);
    say_iar("EOImode=1: after DIR: IAR ", b);
    GICC(GICC_EOIR) = b;
    GICC(0x1000) = b;
    GICC(GICC_CTLR) = 1;

    /* Binary point: with 0xA8 running, 0xA0 preempts when BPR=2 (group bits [7:3]) but
     * not when BPR=3 (group bits [7:4]): equal group priorities never preempt. */
    gic_set_priority(7, 0xA8);
    gic_set_priority(8, 0xA0);
    for (unsigned bpr = 2; bpr <= 3; bpr++) {
        GICC(GICC_BPR) = bpr;
        gic_send_sgi(7, 2, 0);
        uint32_t r = GICC(GICC_IAR);
        gic_send_sgi(8, 2, 0);
        uint32_t p = GICC(GICC_IAR);
        print("BPR=");
        print_dec(bpr);
        say_iar(": 0xA0 while 0xA8 active: IAR ", p);
        if ((p & 0x3FF) != 1023) {
            GICC(GICC_EOIR) = p;
        }
        GICC(GICC_EOIR) = r;
        uint32_t q = GICC(GICC_IAR);
        if ((q & 0x3FF) != 1023) {
            GICC(GICC_EOIR) = q;
        }
    }
    GICC(GICC_BPR) = 2;

    /* HPPIR shows what IAR would return, with the SGI's source, and acknowledges nothing. */
    REG8(GICD_BASE + GICD_SPENDSGIR + 4) = 1u << 3;
    /* GICC_HPPIR.CPUID names the processor that requested the SGI (IHI 0048B 4.4.8);
     * QEMU 7.2 reports 0: "[strict]". */
    say_iar("[strict] HPPIR with SGI4 pending from cpu3: ", GICC(GICC_HPPIR));
    say_dec("still pending after HPPIR: ", gic_is_pending(4));
    /* Software-set active state: an active interrupt is not acknowledged again (4.3.8). */
    GICD(GICD_ISACTIVER) = 1u << 4;
    say_dec("SGI4 set active by ISACTIVER: active ", GICD(GICD_ISACTIVER) >> 4 & 1);
    say_iar("SGI4 active and pending: IAR ", GICC(GICC_IAR));
    GICD(GICD_ICACTIVER) = 1u << 4;
    uint32_t h = GICC(GICC_IAR);
    say_iar("after ICACTIVER: IAR ", h);
    GICC(GICC_EOIR) = h;

    /* A disabled CPU interface or distributor signals nothing; pending state stays. */
    GICC(GICC_CTLR) = 0;
    gic_send_sgi(4, 2, 0);
    say_iar("GICC_CTLR=0: IAR ", GICC(GICC_IAR));
    GICC(GICC_CTLR) = 1;
    GICD(GICD_CTLR) = 0;
    say_iar("GICD_CTLR=0: IAR ", GICC(GICC_IAR));
    say_dec("GICD_CTLR=0: SGI4 pending ", gic_is_pending(4));
    GICD(GICD_CTLR) = 1;
    uint32_t c = GICC(GICC_IAR);
    say_iar("both enabled again: IAR ", c);
    GICC(GICC_EOIR) = c;

    /* An SPI with an empty ITARGETSR goes nowhere; an edge SPI pended again while active
     * is active and pending, and is taken again after EOI. */
    unsigned spi = 103;
    gic_set_priority(spi, 0x40);
    REG32(GICD_BASE + GICD_ICFGR + 4 * (spi / 16)) |= 2u << (2 * (spi % 16));
    REG8(GICD_BASE + GICD_ITARGETSR + spi) = 0;
    gic_enable_irq(spi);
    GICD(GICD_ISPENDR + 4 * (spi / 32)) = 1u << (spi % 32);
    say_iar("SPI 103 with no target: IAR ", GICC(GICC_IAR));
    /* Whether that pending state survives until a target is added differs (emu4e keeps it,
     * as IHI 0048B 4.3.12 describes for pending interrupts; QEMU 7.2 drops it): clear it. */
    GICD(GICD_ICPENDR + 4 * (spi / 32)) = 1u << (spi % 32);
    REG8(GICD_BASE + GICD_ITARGETSR + spi) = 1;
    GICD(GICD_ISPENDR + 4 * (spi / 32)) = 1u << (spi % 32);
    uint32_t d = GICC(GICC_IAR);
    say_iar("SPI 103 targeted at cpu0: IAR ", d);
    GICD(GICD_ISPENDR + 4 * (spi / 32)) = 1u << (spi % 32);
    say_dec("SPI 103 pended again while active: pending ", gic_is_pending(spi));
    say_dec("SPI 103 pended again while active: active ", (GICD(GICD_ISACTIVER + 12) >> (spi % 32)) & 1);
    say_iar("SPI 103 before EOI: IAR ", GICC(GICC_IAR));
    GICC(GICC_EOIR) = d;
    uint32_t e = GICC(GICC_IAR);
    say_iar("SPI 103 after EOI: IAR ", e);
    GICC(GICC_EOIR) = e;
    gic_disable_irq(spi);
    irq_enable();
}

static void spis(void)
{
    /* SPI 100: edge-triggered, made pending by software, delivered to its ITARGETSR core. */
    unsigned spi = 100;
    REG32(GICD_BASE + GICD_ICFGR + 4 * (spi / 16)) |= 2u << (2 * (spi % 16));
    gic_set_priority(spi, 0x40);
    for (unsigned target = 1; target < NCPUS; target++) {
        uint32_t before = received;
        REG8(GICD_BASE + GICD_ITARGETSR + spi) = (uint8_t)(1u << target);
        gic_enable_irq(spi);
        GICD(GICD_ISPENDR + 4 * (spi / 32)) = 1u << (spi % 32);
        await_received(before + 1);
        print("SPI 100 targeted at cpu");
        print_dec(target);
        print(", taken by cpu0..3: ");
        for (unsigned c = 0; c < NCPUS; c++) {
            print_dec(spi_got[c][spi - 96]);
            spi_got[c][spi - 96] = 0;
        }
        print("\n");
    }
    say_dec("SPI 100 pending after: ", gic_is_pending(spi));

    /* SPI 101 pended while disabled stays pending, is taken once enabled. */
    unsigned spi2 = 101;
    gic_set_priority(spi2, 0x40);
    REG8(GICD_BASE + GICD_ITARGETSR + spi2) = 1u << 3;
    REG32(GICD_BASE + GICD_ICFGR + 4 * (spi2 / 16)) |= 2u << (2 * (spi2 % 16));
    gic_disable_irq(spi2);
    GICD(GICD_ISPENDR + 4 * (spi2 / 32)) = 1u << (spi2 % 32);
    uint64_t d = deadline_ms(20);
    while (!expired(d)) {
    }
    say_dec("SPI 101 disabled: pending=", gic_is_pending(spi2));
    say_dec("SPI 101 disabled: taken by cpu3=", spi_got[3][spi2 - 96]);
    uint32_t before = received;
    gic_enable_irq(spi2);
    await_received(before + 1);
    say_dec("SPI 101 enabled: taken by cpu3=", spi_got[3][spi2 - 96]);
    say_dec("SPI 101 pending after: ", gic_is_pending(spi2));
}

int main(void)
{
    install_vectors();
    say("gic-ipi: start");
    gicd_enable();
    gicc_enable();
    uint32_t typer = GICD(GICD_TYPER);
    say_dec("GICD_TYPER.ITLinesNumber: ", typer & 0x1F);
    say_dec("GICD_TYPER.CPUNumber: ", (typer >> 5) & 7);
    say_dec("GICD_CTLR: ", GICD(GICD_CTLR));
    itargets0[0] = REG8(GICD_BASE + GICD_ITARGETSR);
    for (unsigned c = 1; c < NCPUS; c++) {
        cpu_on(c, c);
    }
    for (unsigned c = 1; c < NCPUS; c++) {
        await_u32(&itargets0[c], 1u << c, "ITARGETSR0 of a secondary");
    }
    for (unsigned c = 0; c < NCPUS; c++) {
        print("cpu");
        print_dec(c);
        say_hex(" reads ITARGETSR0 byte 0 = ", itargets0[c]);
    }
    irq_enable();
    sgi_filters();
    priorities();
    registers();
    modes();
    gic_set_priority(7, 0x68);
    store_rel(&phase, 5);
    for (unsigned c = 1; c < NCPUS; c++) {
        await_u32(&phase_done[c], 5, "priority readers");
    }
    print("SGI7 priority, CPU 0 wrote 0x68, as read by cpu0..3:");
    print(" ");
    print_hex(REG8(GICD_BASE + GICD_IPRIORITYR + 7));
    for (unsigned c = 1; c < NCPUS; c++) {
        print(" ");
        print_hex(sgi7_priority[c]);
    }
    print("\n");
    spis();
    say("gic-ipi: done");
    system_off();
    return 0;
}
