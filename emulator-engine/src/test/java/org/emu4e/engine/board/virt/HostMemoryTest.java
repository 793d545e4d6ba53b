package org.emu4e.engine.board.virt;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Reading -XX:MaxDirectMemorySize values (the subprocess cases are in BigRamTest). */
class HostMemoryTest {
    @Test
    void hotSpotSizes() {
        assertEquals(5L << 30, HostMemory.parse("5g"));
        assertEquals(64L << 20, HostMemory.parse("64M"));
        assertEquals(24_000_000L << 10, HostMemory.parse("24000000k"));
        assertEquals(4096, HostMemory.parse("4096"));
        assertEquals(-1, HostMemory.parse("lots"));
        assertEquals(-1, HostMemory.parse(""));
        assertEquals(-1, HostMemory.parse("99999999999t"));
        assertTrue(HostMemory.directMemoryLimit() > 0, "this JVM has a limit (default: the heap)");
    }
}
