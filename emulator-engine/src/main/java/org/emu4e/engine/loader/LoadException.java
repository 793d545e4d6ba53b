package org.emu4e.engine.loader;

/** A boot file could not be loaded; the message says which file and why, for the user. */
public final class LoadException extends Exception {
    public LoadException(String message) {
        super(message);
    }

    public LoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
