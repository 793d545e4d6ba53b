/*
 * UART echo for the IDE's console tests: prints "echo ready", then answers every line it
 * receives with "echo: <line>"; the line "off" powers the machine off (PSCI SYSTEM_OFF, exit
 * status 0). Lines end with CR or LF. PL011 receive: UARTFR.RXFE (bit 4) clear means UARTDR
 * holds a character (PL011 TRM, 3.3.3 and 3.3.1).
 */
#include "demo.h"

#define UARTDR          0x000
#define UARTFR          0x018
#define UARTFR_RXFE     (1u << 4)
#define PSCI_SYSTEM_OFF 0x84000008UL

static char getc_blocking(void)
{
    while (REG32(UART_BASE + UARTFR) & UARTFR_RXFE) {
    }
    return (char)(REG32(UART_BASE + UARTDR) & 0xFF);
}

void secondary_main(unsigned cpu)
{
    (void)cpu;
    for (;;) {
        __asm__ volatile("wfi");
    }
}

int main(void)
{
    char line[80];
    unsigned n = 0;
    print("echo ready\n");
    for (;;) {
        char c = getc_blocking();
        if (c != '\r' && c != '\n') {
            if (n < sizeof line - 1) {
                line[n++] = c;
            }
            continue;
        }
        if (n == 0) {
            continue;
        }
        line[n] = 0;
        print("echo: ");
        print(line);
        print("\n");
        if (n == 3 && line[0] == 'o' && line[1] == 'f' && line[2] == 'f') {
            psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
        }
        n = 0;
    }
}
