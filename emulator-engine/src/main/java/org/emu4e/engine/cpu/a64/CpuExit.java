package org.emu4e.engine.cpu.a64;

/** Why {@link A64Cpu#run(long)} returned to its vCPU thread. A small closed set. */
public enum CpuExit {
    /** The instruction budget ran out. */
    BUDGET,
    /** Another thread asked this vCPU to leave guest code (kick: work, interrupt, halt). */
    EXIT_REQUEST,
    /** WFI executed and not trapped: the vCPU should enter its wait path. */
    WFI,
    /** WFE executed with no event registered: the vCPU should enter its wait path. */
    WFE,
    /** A debugger breakpoint at the current PC (the instruction has not executed). */
    BREAKPOINT,
    /** A debugger watchpoint was hit by the instruction just executed. */
    WATCHPOINT,
    /** Single step finished: exactly one instruction (or exception entry) was executed. */
    STEP,
    /** The guest asked for the machine to stop (e.g. PSCI SYSTEM_OFF via the environment). */
    SHUTDOWN
}
