package org.emu4e.engine.cpu.difftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.emu4e.engine.cpu.a64.decode.A64Decoder;
import org.junit.jupiter.api.Test;

/**
 * Completeness of the integer-core decode rows, with GNU objdump as the oracle: random words
 * in the encoding spaces of our groups that our decoder rejects are disassembled; if objdump
 * (with {@code -M no-aliases}) names an ARMv8.0 integer instruction of ours, a row is missing.
 * Later-architecture instructions (CAS, LDADD, LDAPR, STGP...) have other mnemonics and pass.
 */
class DecoderCoverageTest {
    private static final Set<String> V80 = Set.of("add", "adds", "sub", "subs", "and", "ands", "orr", "eor", "bic",
            "bics", "orn", "eon", "movn", "movz", "movk", "sbfm", "bfm", "ubfm", "extr", "adr", "adrp", "adc", "adcs",
            "sbc", "sbcs", "ccmn", "ccmp", "csel", "csinc", "csinv", "csneg", "rbit", "rev16", "rev32", "rev", "clz",
            "cls", "udiv", "sdiv", "lslv", "lsrv", "asrv", "rorv", "crc32b", "crc32h", "crc32w", "crc32x", "crc32cb",
            "crc32ch", "crc32cw", "crc32cx", "madd", "msub", "smaddl", "smsubl", "umaddl", "umsubl", "smulh", "umulh",
            "b", "bl", "cbz", "cbnz", "tbz", "tbnz", "br", "blr", "ret", "ldr", "ldrb", "ldrh", "ldrsb", "ldrsh",
            "ldrsw", "str", "strb", "strh", "ldur", "ldurb", "ldurh", "ldursb", "ldursh", "ldursw", "stur", "sturb",
            "sturh", "ldtr", "ldtrb", "ldtrh", "ldtrsb", "ldtrsh", "ldtrsw", "sttr", "sttrb", "sttrh", "ldp", "stp",
            "ldpsw", "ldnp", "stnp", "prfm", "prfum", "ldxr", "ldxrb", "ldxrh", "stxr", "stxrb", "stxrh", "ldaxr",
            "ldaxrb", "ldaxrh", "stlxr", "stlxrb", "stlxrh", "ldxp", "stxp", "ldaxp", "stlxp", "ldar", "ldarb",
            "ldarh", "stlr", "stlrb", "stlrh");

    @Test
    void noArmV80IntegerEncodingIsMissing() throws IOException {
        assumeTrue(Toolchain.available(), "aarch64 binutils not installed");
        A64Decoder d = A64Decoder.get();
        Random rnd = new Random(7);
        List<Integer> rejected = new ArrayList<>();
        int tried = 0;
        while (rejected.size() < 20_000 && tried < 2_000_000) {
            tried++;
            int w = rnd.nextInt();
            int op0 = (w >>> 25) & 0xF;
            boolean dpImm = (op0 & 0b1110) == 0b1000;
            boolean branch = (op0 & 0b1110) == 0b1010 && (w >>> 29 & 3) != 0b10; // leave system/exception space out
            boolean dpReg = (op0 & 0b0111) == 0b0101;
            boolean ldst = (op0 & 0b0101) == 0b0100 && (w & (1 << 26)) == 0;
            if ((dpImm || branch || dpReg || ldst) && d.row(w) == null) {
                rejected.add(w);
            }
        }
        Path dir = Files.createTempDirectory("emu4e-deccov");
        try {
            StringBuilder src = new StringBuilder(".text\n.globl _start\n_start:\n");
            for (int w : rejected) {
                src.append(String.format("  .inst 0x%08x%n", w));
            }
            Path elf = Toolchain.build(dir, src.toString());
            String dis = Toolchain.objdumpAll(elf, "-M", "no-aliases");
            TreeMap<String, String> missing = new TreeMap<>();
            for (String line : dis.split("\n")) {
                String[] f = line.split("\t");
                if (f.length < 3) {
                    continue;
                }
                String mnemonic = f[2].trim().split("\\s+")[0];
                if (mnemonic.startsWith("b.")) {
                    mnemonic = "b";
                }
                if (V80.contains(mnemonic) && !f[f.length - 1].contains("undefined")) {
                    missing.putIfAbsent(mnemonic, line.trim());
                }
            }
            System.out.println("[decoder-coverage] " + rejected.size() + " rejected words checked, "
                    + missing.size() + " ARMv8.0 mnemonics found among them");
            assertEquals(new TreeMap<String, String>(), missing);
        } finally {
            try (var w = Files.walk(dir)) {
                w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
