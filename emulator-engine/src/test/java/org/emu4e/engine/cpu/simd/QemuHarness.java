package org.emu4e.engine.cpu.simd;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a batch of {@link DiffCase}s under {@code qemu-aarch64 -cpu cortex-a53}: a static
 * program generated per batch loads each case's registers from stdin, executes the one
 * instruction (a SIGILL handler records UNDEFINED and skips it) and writes the resulting
 * registers to stdout. Nothing is stored: the program and its data are produced here.
 */
final class QemuHarness {
    static final int IN_REC = 8 + 8 + 512 + DiffCase.NX * 8;
    static final int OUT_REC = DiffCase.NX * 8 + 24 + 512;
    /** Guest address and size of the memory window for load/store cases (CpuRig.DATA). */
    static final long MEM = 0x4080_0000L;
    static final int MEM_SIZE = 4096;

    static int memByte(int i) { return (i * 131 + 7) & 0xFF; }

    private QemuHarness() { }

    static boolean available() {
        for (String tool : List.of("qemu-aarch64", "aarch64-linux-gnu-as", "aarch64-linux-gnu-ld")) {
            boolean found = false;
            for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
                if (Files.isExecutable(Path.of(dir, tool))) {
                    found = true;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    static List<DiffCase.Outcome> run(List<DiffCase> cases, boolean memory) throws IOException, InterruptedException {
        int outRec = OUT_REC + (memory ? MEM_SIZE : 0);
        Path dir = Files.createTempDirectory("emu4e-qemu");
        try {
            Path s = dir.resolve("t.s");
            Path o = dir.resolve("t.o");
            Path exe = dir.resolve("t");
            Files.writeString(s, program(cases, memory));
            exec(List.of("aarch64-linux-gnu-as", "-o", o.toString(), s.toString()));
            exec(List.of("aarch64-linux-gnu-ld", "-static", "-o", exe.toString(), o.toString()));
            Process p = new ProcessBuilder("qemu-aarch64", "-cpu", "cortex-a53", exe.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            byte[] in = input(cases);
            Thread writer = new Thread(() -> {
                try (OutputStream os = p.getOutputStream()) {
                    os.write(in);
                } catch (IOException e) {
                    // qemu died; reported below by the short output
                }
            });
            writer.start();
            byte[] out;
            try (InputStream is = p.getInputStream()) {
                out = is.readAllBytes();
            }
            writer.join();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            if (out.length != cases.size() * outRec) {
                throw new IllegalStateException("qemu output " + out.length + " bytes, expected "
                        + cases.size() * outRec + ", exit " + p.exitValue());
            }
            return parse(out, cases.size(), memory);
        } finally {
            try (var w = Files.walk(dir)) {
                w.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static void exec(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(cmd.get(0) + " failed: " + out);
        }
    }

    private static byte[] input(List<DiffCase> cases) {
        ByteBuffer b = ByteBuffer.allocate(cases.size() * IN_REC).order(ByteOrder.LITTLE_ENDIAN);
        for (DiffCase c : cases) {
            b.putLong(c.fpcr() & 0xFFFF_FFFFL);
            b.putLong((long) c.nzcv() << 28);
            for (long v : c.v()) {
                b.putLong(v);
            }
            for (int i = 0; i < DiffCase.NX; i++) {
                b.putLong(c.x()[i]);
            }
        }
        return b.array();
    }

    private static List<DiffCase.Outcome> parse(byte[] out, int n, boolean memory) {
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        List<DiffCase.Outcome> r = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            long[] x = new long[DiffCase.NX];
            for (int i = 0; i < x.length; i++) {
                x[i] = b.getLong();
            }
            int fpsr = (int) b.getLong();
            int nzcv = (int) (b.getLong() >>> 28);
            boolean undef = b.getLong() != 0;
            long[] v = new long[64];
            for (int i = 0; i < 64; i++) {
                v[i] = b.getLong();
            }
            byte[] mem = null;
            if (memory) {
                mem = new byte[MEM_SIZE];
                b.get(mem);
            }
            r.add(new DiffCase.Outcome(v, x, fpsr, nzcv, undef, mem));
        }
        return r;
    }

    static String program(List<DiffCase> cases, boolean memory) {
        StringBuilder a = new StringBuilder(cases.size() * 48 + 4096);
        a.append("""
                .text
                .globl _start
                _start:
                    mov x0, #4
                    ldr x1, =sigact
                    mov x2, #0
                    mov x3, #8
                    mov x8, #134
                    svc #0
                    ldr x19, =inbuf
                    ldr x20, =%d
                1:  mov x0, #0
                    mov x1, x19
                    mov x2, x20
                    mov x8, #63
                    svc #0
                    cmp x0, #0
                    b.le 2f
                    add x19, x19, x0
                    sub x20, x20, x0
                    cbnz x20, 1b
                2:  ldr x28, =inbuf
                    ldr x27, =outbuf
                """.formatted(cases.size() * IN_REC));
        if (memory) {
            a.append("""
                    ldr x0, =%d
                    mov x1, #%d
                    mov x2, #3
                    mov x3, #0x32
                    mov x4, #-1
                    mov x5, #0
                    mov x8, #222
                    svc #0
                    ldr x0, =%d
                    mov x1, #0
                5:  mov x2, #131
                    mul x2, x1, x2
                    add x2, x2, #7
                    strb w2, [x0, x1]
                    add x1, x1, #1
                    cmp x1, #%d
                    b.lt 5b
                """.formatted(MEM, MEM_SIZE, MEM, MEM_SIZE));
        }
        for (DiffCase c : cases) {
            a.append("    bl load_state\n    .inst 0x").append(Integer.toHexString(c.insn()))
                    .append("\n    bl dump_state\n");
        }
        a.append("""
                    ldr x19, =outbuf
                    sub x20, x27, x19
                3:  mov x0, #1
                    mov x1, x19
                    mov x2, x20
                    mov x8, #64
                    svc #0
                    cmp x0, #0
                    b.le 4f
                    add x19, x19, x0
                    sub x20, x20, x0
                    cbnz x20, 3b
                4:  mov x0, #0
                    mov x8, #93
                    svc #0
                load_state:
                    ldr x9, [x28], #8
                    msr fpcr, x9
                    ldr x9, [x28], #8
                    msr nzcv, x9
                """);
        for (int i = 0; i < 32; i += 4) {
            a.append(String.format("    ld1 {v%d.2d, v%d.2d, v%d.2d, v%d.2d}, [x28], #64%n", i, i + 1, i + 2, i + 3));
        }
        a.append("    msr fpsr, xzr\n");
        for (int i = 0; i < 26; i += 2) {
            a.append(String.format("    ldp x%d, x%d, [x28], #16%n", i, i + 1));
        }
        a.append("    ldr x26, [x28], #8\n    ret\ndump_state:\n");
        for (int i = 0; i < 26; i += 2) {
            a.append(String.format("    stp x%d, x%d, [x27], #16%n", i, i + 1));
        }
        a.append("""
                    str x26, [x27], #8
                    mrs x0, fpsr
                    str x0, [x27], #8
                    mrs x0, nzcv
                    str x0, [x27], #8
                    ldr x1, =undef_flag
                    ldr x0, [x1]
                    str x0, [x27], #8
                    str xzr, [x1]
                """);
        for (int i = 0; i < 32; i += 4) {
            a.append(String.format("    st1 {v%d.2d, v%d.2d, v%d.2d, v%d.2d}, [x27], #64%n", i, i + 1, i + 2, i + 3));
        }
        if (memory) {
            a.append("""
                    ldr x1, =%d
                    mov x2, #%d
                6:  ldp x3, x4, [x1], #16
                    stp x3, x4, [x27], #16
                    subs x2, x2, #1
                    b.ne 6b
                """.formatted(MEM, MEM_SIZE / 16));
        }
        a.append("""
                    ret
                sigill_handler:
                    ldr x9, [x2, #440]
                    add x9, x9, #4
                    str x9, [x2, #440]
                    ldr x9, =undef_flag
                    mov x10, #1
                    str x10, [x9]
                    ret
                sigreturn_tramp:
                    mov x8, #139
                    svc #0
                .ltorg
                .data
                .align 4
                sigact: .quad sigill_handler, 0x04000004, sigreturn_tramp, 0
                undef_flag: .quad 0
                .bss
                .align 4
                """);
        a.append("inbuf: .skip ").append(cases.size() * IN_REC).append('\n');
        a.append("outbuf: .skip ").append(cases.size() * (OUT_REC + (memory ? MEM_SIZE : 0))).append('\n');
        return a.toString();
    }
}
