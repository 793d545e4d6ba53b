/* Handlers every test program shares: no interrupts expected, exceptions reported on the UART. */
#include "demo.h"

void irq_handler(void) { }

void unexpected_exception(uint64_t esr, uint64_t elr)
{
    print("unexpected exception esr=");
    print_hex(esr);
    print(" elr=");
    print_hex(elr);
    print("\n");
}
