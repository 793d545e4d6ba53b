package org.emu4e.engine.board.fdt;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Random;

import org.emu4e.engine.board.virt.VirtConfig;
import org.emu4e.engine.board.virt.VirtDeviceTree;
import org.junit.jupiter.api.Test;

class FdtReaderTest {
    private static byte[] virtBlob() {
        return FdtWriter.write(VirtDeviceTree.build(VirtConfig.defaults().withCpus(2),
                new VirtDeviceTree.Chosen("x", 0, 0)), List.of(new FdtWriter.Reservation(0x1000, 0x10)), 0);
    }

    @Test
    void roundTripIsByteIdentical() {
        byte[] blob = virtBlob();
        FdtReader.Tree t = FdtReader.parse(blob);
        assertEquals(List.of(new FdtWriter.Reservation(0x1000, 0x10)), t.reservations());
        assertNotNull(t.root().find("chosen"));
        assertArrayEquals(blob, FdtWriter.write(t.root(), t.reservations(), t.bootCpuId()));
    }

    @Test
    void malformedBlobsAreRejectedCleanly() {
        assertThrows(IllegalArgumentException.class, () -> FdtReader.parse(new byte[10]));
        byte[] blob = virtBlob();
        assertThrows(IllegalArgumentException.class, () -> FdtReader.parse(java.util.Arrays.copyOf(blob, blob.length - 8)));
        Random r = new Random(7);
        for (int i = 0; i < 3000; i++) {
            byte[] f = blob.clone();
            for (int k = 0; k < 3; k++) {
                f[4 + r.nextInt(f.length - 4)] = (byte) r.nextInt();
            }
            try {
                FdtReader.parse(f);
            } catch (IllegalArgumentException expected) {
                // a clear error is fine; anything else fails the test
            }
        }
    }
}
