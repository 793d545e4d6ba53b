package org.emu4e.engine.runtime;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.ReentrantLock;

import org.emu4e.engine.cpu.a64.TlbInvalidation;

/** {@link RuntimeServices} of one {@link MttcgMachine}, handed to its board's devices. */
final class MachineServices implements RuntimeServices {
    private final MttcgMachine machine;

    MachineServices(MttcgMachine machine) {
        this.machine = machine;
    }

    @Override
    public void kick(int cpu) {
        machine.vcpuThread(cpu).kick();
    }

    @Override
    public int psciCpuOn(int target, long entry, long contextId) {
        if (target < 0 || target >= machine.cpuCount()) {
            return PSCI_INVALID_PARAMETERS;
        }
        ReentrantLock big = machine.bigLock();
        big.lock();
        try {
            PsciPowerTable power = machine.power();
            int r = power.claim(target);
            if (r == PSCI_SUCCESS) {
                int gen = power.generation(target);
                VcpuThread v = machine.vcpuThread(target);
                v.asyncRun(ctx -> v.power.psciStart(entry, contextId, gen));
            }
            return r;
        } finally {
            big.unlock();
        }
    }

    @Override
    public void psciCpuOff(int self) {
        VcpuThread v = machine.vcpuThread(self);
        int gen = machine.power().generation(self);
        if (VcpuThread.current() == v) {
            v.power.psciOff(gen);
        } else {
            v.asyncRun(ctx -> v.power.psciOff(gen));
        }
    }

    @Override
    public int psciAffinityInfo(int target) {
        if (target < 0 || target >= machine.cpuCount()) {
            return PSCI_INVALID_PARAMETERS;
        }
        return machine.power().affinity(target);
    }

    @Override
    public void setPmuHalt(int cpu, boolean asserted) {
        machine.driveHaltLine(cpu, asserted);
    }

    @Override
    public boolean pmuHaltAsserted(int cpu) {
        return machine.pmuLine(cpu);
    }

    @Override
    public void systemOff() {
        machine.guestSystemOff();
    }

    @Override
    public void systemReset() {
        machine.requestSystemReset();
    }

    @Override
    public void sendEvent() {
        for (VcpuThread v : machine.vcpuThreads()) {
            v.signalEvent();
        }
    }

    @Override
    public void broadcastTlbi(int fromCpu, TlbInvalidation op) {
        // A TLBI ...IS must have finished on every PE of the shareability domain before the
        // issuing PE completes its next DSB (ARM ARM D8.13 "TLB maintenance"). Queued async work
        // on the others would leave a window where they still use the old translation, so the
        // issuer instead leaves guest code before its next instruction and runs an exclusive
        // section that invalidates every other PE's TLB while none of them is in guest code
        // (QEMU's "synced" flush). Sleeping PEs count as quiescent; their TLB is not in use.
        VcpuThread from = machine.vcpuThreads().get(fromCpu);
        from.asyncSafeRun(ctx -> {
            for (VcpuThread v : machine.vcpuThreads()) {
                if (v.index() != fromCpu) {
                    v.cpu().mmu().invalidate(op);
                }
            }
        });
    }

    @Override
    public ScheduledExecutorService timers() {
        return machine.timers();
    }
}
