package org.emu4e.junit.corpus;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One program of the firmware corpus: how to get it, the emulator arguments (the same for
 * qemu-system-aarch64 and emu4e), what to type on its UART and what must appear.
 *
 * @param name        short name, also the JUnit display name
 * @param source      who wrote it and where it comes from (for the README and failure messages)
 * @param prepare     makes the files the arguments name (installs packages, builds images) in a
 *                    work directory shared by every program; returns the arguments
 * @param script      the UART session: wait for a prompt, type a line
 * @param keyLines    text each emulator must print on some line (so two emulators that fail
 *                    the same way early cannot pass by printing the same thing)
 * @param normalizer  applied to both transcripts; each rule states why it is legitimate
 * @param timeout     for the whole run on one emulator
 */
record CorpusProgram(String name, String source, Prepare prepare, List<Step> script, List<String> keyLines,
        UnaryOperator<String> normalizer, Duration timeout) {

    /** Makes what the program needs in {@code work}; the emulator arguments. */
    @FunctionalInterface
    interface Prepare {
        List<String> arguments(Path work) throws Exception;
    }

    /**
     * Wait for {@code prompt} (a regex; anchor prompts at a line start with {@code (?m)^}, output
     * may contain them) in the output, then type {@code line} followed by a carriage
     * return, one character at a time, each after the guest echoed the one before when
     * {@code echoed} (shells with a line editor: typing ahead can be eaten by a shell that polls
     * the UART for Ctrl-C while it runs a command), all at once otherwise. A null line types
     * nothing (the step only waits).
     */
    record Step(String prompt, String line, boolean echoed) {
        static Step type(String prompt, String line) {
            return new Step(prompt, line, true);
        }

        static Step key(String prompt, String key) {
            return new Step(prompt, key, false);
        }

        static Step await(String prompt) {
            return new Step(prompt, null, false);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
