package org.emu4e.engine.cpu.a64.jit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Diagnostic switch: with {@code -Demu4e.jit.dump=DIR} every translated block is also written
 * to {@code DIR/Block_<pc>.class} for {@code javap -c -p}. Off by default.
 */
final class ClassDump {
    /** System property naming the dump directory. */
    static final String PROPERTY = "emu4e.jit.dump";
    private static final String DIR = System.getProperty(PROPERTY);

    private ClassDump() { }

    static void write(BlockCompiler.Generated gen) {
        if (DIR == null || DIR.isBlank()) {
            return;
        }
        try {
            Path dir = Path.of(DIR);
            Files.createDirectories(dir);
            String simple = gen.name().substring(gen.name().lastIndexOf('/') + 1);
            Files.write(dir.resolve(simple + ".class"), gen.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException("-D" + PROPERTY + "=" + DIR + ": cannot write " + gen.name(), e);
        }
    }
}
