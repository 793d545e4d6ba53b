package org.emu4e.engine.control;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Dependency rules of the control packages (the split STYLE.md asks for): the protocol (interfaces
 * and DTOs) knows only the JDK and LSP4J, so it can move into its own bundle for the IDE; the
 * transport knows the protocol; only the server touches the engine API.
 */
class ProtocolDependencyTest {
    private static final Path ROOT = Path.of("src/main/java/org/emu4e/engine/control");

    private static List<String> violations(String pkg, List<String> allowed) throws Exception {
        List<String> bad = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT.resolve(pkg))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (line.startsWith("import ")) {
                        String target = line.substring(7).replace("static ", "").replace(";", "").trim();
                        if (allowed.stream().noneMatch(target::startsWith)) {
                            bad.add(f.getFileName() + ": " + target);
                        }
                    }
                }
            }
        }
        return bad;
    }

    @Test
    void protocolNeedsOnlyTheJdkAndLsp4j() throws Exception {
        List<String> bad = violations("protocol", List.of("java.", "org.eclipse.lsp4j.jsonrpc.",
                "org.emu4e.engine.control.protocol."));
        assertTrue(bad.isEmpty(), bad.toString());
    }

    @Test
    void transportNeedsOnlyTheProtocol() throws Exception {
        List<String> bad = violations("transport", List.of("java.", "org.eclipse.lsp4j.jsonrpc.", "com.google.gson.",
                "org.emu4e.engine.control.protocol.", "org.emu4e.engine.control.transport."));
        assertTrue(bad.isEmpty(), bad.toString());
    }

    @Test
    void clientDoesNotTouchTheEngine() throws Exception {
        List<String> bad = violations("client", List.of("java.", "org.eclipse.lsp4j.jsonrpc.", "com.google.gson.",
                "org.emu4e.engine.control."));
        assertTrue(bad.isEmpty(), bad.toString());
    }
}
