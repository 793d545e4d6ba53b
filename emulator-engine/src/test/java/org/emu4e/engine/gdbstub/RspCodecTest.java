package org.emu4e.engine.gdbstub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RspCodecTest {
    private final List<String> seen = new ArrayList<>();
    private final PacketDecoder dec = new PacketDecoder(new PacketDecoder.Sink() {
        @Override public void packet(String p) { seen.add("P:" + p); }
        @Override public void badPacket() { seen.add("BAD"); }
        @Override public void ack() { seen.add("+"); }
        @Override public void nack() { seen.add("-"); }
        @Override public void interrupt() { seen.add("^C"); }
    });

    private void feed(String s) {
        byte[] b = RspCodec.latin1(s);
        dec.feed(b, 0, b.length);
    }

    @Test
    void checksumIsSumModulo256() {
        assertEquals(0x00, RspCodec.checksum(""));
        assertEquals(0x3f, RspCodec.checksum("?"));
        assertEquals("$qSupported#37", new String(RspCodec.packet("qSupported")));
        assertEquals("$OK#9a", new String(RspCodec.packet("OK")));
    }

    @Test
    void escapesTheFourSpecialCharacters() {
        assertEquals("a}\003}\004}]}\nb", RspCodec.escape("a#$}*b"));
        assertEquals("a#$}*b", RspCodec.decodeBody(RspCodec.escape("a#$}*b")));
    }

    @Test
    void runLengthEncodingIsExpanded() {
        // "0* " = '0' plus 32-29 = 3 more: "0000"
        assertEquals("0000", RspCodec.decodeBody("0* "));
        assertEquals("x" + "0".repeat(9) + "y", RspCodec.decodeBody("x0*%y"));
        assertNull(RspCodec.decodeBody("*a"));
        assertNull(RspCodec.decodeBody("ab}"));
        assertNull(RspCodec.decodeBody("a*"));
    }

    @Test
    void decoderReportsPacketsAcksAndInterrupts() {
        feed("+$g#67-\003noise$m0,4#fd");
        assertEquals(List.of("+", "P:g", "-", "^C", "P:m0,4"), seen);
    }

    @Test
    void badChecksumAndGarbageChecksumDigitsAreBadPackets() {
        feed("$g#00$g#zz$g#6");
        feed("7");
        assertEquals(List.of("BAD", "BAD", "P:g"), seen);
    }

    @Test
    void binaryPayloadSurvivesFraming() {
        String bin = "X0,4:" + (char) 0x7d + (char) 0x23 + (char) 0xff + (char) 0x00;
        byte[] f = RspCodec.packet(bin);
        dec.feed(f, 0, f.length);
        assertEquals(List.of("P:" + bin), seen);
    }

    @Test
    void restartsOnDollarInsidePacket() {
        feed("$garbage$g#67");
        assertEquals(List.of("P:g"), seen);
    }

    @Test
    void hexHelpers() {
        assertArrayEquals(new byte[] {0x12, (byte) 0xab}, Hex.decode("12AB"));
        assertEquals("12ab", Hex.encode(new byte[] {0x12, (byte) 0xab}));
        assertEquals(0xffff_ffff_ffff_ffffL, Hex.parseLong("ffffffffffffffff"));
        assertThrows(IllegalArgumentException.class, () -> Hex.parseLong("fffffffffffffffff"));
        assertThrows(IllegalArgumentException.class, () -> Hex.decode("1"));
        assertThrows(IllegalArgumentException.class, () -> Hex.parseLong("g"));
    }

    @Test
    void xferSlicesDocuments() {
        assertEquals("mab", Queries.xfer("abcde", "0,2"));
        assertEquals("lcde", Queries.xfer("abcde", "2,10"));
        assertEquals("l", Queries.xfer("abcde", "5,10"));
    }

    @Test
    void breakpointsMatchPcsAndWatchRanges() {
        Breakpoints b = Breakpoints.NONE.withBreakpoint(0x1000, false).withBreakpoint(0x2000, true)
                .withWatch(0x8000, 8, Breakpoints.WatchKind.WRITE)
                .withWatch(0x9000, 4, Breakpoints.WatchKind.READ);
        assertEquals(true, b.breakpointAt(0x1000));
        assertEquals(true, b.breakpointAt(0x2000));
        assertEquals(false, b.breakpointAt(0x1004));
        assertEquals(true, b.isHardware(0x2000));
        assertEquals(0x8000, b.watchpointHit(0x8004, 4, true));
        assertEquals(-1, b.watchpointHit(0x8004, 4, false));
        assertEquals(-1, b.watchpointHit(0x8008, 8, true));
        assertEquals(0x9000, b.watchpointHit(0x8ffc, 8, false));
        Breakpoints c = b.withoutBreakpoint(0x1000, false).withoutWatch(0x8000, 8, Breakpoints.WatchKind.WRITE);
        assertEquals(false, c.breakpointAt(0x1000));
        assertEquals(-1, c.watchpointHit(0x8000, 8, true));
        assertEquals(2, c.count());
    }
}
