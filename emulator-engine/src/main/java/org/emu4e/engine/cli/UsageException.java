package org.emu4e.engine.cli;

/** A bad command line: the message names the flag. The CLI exits with status 2. */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
