package org.emu4e.engine.gdbstub;

import org.emu4e.engine.api.DebugStop;

/** What the session thread reacts to, in arrival order. */
sealed interface SessionEvent {
    SessionEvent DISCONNECTED = new Signal("disconnected");
    SessionEvent INTERRUPT = new Signal("interrupt");
    SessionEvent SHUTDOWN = new Signal("machine shut down");

    record Signal(String what) implements SessionEvent { }

    record Packet(String payload) implements SessionEvent { }

    record Stopped(DebugStop stop) implements SessionEvent { }
}
