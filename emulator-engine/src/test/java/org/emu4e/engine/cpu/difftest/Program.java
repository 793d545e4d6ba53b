package org.emu4e.engine.cpu.difftest;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The text section of a difftest program as one instruction per line, so the PC of every
 * line is known without asking the assembler ({@code TEXT + 4 * index}); lines that are
 * randomly generated instructions (not fixups or harness code) are marked.
 */
final class Program {
    static final long TEXT = 0x4010_0000L;

    final StringBuilder text = new StringBuilder();
    final StringBuilder data = new StringBuilder();
    final BitSet randomInsn = new BitSet();
    int insns;

    /** Emits one instruction (exactly 4 bytes). */
    void insn(String asm, boolean random) {
        if (random) {
            randomInsn.set(insns);
        }
        text.append("  ").append(asm).append('\n');
        insns++;
    }

    void raw(int word) {
        insn(String.format(".inst 0x%08x", word), true);
    }

    void label(String name) {
        text.append(name).append(":\n");
    }

    long pc() {
        return TEXT + 4L * insns;
    }

    void dataLine(String s) {
        data.append(s).append('\n');
    }

    static List<String> lines(String s) {
        return new ArrayList<>(List.of(s.split("\n")));
    }
}
