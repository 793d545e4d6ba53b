package org.emu4e.engine.control.protocol;

/**
 * @param nanos        host nanoseconds spent in the state
 * @param instructions instructions retired while in the state
 */
public record StateTime(long nanos, long instructions) {
}
