package org.emu4e.junit.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.emu4e.junit.GuestProcess;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Firmware no one in this project wrote, from Debian's packages, run with the same command line
 * on qemu-system-aarch64 (7.2) and on emu4e's command line, with the same keys typed on the
 * UART: emu4e prints what QEMU prints (after {@link Normalize}'s rules, each of which says why
 * that text legitimately differs), and both exit with the same status. The corpus and what each
 * program exercises: tests/firmware/corpus/README.md.
 */
class FirmwareCorpusTest {
    /** Each run's raw transcript, kept for a failure report. */
    static final Path TRANSCRIPTS = Path.of("target", "corpus-transcripts");

    @TempDir
    static Path work;

    static Stream<CorpusProgram> programs() {
        return Stream.of(UbootPrograms.all(), GrubPrograms.all(), EfitoolsPrograms.all(), LinuxPrograms.all())
                .flatMap(List::stream);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void emu4ePrintsWhatQemuPrints(CorpusProgram program) throws Exception {
        List<String> args = program.prepare().arguments(work);
        Run qemu = run(program, "qemu-system-aarch64", prepend(List.of("qemu-system-aarch64"), args));
        Run emu = run(program, "emu4e", prepend(GuestProcess.emu4eCommand(), args));

        for (String key : program.keyLines()) {
            assertTrue(qemu.lines.stream().anyMatch(l -> l.contains(key)),
                    program + " on QEMU prints \"" + key + "\":\n" + qemu.text);
            assertTrue(emu.lines.stream().anyMatch(l -> l.contains(key)),
                    program + " on emu4e prints \"" + key + "\":\n" + emu.text);
        }
        int d = firstDifference(qemu.lines, emu.lines);
        assertTrue(d < 0, () -> program + " (" + program.source() + "): emu4e's normalized transcript differs from"
                + " qemu-system-aarch64's at line " + (d + 1) + " (transcripts in " + TRANSCRIPTS.toAbsolutePath()
                + ")\n--- qemu-system-aarch64:\n" + around(qemu.lines, d) + "\n--- emu4e:\n" + around(emu.lines, d));
        assertEquals(qemu.status, emu.status, program + ": exit status");
    }

    private static int firstDifference(List<String> a, List<String> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            if (i >= a.size() || i >= b.size() || !a.get(i).equals(b.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String around(List<String> l, int i) {
        return String.join("\n", l.subList(Math.max(0, i - 5), Math.min(l.size(), i + 10)));
    }

    private record Run(String text, List<String> lines, int status) { }

    private static Run run(CorpusProgram program, String emulator, List<String> command) throws Exception {
        long end = System.nanoTime() + program.timeout().toNanos();
        try (GuestProcess p = GuestProcess.start(emulator, command, work)) {
            try {
                for (CorpusProgram.Step s : program.script()) {
                    p.expect(s.prompt(), left(end));
                    if (s.line() == null) {
                        continue;
                    }
                    if (!s.echoed()) {
                        p.send(s.line());
                        continue;
                    }
                    for (char c : s.line().toCharArray()) {
                        p.send(String.valueOf(c));
                        p.expect(Pattern.quote(String.valueOf(c)), left(end));
                    }
                    p.send("\r");
                }
                int status = p.awaitExit(left(end));
                String text = p.text();
                List<String> lines = List.of(program.normalizer().apply(text).split("\n", -1));
                Files.createDirectories(TRANSCRIPTS);
                Files.writeString(TRANSCRIPTS.resolve(program.name() + "." + emulator + ".txt"), text);
                return new Run(text, lines, status);
            } catch (AssertionError e) {
                throw new AssertionError(program + " (" + program.source() + ") on " + emulator + ": "
                        + e.getMessage(), e);
            }
        }
    }

    private static Duration left(long end) {
        return Duration.ofNanos(Math.max(0, end - System.nanoTime()));
    }

    private static List<String> prepend(List<String> head, List<String> tail) {
        List<String> l = new ArrayList<>(head);
        l.addAll(tail);
        return l;
    }
}
