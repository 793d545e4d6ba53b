package org.emu4e.engine.cpu.a64.insn.ldst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import org.emu4e.engine.api.ExecConfig;
import org.emu4e.engine.api.ExecMode;
import org.emu4e.engine.cpu.a64.jit.Jit;
import org.emu4e.engine.memory.PhysicalBus;
import org.emu4e.engine.memory.Ram;
import org.emu4e.engine.testing.Asm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The exclusive monitor in translated code (every block translated at its first entry): 2 and
 * 4 vCPUs, each in its own thread, increment one shared counter with LDXR/STXR and
 * LDAXR/STLXR loops, many thousands of times; any lost update shows as a short total. And a
 * store-exclusive fails once another vCPU stored a different value to the monitored address.
 */
class ExclusiveTranslatedThreadsTest {
    private static final ExecConfig JIT = new ExecConfig(ExecMode.JIT, 0);
    private static final long RAM = 0x4000_0000L;
    private static final long CODE = RAM + 0x1000;
    private static final long COUNTER = RAM + 0x10_0000;
    private static final long FLAG = RAM + 0x10_1000;

    private static Ram runAll(int cpus, String loopBody, int iterations) throws InterruptedException {
        // x0 = counter address, x1 = remaining iterations; ends in a self-loop at "end"
        byte[] code = Asm.assemble("1:\n" + loopBody + "\n subs x1, x1, #1\n b.ne 1b\nend: b end");
        PhysicalBus bus = new PhysicalBus(new ReentrantLock());
        Ram ram = new Ram(RAM, 4 << 20);
        bus.addRam(ram);
        bus.load(CODE, code);
        long end = CODE + code.length - 4;
        long before = Jit.translations();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < cpus; i++) {
            SharedBusRig rig = new SharedBusRig(bus, i, CODE, JIT);
            assertTrue(rig.cpu.translates());
            rig.cpu.state().x[0] = COUNTER;
            rig.cpu.state().x[1] = iterations;
            Thread t = new Thread(() -> rig.runTo(end, 1_000_000_000L), "excl-jit-" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertTrue(Jit.translations() > before, "the loops ran translated");
        return ram;
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4})
    void vcpusIncrementOneCounterWithLdxrStxr(int cpus) throws InterruptedException {
        long v = runAll(cpus, "2: ldxr x3, [x0]\n add x3, x3, #1\n stxr w4, x3, [x0]\n cbnz w4, 2b", 50_000)
                .read(COUNTER, 8);
        assertEquals(cpus * 50_000L, v);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4})
    void vcpusIncrementOneCounterWithLdaxrStlxr(int cpus) throws InterruptedException {
        long v = runAll(cpus, "2: ldaxr w3, [x0]\n add w3, w3, #1\n stlxr w4, w3, [x0]\n cbnz w4, 2b", 50_000)
                .read(COUNTER, 8);
        assertEquals(cpus * 50_000L, v);
    }

    @Test
    void fourVcpusIncrementBothHalvesOfAPair() throws InterruptedException {
        Ram ram = runAll(4, "2: ldaxp x3, x5, [x0]\n add x3, x3, #1\n add x5, x5, #2\n stlxp w4, x3, x5, [x0]\n"
                + " cbnz w4, 2b", 20_000);
        assertEquals(80_000L, ram.read(COUNTER, 8));
        assertEquals(160_000L, ram.read(COUNTER + 8, 8));
    }

    /**
     * vCPU 0 loads exclusively, then waits for a flag; vCPU 1 stores a different value to the
     * counter and sets the flag; vCPU 0's store-exclusive must then fail (and its retry succeed).
     */
    @Test
    void anotherVcpusStoreMakesTheStoreExclusiveFail() {
        PhysicalBus bus = new PhysicalBus(new ReentrantLock());
        Ram ram = new Ram(RAM, 4 << 20);
        bus.addRam(ram);
        byte[] a = Asm.assemble("""
                    ldxr x3, [x0]
                2:  ldr x5, [x4]
                    cbz x5, 2b
                    add x3, x3, #1
                    stxr w6, x3, [x0]
                    ldxr x7, [x0]
                    add x7, x7, #1
                    stxr w8, x7, [x0]
                end: b end
                """);
        byte[] b = Asm.assemble("""
                    mov x9, #100
                    str x9, [x0]
                    str x9, [x4]
                end: b end
                """);
        bus.load(CODE, a);
        bus.load(CODE + 0x800, b);
        SharedBusRig p0 = new SharedBusRig(bus, 0, CODE, JIT);
        SharedBusRig p1 = new SharedBusRig(bus, 1, CODE + 0x800, JIT);
        for (SharedBusRig r : List.of(p0, p1)) {
            r.cpu.state().x[0] = COUNTER;
            r.cpu.state().x[4] = FLAG;
        }
        ram.write(COUNTER, 8, 5);
        p0.cpu.run(5000); // LDXR done, spinning on the flag
        assertEquals(5, p0.cpu.state().x[3]);
        p1.runTo(CODE + 0x800 + b.length - 4, 1000);
        p0.runTo(CODE + a.length - 4, 100_000);
        assertEquals(1, p0.cpu.state().x[6], "the other vCPU's store cleared the monitor");
        assertEquals(0, p0.cpu.state().x[8]);
        assertEquals(101, ram.read(COUNTER, 8));
    }
}
