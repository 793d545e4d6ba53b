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

    private ClassDump() { }

    static void write(BlockCompiler.Generated gen) {
        String dirName = System.getProperty(PROPERTY); // read per translation: tests switch it
        if (dirName == null || dirName.isBlank()) {
            return;
        }
        try {
            Path dir = Path.of(dirName);
            Files.createDirectories(dir);
            String simple = gen.name().substring(gen.name().lastIndexOf('/') + 1);
            Files.write(dir.resolve(simple + ".class"), gen.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException("-D" + PROPERTY + "=" + dirName + ": cannot write " + gen.name(), e);
        }
    }
}
