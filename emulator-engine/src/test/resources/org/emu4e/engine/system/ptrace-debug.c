/*
 * Linux user program (freestanding: raw system calls, no libc) that debugs a child of its own
 * through ptrace the way gdb does on Linux, which the kernel implements with the PE's
 * self-hosted debug: PTRACE_SINGLESTEP (MDSCR_EL1.SS, SPSR.SS, EC 0x32), a hardware breakpoint
 * (NT_ARM_HW_BREAK: DBGBVR/DBGBCR, EC 0x30) and a watchpoint (NT_ARM_HW_WATCH: DBGWVR/DBGWCR,
 * EC 0x34, si_addr = FAR). Prints one line per check and exits 0 when all hold.
 */
typedef unsigned long u64;
typedef unsigned int u32;

#define SYS_write 64
#define SYS_exit 93
#define SYS_kill 129
#define SYS_getpid 172
#define SYS_clone 220
#define SYS_ptrace 117
#define SYS_wait4 260
#define PTRACE_TRACEME 0
#define PTRACE_CONT 7
#define PTRACE_SINGLESTEP 9
#define PTRACE_GETSIGINFO 0x4202
#define PTRACE_GETREGSET 0x4204
#define PTRACE_SETREGSET 0x4205
#define NT_PRSTATUS 1
#define NT_ARM_HW_BREAK 0x402
#define NT_ARM_HW_WATCH 0x403
#define SIGSTOP 19
#define SIGCHLD 17

static long sys(long n, long a, long b, long c, long d)
{
    register long x8 __asm__("x8") = n;
    register long x0 __asm__("x0") = a;
    register long x1 __asm__("x1") = b;
    register long x2 __asm__("x2") = c;
    register long x3 __asm__("x3") = d;
    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3) : "memory");
    return x0;
}

static void put(const char *s)
{
    long n = 0;
    while (s[n]) {
        n++;
    }
    sys(SYS_write, 1, (long)s, n, 0);
}

struct iovec { void *base; u64 len; };
struct user_pt_regs { u64 regs[31]; u64 sp; u64 pc; u64 pstate; };
struct hwdebug { u32 dbg_info; u32 pad; struct { u64 addr; u32 ctrl; u32 pad; } regs[16]; };

static volatile u64 watched_word;
extern char child_code[], child_bp[], child_store[];

/* The child's code: three instructions to step over, one to break on, a store to watch. */
__asm__(".text\n"
        ".globl child_code, child_bp, child_store\n"
        "child_code:\n"
        "    mov  x9, #1\n"
        "    add  x9, x9, #2\n"
        "    add  x9, x9, #3\n"
        "    nop\n"
        "child_bp:\n"
        "    nop\n"
        "child_store:\n"
        "    str  x9, [x10]\n"
        "    mov  x0, #0\n"
        "    mov  x8, #93\n"
        "    svc  #0\n");

static u64 pc_of(long pid)
{
    struct user_pt_regs r;
    struct iovec io = {&r, sizeof r};
    sys(SYS_ptrace, PTRACE_GETREGSET, pid, NT_PRSTATUS, (long)&io);
    return r.pc;
}

/* Waits for the child; returns the stop signal, or 1000 + exit status when it exited. */
static int wait_child(long pid)
{
    int status = 0;
    sys(SYS_wait4, pid, (long)&status, 0, 0);
    if ((status & 0x7f) == 0) {
        return 1000 + ((status >> 8) & 0xff);
    }
    return (status >> 8) & 0xff;
}

static long set_hw(long pid, int type, u64 addr, u32 ctrl)
{
    struct hwdebug d;
    for (unsigned i = 0; i < sizeof d / 8; i++) {
        ((u64 *)&d)[i] = 0;
    }
    d.regs[0].addr = addr;
    d.regs[0].ctrl = ctrl;
    struct iovec io = {&d, 8 + 16};
    return sys(SYS_ptrace, PTRACE_SETREGSET, pid, type, (long)&io);
}

static int check(const char *what, int ok)
{
    put(what);
    put(ok ? ": ok\n" : ": WRONG\n");
    return ok;
}

static int cmain(void)
{
    long pid = sys(SYS_clone, SIGCHLD, 0, 0, 0);
    if (pid == 0) {
        sys(SYS_ptrace, PTRACE_TRACEME, 0, 0, 0);
        sys(SYS_kill, sys(SYS_getpid, 0, 0, 0, 0), SIGSTOP, 0, 0);
        __asm__ volatile("mov x10, %0\n b child_code" : : "r"(&watched_word) : "x10", "memory");
        for (;;) {
        }
    }
    int ok = 1;
    ok &= check("child stopped by SIGSTOP", wait_child(pid) == SIGSTOP);
    /* Run to child_code by a breakpoint (EL0, execute, 4 bytes: ctrl = BAS 0xF, EL0, enabled). */
    ok &= check("hardware breakpoint set", set_hw(pid, NT_ARM_HW_BREAK, (u64)child_code, 0x1E5) == 0);
    sys(SYS_ptrace, PTRACE_CONT, pid, 0, 0);
    ok &= check("SIGTRAP at the breakpoint", wait_child(pid) == 5);
    ok &= check("stopped at child_code", pc_of(pid) == (u64)child_code);
    set_hw(pid, NT_ARM_HW_BREAK, 0, 0);
    /* Three single steps: one instruction each. */
    u64 pc = pc_of(pid);
    int steps_ok = 1;
    for (int i = 0; i < 3; i++) {
        sys(SYS_ptrace, PTRACE_SINGLESTEP, pid, 0, 0);
        steps_ok &= wait_child(pid) == 5;
        u64 now = pc_of(pid);
        steps_ok &= now == pc + 4;
        pc = now;
    }
    ok &= check("three PTRACE_SINGLESTEPs advance 4 bytes each", steps_ok);
    /* A breakpoint further on, then continue. */
    set_hw(pid, NT_ARM_HW_BREAK, (u64)child_bp, 0x1E5);
    sys(SYS_ptrace, PTRACE_CONT, pid, 0, 0);
    ok &= check("SIGTRAP at the second breakpoint", wait_child(pid) == 5 && pc_of(pid) == (u64)child_bp);
    set_hw(pid, NT_ARM_HW_BREAK, 0, 0);
    /* Watch stores to watched_word (8 bytes: BAS 0xFF, store, EL0, enabled). */
    ok &= check("watchpoint set", set_hw(pid, NT_ARM_HW_WATCH, (u64)&watched_word, 0x1FF5) == 0);
    sys(SYS_ptrace, PTRACE_CONT, pid, 0, 0);
    int sig = wait_child(pid);
    u64 info[16];
    sys(SYS_ptrace, PTRACE_GETSIGINFO, pid, 0, (long)info);
    ok &= check("SIGTRAP at the watchpoint", sig == 5);
    ok &= check("si_addr is the watched word", info[2] == (u64)&watched_word);
    ok &= check("stopped at the store", pc_of(pid) == (u64)child_store);
    set_hw(pid, NT_ARM_HW_WATCH, 0, 0);
    sys(SYS_ptrace, PTRACE_CONT, pid, 0, 0);
    ok &= check("child exits 0", wait_child(pid) == 1000);
    put(ok ? "ptrace-debug: all ok\n" : "ptrace-debug: FAILED\n");
    return ok ? 0 : 1;
}

__asm__(".text\n"
        ".globl _start\n"
        "_start:\n"
        "    mov  x29, #0\n"
        "    bl   cmain_entry\n");

void cmain_entry(void)
{
    sys(SYS_exit, cmain(), 0, 0, 0);
}
