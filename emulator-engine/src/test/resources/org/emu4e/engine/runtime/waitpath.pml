/*
 * Promela model of one vCPU's run loop and wait path (runtime.VcpuThread.loop, WaitPath) with
 * the other threads that change what it should do: the PMU (halt/resume as queued work), the
 * debugger (stop/continue as queued work) and the interrupt controller (an IRQ line plus kick).
 * SPIN explores every interleaving. Checked:
 *   - no lost wake-up: the only end state is the vCPU finished (running, line released), so a
 *     vCPU asleep while it has work or a pending interrupt shows up as an invalid end state;
 *   - the run-state reasons are only written by the vCPU process (structural: no other
 *     process assigns them) and a halted state is only entered through the wait path
 *     (asserted at every sleep);
 *   - a core halted by the PMU while in WFI is still in WFI after the resume until the IRQ.
 * -DLOST_WAKEUP builds the broken variant QEMU forks had (wake-up without the kicked flag):
 * SPIN must find the lost wake-up there, which shows the model can see one.
 */

#define HALT     1
#define RESUME   2
#define DSTOP    3
#define DCONT    4

chan queue = [8] of { byte };

/* WaitPath: lock, condition, kicked flag */
bool lockHeld;
bool kicked;
bool waiting;
bool signalled;

/* inputs set by other threads */
bool irqLine;

/* run-state reasons: written only by the vCPU process */
bool pmuHalted;
bool debugStopped;
bool inWfi = true;       /* the guest executed WFI before the model starts */
bool wasHaltedInWfi;

byte driversDone;

inline acquire() { atomic { !lockHeld -> lockHeld = true } }
inline release() { lockHeld = false }

inline wakeUp() {
    acquire();
#ifndef LOST_WAKEUP
    kicked = true;
#endif
    if
    :: waiting -> signalled = true
    :: else -> skip
    fi;
    release()
}

/*
 * Condition.await: releases the lock and waits for a signal, then re-locks. Spurious wake-ups
 * are left out on purpose: a protocol must be right without them, and a model that may always
 * wake spuriously can never be seen stuck.
 */
inline await() {
    atomic { lockHeld = false; waiting = true };
    signalled;
    atomic { waiting = false; signalled = false };
    acquire()
}

inline sleepUntilKicked() {
    acquire();
#ifdef LOST_WAKEUP
    await();           /* sleeps on the condition alone: a signal sent before it waits is lost */
#else
    do
    :: kicked -> break
    :: else -> await()
    od;
    kicked = false;
#endif
    release()
}

active proctype Vcpu() {
    byte w;
    do
    :: /* drain the work queue */
       do
       :: queue ? w ->
          if
          :: w == HALT -> pmuHalted = true
          :: w == RESUME -> pmuHalted = false
          :: w == DSTOP -> debugStopped = true
          :: w == DCONT -> debugStopped = false
          fi
       :: empty(queue) -> break
       od;
       /* observe inputs: an asserted line ends WFI even while a stronger reason holds */
       if
       :: inWfi && irqLine -> inWfi = false
       :: else -> skip
       fi;
       if
       :: pmuHalted && inWfi -> wasHaltedInWfi = true
       :: else -> skip
       fi;
       if
       :: !pmuHalted && wasHaltedInWfi && !irqLine -> assert(inWfi)
       :: else -> skip
       fi;
       if
       :: pmuHalted || debugStopped || inWfi ->
          /* halted: only here, in the vCPU's own wait path */
          sleepUntilKicked()
       :: else ->
          /* running guest code; done once every driver has finished */
          if
          :: driversDone == 3 && empty(queue) -> break
          :: driversDone < 3 -> skip
          :: nempty(queue) -> skip
          fi
       fi
    od;
    assert(!pmuHalted && !debugStopped && !inWfi)
}

active proctype Pmu() {
    queue ! HALT; wakeUp();
    queue ! RESUME; wakeUp();
    queue ! HALT; wakeUp();
    queue ! RESUME; wakeUp();
    driversDone++
}

active proctype Debugger() {
    queue ! DSTOP; wakeUp();
    queue ! DCONT; wakeUp();
    driversDone++
}

active proctype Gic() {
    irqLine = true; wakeUp();
    driversDone++
}
