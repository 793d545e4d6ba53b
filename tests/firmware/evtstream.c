/*
 * Conformance: the generic timer's event stream (ARM ARM D11.2.3 "Event streams", CNTKCTL_EL1
 * EVNTEN/EVNTDIR/EVNTI on the virtual count) waking WFE (D1.16.1 "Wait for Event"). With the
 * stream on, PSTATE.I masked, no SEV and no other core running, a WFE completes at the latest
 * at the next event of the stream; a CNTV timer 2 s ahead (its PPI pending also wakes WFE) is
 * only a safety net, and the program reports whether it was needed. Linux enables the stream
 * (arch_timer_evtstrm) and relies on it to bound its WFE-based waits.
 * QEMU 7.2 completes WFE at once, which the architecture allows; emu4e sleeps until the event
 * (EventStreamTest checks that on the engine).
 */
#include "lib/conform.h"

#define PPI_VIRT 27

#define READ(reg) ({ uint64_t v_; __asm__ volatile("isb\n mrs %0, " #reg : "=r"(v_) : : "memory"); v_; })
#define WRITE(reg, v) __asm__ volatile("msr " #reg ", %0\n isb" : : "r"((uint64_t)(v)) : "memory")

#define EVNTEN (1u << 2)
#define EVNTDIR (1u << 3)
#define EVNTI(n) ((uint64_t)(n) << 4)

void conform_exception(struct frame *f, unsigned vector) { unexpected_vector(f, vector); }

void conform_secondary(unsigned cpu, uint64_t context)
{
    (void)cpu;
    (void)context;
}

/* Arms the CNTV safety timer 2 s ahead (PPI 27 enabled; PSTATE.I stays masked). */
static void arm_safety_timer(void)
{
    WRITE(cntv_tval_el0, cntfrq() * 2);
    WRITE(cntv_ctl_el0, 1);
}

/* 1 if the safety timer has not fired (its ISTATUS is clear); disarms it. */
static int safety_timer_unused(void)
{
    int unused = !(READ(cntv_ctl_el0) & 4);
    WRITE(cntv_ctl_el0, 0);
    return unused;
}

/* n WFEs in a row with only the stream (and the safety timer) to end them. */
static void wfe_times(unsigned n)
{
    __asm__ volatile("sevl\n wfe" : : : "memory"); /* the event register starts clear */
    for (unsigned i = 0; i < n; i++) {
        __asm__ volatile("wfe" : : : "memory");
    }
}

static void stream_case(const char *what, uint64_t cntkctl)
{
    WRITE(cntkctl_el1, cntkctl);
    arm_safety_timer();
    wfe_times(20);
    print(what);
    say_dec(": 20 WFEs completed before the 2 s safety timer = ", safety_timer_unused());
}

int main(void)
{
    install_vectors();
    say("evtstream: start");
    irq_disable();
    gicd_enable();
    gicc_enable();
    gic_set_priority(PPI_VIRT, 0x80);
    gic_enable_irq(PPI_VIRT);

    uint64_t saved = READ(cntkctl_el1);
    WRITE(cntkctl_el1, EVNTEN | EVNTDIR | EVNTI(15));
    say_hex("CNTKCTL_EL1 EVNTEN|EVNTDIR|EVNTI=15 reads back = ", READ(cntkctl_el1) & 0xFC);
    WRITE(cntkctl_el1, saved);

    stream_case("stream on, EVNTI 10 (rising edge of CNTVCT bit 10)", EVNTEN | EVNTI(10));
    stream_case("stream on, EVNTI 10, EVNTDIR (falling edge)", EVNTEN | EVNTDIR | EVNTI(10));
    stream_case("stream on, EVNTI 15 (about 1 ms at 62.5 MHz)", EVNTEN | EVNTI(15));
    WRITE(cntkctl_el1, saved);
    say_dec("CNTV PPI pending after the safety timers were disarmed = ", gic_is_pending(PPI_VIRT));
    say("evtstream: done");
    system_off();
    return 0;
}
