package org.emu4e.engine.cpu.a64.decode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.testing.CpuRig;
import org.junit.jupiter.api.Test;

/**
 * Bad guest input must become a guest exception, never a host crash: random words in the
 * integer-core encoding spaces, with random (often wild) register values, executed one by one.
 * Anything thrown out of {@code A64Cpu.run} fails the test.
 */
class IntegerRowsFuzzTest {
    @Test
    void randomWordsWithWildRegistersNeverCrashTheHost() {
        CpuRig rig = new CpuRig();
        A64Cpu cpu = rig.cpu();
        cpu.sys().vbar[1] = CpuRig.RAM_BASE;
        Random rnd = new Random(99);
        long slot = CpuRig.CODE;
        int executed = 0;
        for (int i = 0; i < 100_000; i++) {
            int w = rnd.nextInt();
            int op0 = (w >>> 25) & 0xF;
            if ((op0 & 0b1100) != 0b1000 && (op0 & 0b0111) != 0b0101 && (op0 & 0b0101) != 0b0100) {
                continue;
            }
            rig.ram().write(slot, 4, w);
            for (int r = 0; r < 31; r++) {
                cpu.state().x[r] = switch (rnd.nextInt(4)) {
                    case 0 -> CpuRig.DATA + rnd.nextInt(0x1000);
                    case 1 -> CpuRig.RAM_BASE + CpuRig.RAM_SIZE - rnd.nextInt(16);
                    case 2 -> rnd.nextInt(64) - 32;
                    default -> rnd.nextLong();
                };
            }
            cpu.state().sp[1] = rnd.nextBoolean() ? CpuRig.DATA + 0x800 : rnd.nextLong();
            cpu.state().el = 1;
            cpu.state().spsel = 1;
            cpu.state().pc = slot;
            cpu.run(1);
            executed++;
        }
        assertTrue(executed > 50_000, "executed " + executed);
    }
}
