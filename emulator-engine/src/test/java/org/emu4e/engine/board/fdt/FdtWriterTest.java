package org.emu4e.engine.board.fdt;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;

class FdtWriterTest {
    @Test
    void headerAndLayout() {
        FdtNode root = new FdtNode("");
        root.cells("#address-cells", 2).child("a@1").strings("compatible", "x,y", "z").empty("flag");
        byte[] b = FdtWriter.write(root, List.of(new FdtWriter.Reservation(0x1000, 0x2000)), 0);
        ByteBuffer h = ByteBuffer.wrap(b);
        assertEquals(0xD00DFEED, h.getInt(0));
        assertEquals(b.length, h.getInt(4));
        assertEquals(40, h.getInt(16), "reservation map right after the header");
        assertEquals(17, h.getInt(20));
        assertEquals(16, h.getInt(24));
        assertEquals(0x1000, h.getLong(40));
        assertEquals(0x2000, h.getLong(48));
        assertEquals(0, h.getLong(56));
        int structOff = h.getInt(8);
        assertEquals(1, h.getInt(structOff), "FDT_BEGIN_NODE");
        assertEquals(9, h.getInt(structOff + h.getInt(36) - 4), "FDT_END closes the structure block");
        assertEquals(0, structOff % 4);
    }

    @Test
    void dtcReadsWhatWeWrite() throws Exception {
        FdtNode root = new FdtNode("");
        root.cells("#address-cells", 2).cells("#size-cells", 2);
        root.child("memory@40000000").strings("device_type", "memory").longs("reg", 0x4000_0000L, 0x1000_0000L);
        FdtNode n = root.child("node@1").strings("compatible", "a,b", "c").empty("interrupt-controller")
                .cells("cells", 1, 0xdeadbeef).bytes("bytes", new byte[] {1, 2, 3});
        n.child("sub");
        String dts = Dtc.decompile(FdtWriter.write(root, List.of(), 0));
        assertTrue(dts.contains("reg = <0x00 0x40000000 0x00 0x10000000>;"), dts);
        assertTrue(dts.contains("compatible = \"a,b\\0c\";"), dts);
        assertTrue(dts.contains("interrupt-controller;"), dts);
        assertTrue(dts.contains("cells = <0x01 0xdeadbeef>;"), dts);
        assertTrue(dts.contains("bytes = [01 02 03];"), dts);
        assertTrue(dts.contains("sub {"), dts);
    }
}
