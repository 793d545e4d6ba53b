/* Test guest for the GDB stub: four CPUs with distinct power states.
 * CPU 0 and 1 count in tick(); CPU 0 also publishes shared_value (watchpoint target);
 * CPU 2 waits in WFI forever; CPU 3 powers itself off with PSCI CPU_OFF; CPU 0 and 1
 * start counting only after both did so. */
void psci_cpu_off(void);

volatile unsigned long counter[4];
volatile unsigned long shared_value;
volatile int ready;

__attribute__((noinline)) void tick(int cpu)
{
    counter[cpu]++;
}

void cpu_main(int cpu)
{
    if (cpu == 3) {
        __atomic_add_fetch(&ready, 1, __ATOMIC_SEQ_CST);
        psci_cpu_off();
    }
    if (cpu == 2) {
        __atomic_add_fetch(&ready, 1, __ATOMIC_SEQ_CST);
        for (;;) {
            __asm__ volatile("wfi");
        }
    }
    /* Let CPU 2 and 3 settle in WFI / PSCI off before anyone reaches tick(). */
    while (ready < 2) {
    }
    for (volatile int i = 0; i < 20000; i++) {
    }
    for (;;) {
        tick(cpu);
        if (cpu == 0 && (counter[0] & 0xff) == 0) {
            shared_value = counter[0];
        }
    }
}
