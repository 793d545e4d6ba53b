package org.emu4e.engine.board.fdt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Decompiles a blob with the Device Tree Compiler ({@code dtc -I dtb -O dts}), for tests. */
public final class Dtc {
    private Dtc() { }

    public static String decompile(byte[] blob) throws IOException, InterruptedException {
        Path f = Files.createTempFile("emu4e", ".dtb");
        try {
            Files.write(f, blob);
            return decompile(f);
        } finally {
            Files.deleteIfExists(f);
        }
    }

    public static String decompile(Path dtb) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("dtc", "-q", "-I", "dtb", "-O", "dts", dtb.toString()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("dtc failed: " + out);
        }
        return out;
    }

    /** The text of node {@code name}'s own block (up to its closing brace at the same indent). */
    public static String node(String dts, String name) {
        int i = dts.indexOf("\t" + name + " {");
        if (i < 0) {
            return null;
        }
        int end = dts.indexOf("\n\t};", i);
        return dts.substring(i, end);
    }
}
