package org.emu4e.engine.cpu.a64.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.emu4e.engine.cpu.a64.tb.TranslationBlock;
import org.emu4e.engine.testing.CpuRig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Class hygiene of translated blocks: methods stay under HotSpot's 8000-byte compile limit,
 * classes are hidden and named after the guest PC, and the dump switch writes classes javap reads.
 */
class BlockCompilerTest {
    /** HotSpot's HugeMethodLimit: larger methods are never compiled. */
    private static final int HUGE_METHOD_LIMIT = 8000;

    /** 31 registers made dirty, then stores whose slow paths must each write all of them back. */
    private static String worstCase() {
        StringBuilder sb = new StringBuilder("ldr x0, =0x40800000\n");
        for (int r = 1; r < 31; r++) {
            sb.append("add x").append(r).append(", x").append(r).append(", #").append(r).append('\n');
        }
        for (int k = 0; sb.toString().split("\n").length < TranslationBlock.MAX_LENGTH - 1; k++) {
            sb.append("stp x").append(1 + k % 29).append(", x").append(2 + k % 29).append(", [x0, #")
                    .append(16 * (k % 30)).append("]\n");
            sb.append("ldr x").append(1 + (k * 7) % 30).append(", [x0, #").append(8 * (k % 60)).append("]\n");
        }
        return sb.toString();
    }

    @Test
    void generatedMethodsStayWellUnderTheHugeMethodLimit() {
        CpuRig rig = new CpuRig(ModeDiff.INTERP);
        rig.load(worstCase());
        TranslationBlock b = rig.cpu().blocks().blockAt(CpuRig.CODE);
        assertEquals(TranslationBlock.MAX_LENGTH, b.length(), "a full-length block");
        BlockCompiler.Generated whole = BlockCompiler.generate(b, b.length(), CpuRig.CODE);
        assertTrue(whole.codeSize() > BlockCompiler.MAX_CODE_BYTES, "the worst case needs splitting: " + whole.codeSize());
        BlockCompiler.Generated fitted = BlockCompiler.generateWithinBudget(b, b.length(), CpuRig.CODE);
        assertTrue(fitted.codeSize() <= BlockCompiler.MAX_CODE_BYTES, "budget kept: " + fitted.codeSize());
        assertTrue(BlockCompiler.MAX_CODE_BYTES < HUGE_METHOD_LIMIT * 8 / 10);
        assertTrue(fitted.length() > 1 && fitted.length() < b.length(), "a shorter prefix: " + fitted.length());
    }

    @Test
    void aBlockSplitForSizeRunsLikeTheInterpreter() {
        new ModeDiff().run(worstCase());
    }

    @Test
    void classesAreHiddenAndNamedAfterTheGuestPc() {
        CpuRig rig = new CpuRig(ModeDiff.INTERP);
        rig.load("add x0, x0, #1\nb .\n");
        CompiledBlock c = BlockCompiler.compile(rig.cpu().blocks().blockAt(CpuRig.CODE), 2, CpuRig.CODE);
        assertTrue(c.getClass().isHidden());
        assertTrue(c.getClass().getName().contains("Block_" + Long.toHexString(CpuRig.CODE)), c.getClass().getName());
        assertEquals(2, c.length());
    }

    @Test
    void theDumpSwitchWritesClassesThatJavapReads(@TempDir Path dir) throws IOException, InterruptedException {
        CpuRig rig = new CpuRig(ModeDiff.INTERP);
        rig.load("ldr x1, =0x40800000\nldr x0, [x1]\nadd x0, x0, #1\nstr x0, [x1]\nb .\n");
        String old = System.getProperty(ClassDump.PROPERTY);
        System.setProperty(ClassDump.PROPERTY, dir.toString());
        try {
            BlockCompiler.compile(rig.cpu().blocks().blockAt(CpuRig.CODE), 5, CpuRig.CODE);
        } finally {
            if (old == null) {
                System.clearProperty(ClassDump.PROPERTY);
            } else {
                System.setProperty(ClassDump.PROPERTY, old);
            }
        }
        Path file = dir.resolve("Block_" + Long.toHexString(CpuRig.CODE) + ".class");
        assertTrue(Files.exists(file), "dumped " + file);
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        Path javap = java.resolveSibling("javap");
        Process p = new ProcessBuilder(javap.toString(), "-c", "-p", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("public final org.emu4e.engine.cpu.a64.jit.CompiledBlock run(") && out.contains("org/emu4e/engine/cpu/a64/jit/JitRuntime.ld"), out);
    }
}
