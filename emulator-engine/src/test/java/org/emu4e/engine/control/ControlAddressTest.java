package org.emu4e.engine.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.emu4e.engine.control.server.ControlAddress;
import org.junit.jupiter.api.Test;

class ControlAddressTest {
    @Test
    void loopbackUnlessAHostIsGiven() {
        assertEquals(new ControlAddress("127.0.0.1", 4450), ControlAddress.parse("tcp:4450"));
        assertEquals(new ControlAddress("127.0.0.1", 0), ControlAddress.parse("tcp::0"));
        assertEquals(new ControlAddress("0.0.0.0", 99), ControlAddress.parse("tcp:0.0.0.0:99"));
        assertEquals(new ControlAddress("::1", 5), ControlAddress.parse("tcp:[::1]:5"));
    }

    @Test
    void rejectsNonsense() {
        for (String bad : new String[] {"4450", "udp:1", "tcp:", "tcp:x", "tcp:70000", "tcp:-1", "tcp:[::1]5"}) {
            assertThrows(IllegalArgumentException.class, () -> ControlAddress.parse(bad), bad);
        }
    }
}
