package org.emu4e.engine.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.emu4e.engine.api.Machine;
import org.emu4e.engine.api.RunState;
import org.emu4e.engine.api.StateChange;
import org.emu4e.engine.board.virt.VirtConfig;
import org.emu4e.engine.board.virt.VirtMachine;
import org.emu4e.engine.runtime.MachineInternals;
import org.emu4e.engine.testing.Asm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guest-driven power interleavings on the real virt board: four cores run a random mix of WFI,
 * SGIs to each other (GICv2 GICD_SGIR), PMU halt/resume of each other through MMIO, PSCI CPU_ON
 * of any core (all racing for the same targets) and CPU_OFF of themselves, while a host thread
 * halts and resumes cores through the PMU API and stops and continues them as a debugger would.
 * Each core keeps its random state in memory, so a core powered off and on again goes on with
 * new choices instead of replaying the same ones. Core 0 never sleeps or powers off, so the guest as a whole cannot stall for good (it may
 * still be halted by the others until the host or a peer releases it). Then everything is
 * released and every core must run again. Asserts: every PSCI CPU_ON answer
 * is SUCCESS, ALREADY_ON or ON_PENDING; no CPU_OFF returns; no lost wake-up (each core makes
 * progress after the release); each vCPU's state history chains; no deadlock (bounded waits).
 */
class GuestDrivenPowerStressTest {
    private static final long DATA = 0x4010_0000L;
    private static final long ERROR = DATA + 0x40;
    private static final long ERROR_CODE = DATA + 0x48;
    private static final long QUIET = DATA + 0x50;

    private static final String GUEST = """
                .equ GICD, 0x08000000
                .equ GICC, 0x08010000
                .equ PMU,  0x090C0000
                .equ DATA, 0x40100000
                mov x20, #1
            1:  ldr x0, =0xC4000003
                mov x1, x20
                adr x2, sec
                mov x3, x20
                hvc #0
                add x20, x20, #1
                cmp x20, #4
                b.ne 1b
                mov x0, #0
            sec:
                mov x19, x0
                ldr x21, =GICD
                ldr x22, =GICC
                ldr x23, =PMU
                ldr x26, =DATA
                mov w1, #1
                str w1, [x21]
                str w1, [x22]
                mov w1, #0xF0
                str w1, [x22, #4]
                add x25, x26, #0x300
                ldr x24, [x25, x19, lsl #3]
                cbnz x24, loop
                ldr x24, =0x9E3779B97F4A7C15
                eor x24, x24, x19, lsl #17
                add x24, x24, #1
            loop:
                eor x24, x24, x24, lsl #13
                eor x24, x24, x24, lsr #7
                eor x24, x24, x24, lsl #17
                str x24, [x25, x19, lsl #3]
                ldr x1, [x26, x19, lsl #3]
                add x1, x1, #1
                str x1, [x26, x19, lsl #3]
                lsr x3, x24, #8
                and x3, x3, #3
                ldr x1, [x26, #0x50]
                cbnz x1, quiet
                and x2, x24, #7
                cmp x2, #0
                b.eq a_wfi
                cmp x2, #1
                b.eq a_sgi
                cmp x2, #2
                b.eq a_halt
                cmp x2, #3
                b.eq a_resume
                cmp x2, #4
                b.eq a_cpuon
                cmp x2, #5
                b.eq a_cpuoff
                b loop
            a_wfi:
                cbz x19, loop
            2:  ldr w1, [x22, #0x0C]
                and w2, w1, #0x3FF
                cmp w2, #1023
                b.eq 3f
                str w1, [x22, #0x10]
                b 2b
            3:  wfi
            ack:
                ldr w1, [x22, #0x0C]
                and w2, w1, #0x3FF
                cmp w2, #1023
                b.eq loop
                str w1, [x22, #0x10]
                b ack
            a_sgi:
                tst x24, #0xF000
                b.ne loop
                add x4, x3, #16
                mov w1, #1
                lsl w1, w1, w4
                orr w1, w1, #1
                str w1, [x21, #0xF00]
                b loop
            a_halt:
                cmp x3, x19
                b.eq loop
                mov w1, #1
                lsl w1, w1, w3
                str w1, [x23, #0x10]
                b loop
            a_resume:
                mov w1, #1
                lsl w1, w1, w3
                str w1, [x23, #0x14]
                b loop
            a_cpuon:
                ldr x0, =0xC4000003
                mov x1, x3
                adr x2, sec
                hvc #0
                cmp x0, #0
                b.eq loop
                cmn x0, #4
                b.eq loop
                cmn x0, #5
                b.eq loop
                str x0, [x26, #0x48]
                mov x1, #1
                str x1, [x26, #0x40]
                b loop
            a_cpuoff:
                cbz x19, loop
                ldr x0, =0x84000002
                hvc #0
                str x0, [x26, #0x48]
                mov x1, #2
                str x1, [x26, #0x40]
                b loop
            quiet:
                mov w1, #0xF
                str w1, [x23, #0x14]
                ldr w1, =0x000F0001
                str w1, [x21, #0xF00]
                ldr x0, =0xC4000003
                mov x1, x3
                adr x2, sec
                hvc #0
                b ack
            """;

    @Test
    void guestAndHostPowerRacesLoseNoWakeUp(@TempDir Path tmp) throws Exception {
        Path raw = tmp.resolve("stress.bin");
        Files.write(raw, Asm.assemble(GUEST));
        Machine m = VirtMachine.create(VirtConfig.defaults().withCpus(4).withRam(64L << 20).withKernel(raw));
        List<List<StateChange>> histories = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            histories.add(new CopyOnWriteArrayList<>());
        }
        m.addStateListener(c -> histories.get(c.cpu()).add(c));
        AtomicBoolean hostDone = new AtomicBoolean();
        ConcurrentHashMap<String, Integer> hostOps = new ConcurrentHashMap<>();
        try {
            m.start();
            java.util.concurrent.atomic.AtomicReference<Throwable> hostFailure = new java.util.concurrent.atomic.AtomicReference<>();
            Thread host = new Thread(() -> {
                try {
                    drive(m, hostDone, hostOps);
                } catch (Throwable t) {
                    hostFailure.set(t);
                }
            }, "stress-host");
            host.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (progress(m) < 100_000 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            long guestOps = progress(m);
            hostDone.set(true);
            host.join(30_000);
            assertTrue(!host.isAlive(), "host driver finished");
            if (hostFailure.get() != null) {
                throw new AssertionError("host driver failed", hostFailure.get());
            }

            // Release everything: the guest goes quiet (releases every PMU line, wakes everyone with
            // SGIs, powers every core back on) and the host lifts its lines and debug stops. A core
            // still in its random mix may halt another once more before it sees the flag, so the
            // host keeps releasing until every core has made progress.
            MachineInternals.of(m).bus().write(QUIET, 8, 1);
            long[] before = new long[4];
            for (int i = 0; i < 4; i++) {
                before[i] = MachineInternals.of(m).bus().read(DATA + 8L * i, 8);
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            boolean all;
            do {
                for (int i = 0; i < 4; i++) {
                    m.debug().resume(i);
                    m.pmu().resume(i).get(10, TimeUnit.SECONDS);
                }
                Thread.sleep(20);
                all = true;
                for (int i = 0; i < 4; i++) {
                    all &= MachineInternals.of(m).bus().read(DATA + 8L * i, 8) > before[i] + 10;
                }
            } while (!all && System.nanoTime() < until);
            for (int i = 0; i < 4; i++) {
                assertTrue(MachineInternals.of(m).bus().read(DATA + 8L * i, 8) > before[i] + 10, "cpu" + i + " runs again after the release, state "
                        + m.vcpu(i).state() + ", guest ops " + guestOps + ", host ops " + hostOps);
            }
            assertEquals(0, MachineInternals.of(m).bus().read(ERROR, 8), "unexpected PSCI answer 0x" + Long.toHexString(MachineInternals.of(m).bus().read(ERROR_CODE, 8)));
            assertTrue(guestOps >= 100_000 || System.nanoTime() > deadline, "guest operations: " + guestOps);
            System.out.println("guest-driven stress: " + guestOps + " guest operations, host " + hostOps);
        } finally {
            m.shutdown();
        }
        for (int i = 0; i < 4; i++) {
            List<StateChange> h = histories.get(i);
            for (int k = 1; k < h.size(); k++) {
                assertEquals(h.get(k - 1).to(), h.get(k).from(), "cpu" + i + " history chains at " + k + ": " + h.get(k));
            }
        }
        assertTrue(histories.stream().mapToInt(List::size).sum() > 100, "many state changes happened");
        assertTrue(histories.stream().flatMap(List::stream).anyMatch(c -> c.to() == RunState.PMU_HALTED));
        assertTrue(histories.stream().flatMap(List::stream).anyMatch(c -> c.to() == RunState.PSCI_OFF));
        System.out.println("guest-driven stress: state changes " + histories.stream().mapToInt(List::size).sum()
                + ", WFI sleeps " + histories.stream().flatMap(List::stream).filter(c -> c.to() == RunState.WFI).count());
        assertTrue(histories.stream().flatMap(List::stream).anyMatch(c -> c.from() == RunState.WFI), "cores slept in WFI");
    }

    private static void drive(Machine m, AtomicBoolean done, ConcurrentHashMap<String, Integer> ops) {
        Random r = new Random(20261201);
        try {
            while (!done.get()) {
                int cpu = r.nextInt(4);
                switch (r.nextInt(4)) {
                    case 0 -> {
                        m.pmu().halt(cpu).get(10, TimeUnit.SECONDS);
                        ops.merge("pmu halt", 1, Integer::sum);
                    }
                    case 1 -> {
                        m.pmu().resume(cpu).get(10, TimeUnit.SECONDS);
                        ops.merge("pmu resume", 1, Integer::sum);
                    }
                    case 2 -> {
                        m.debug().stop(cpu).get(10, TimeUnit.SECONDS);
                        m.debug().resume(cpu);
                        ops.merge("debug stop/continue", 1, Integer::sum);
                    }
                    default -> Thread.onSpinWait();
                }
            }
        } catch (Exception e) {
            throw new AssertionError("host operation did not complete (lost wake-up?)", e);
        }
    }

    private static long progress(Machine m) {
        long sum = 0;
        for (int i = 0; i < 4; i++) {
            sum += MachineInternals.of(m).bus().read(DATA + 8L * i, 8);
        }
        return sum;
    }

}
