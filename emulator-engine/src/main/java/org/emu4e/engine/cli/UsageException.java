package org.emu4e.engine.cli;

/** A bad command line: the message names the flag. The CLI exits with status 1, as QEMU does. */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
