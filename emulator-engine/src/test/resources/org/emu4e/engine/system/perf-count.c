/*
 * A Linux arm64 user program for LinuxPerfTest, without libc: perf_event_open(2) counts
 * instructions, cycles and branches of a 10-million-iteration "subs; b.ne" loop at EL0
 * (exclude_kernel), then samples cycles every 1,000,000 so the PMU overflow interrupt fires.
 * Prints one line per step; the test reads them and /proc/interrupts.
 */
typedef unsigned long u64;
typedef unsigned int u32;

enum { SYS_IOCTL = 29, SYS_READ = 63, SYS_WRITE = 64, SYS_EXIT = 93, SYS_PERF_EVENT_OPEN = 241 };
enum { IOC_ENABLE = 0x2400, IOC_DISABLE = 0x2401 };  /* _IO('$', 0), _IO('$', 1) */
enum { HW_CPU_CYCLES = 0, HW_INSTRUCTIONS = 1, HW_BRANCH_INSTRUCTIONS = 4 };

/* struct perf_event_attr up to config2 (PERF_ATTR_SIZE_VER1, 72 bytes). */
struct attr {
    u32 type, size;
    u64 config, sample_period, sample_type, read_format, flags;
    u32 wakeup_events, bp_type;
    u64 config1, config2;
};

static long sys5(long n, long a, long b, long c, long d, long e)
{
    register long x8 __asm__("x8") = n;
    register long x0 __asm__("x0") = a;
    register long x1 __asm__("x1") = b;
    register long x2 __asm__("x2") = c;
    register long x3 __asm__("x3") = d;
    register long x4 __asm__("x4") = e;
    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4) : "memory");
    return x0;
}

static void out(const char *s)
{
    long n = 0;
    while (s[n]) {
        n++;
    }
    sys5(SYS_WRITE, 1, (long)s, n, 0, 0);
}

static void num(u64 v)
{
    char b[24];
    int i = 23;
    b[i] = 0;
    do {
        b[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    out(b + i);
}

static void loop(long n)
{
    __asm__ volatile("1: subs %0, %0, #1\n b.ne 1b" : "+r"(n) : : "cc");
}

static long open_hw(u64 config, u64 period)
{
    struct attr a = {0};
    a.type = 0; /* PERF_TYPE_HARDWARE */
    a.size = sizeof a;
    a.config = config;
    a.sample_period = period;
    a.flags = 1 | 1 << 5; /* disabled, exclude_kernel */
    a.wakeup_events = 1;
    return sys5(SYS_PERF_EVENT_OPEN, (long)&a, 0, -1, -1, 0);
}

static u64 stop_and_read(long fd)
{
    u64 v = 0;
    sys5(SYS_IOCTL, fd, IOC_DISABLE, 0, 0, 0);
    sys5(SYS_READ, fd, (long)&v, 8, 0, 0);
    return v;
}

void _start(void)
{
    long fi = open_hw(HW_INSTRUCTIONS, 0), fc = open_hw(HW_CPU_CYCLES, 0), fb = open_hw(HW_BRANCH_INSTRUCTIONS, 0);
    out("perf-count: opened ");
    num(fi >= 0 && fc >= 0 && fb >= 0);
    out("\n");
    sys5(SYS_IOCTL, fi, IOC_ENABLE, 0, 0, 0);
    sys5(SYS_IOCTL, fc, IOC_ENABLE, 0, 0, 0);
    sys5(SYS_IOCTL, fb, IOC_ENABLE, 0, 0, 0);
    loop(10000000);
    u64 i = stop_and_read(fi), c = stop_and_read(fc), b = stop_and_read(fb);
    out("perf-count: instructions ");
    num(i);
    out(" cycles ");
    num(c);
    out(" branches ");
    num(b);
    out("\n");

    long fs = open_hw(HW_CPU_CYCLES, 1000000);
    sys5(SYS_IOCTL, fs, IOC_ENABLE, 0, 0, 0);
    loop(10000000);
    out("perf-count: sampled cycles ");
    num(stop_and_read(fs));
    out("\n");
    sys5(SYS_EXIT, 0, 0, 0, 0, 0);
}
