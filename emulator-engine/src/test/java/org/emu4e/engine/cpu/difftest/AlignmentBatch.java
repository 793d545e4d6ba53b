package org.emu4e.engine.cpu.difftest;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One batch of random load/store cases with the MMU off, as a bare-metal program for the virt
 * board (ELF at {@link #TEXT}, EL1, PL011 output, PSCI SYSTEM_OFF by HVC): each case sets
 * SCTLR_EL1.A, points X0 at a random offset of a 4 KiB-aligned buffer (half of them aligned to
 * the form's element, some across the page boundary at +4096), runs one form with known X1-X4
 * and V16-V19, and records X0-X4, V16-V19, the exceptions taken (count, ESR_EL1, FAR_EL1) and a
 * checksum of the buffer (restored before every case). A synchronous exception skips the
 * instruction. The records are
 * printed in hex, one line per case, then the machine powers off.
 */
final class AlignmentBatch {
    static final long TEXT = 0x4008_0000L;
    static final int RECORD_WORDS = 18;

    /**
     * A form: {@code asm} with base X0; {@code disp} added to X0 for the first access;
     * {@code align} the alignment the pseudocode checks (element size, 16 for Q, the whole
     * access for exclusives and acquire/release); {@code always} when that check does not
     * depend on SCTLR.A or the memory type.
     */
    record Form(String asm, int disp, int align, boolean always) { }

    /** A generated case: the form, X0's offset in the buffer, and SCTLR_EL1.A. */
    record Case(Form form, int offset, boolean sctlrA) {
        int first() { return offset + form.disp(); }

        boolean aligned() { return first() % form.align() == 0; }

        /** Whether both emulators must take an Alignment fault whatever their memory-type rules. */
        boolean checkedEverywhere() { return sctlrA || form.always(); }
    }

    static final List<Form> FORMS = forms();

    final List<Case> cases = new ArrayList<>();
    final String source;

    AlignmentBatch(Random r, int count) {
        for (int i = 0; i < count; i++) {
            Form f = FORMS.get(r.nextInt(FORMS.size()));
            int off = r.nextInt(4) == 0 ? 4096 - 40 + r.nextInt(40) : 64 + r.nextInt(384);
            if (r.nextBoolean()) {
                off -= Math.floorMod(off + f.disp(), f.align()); // element-aligned
            }
            cases.add(new Case(f, off, r.nextBoolean()));
        }
        source = program();
    }

    private static List<Form> forms() {
        List<Form> l = new ArrayList<>();
        String[][] ints = {{"ldrb w1", "1"}, {"ldrh w1", "2"}, {"ldr w1", "4"}, {"ldr x1", "8"}, {"ldrsb x1", "1"},
            {"ldrsh w1", "2"}, {"ldrsw x1", "4"}, {"strb w1", "1"}, {"strh w1", "2"}, {"str w1", "4"}, {"str x1", "8"},
            {"ldp w1, w2", "4"}, {"ldp x1, x2", "8"}, {"ldpsw x1, x2", "4"}, {"stp w1, w2", "4"}, {"stp x1, x2", "8"},
            {"ldnp w1, w2", "4"}, {"stnp x1, x2", "8"}, {"ldr b16", "1"}, {"ldr h16", "2"}, {"ldr s16", "4"},
            {"ldr d16", "8"}, {"ldr q16", "16"}, {"str d16", "8"}, {"str q16", "16"}, {"ldp s16, s17", "4"},
            {"ldp d16, d17", "8"}, {"ldp q16, q17", "16"}, {"stp q16, q17", "16"}, {"stnp d16, d17", "8"},
            {"stp s16, s17", "4"}};
        for (String[] f : ints) {
            l.add(new Form(f[0] + ", [x0]", 0, Integer.parseInt(f[1]), false));
        }
        l.add(new Form("ldur x1, [x0, #-3]", -3, 8, false));
        l.add(new Form("ldur q16, [x0, #1]", 1, 16, false));
        l.add(new Form("ldr x1, [x0], #8", 0, 8, false));
        l.add(new Form("ldr w1, [x0, #4]!", 4, 4, false));
        l.add(new Form("ldp w1, w2, [x0, #8]!", 8, 4, false));
        l.add(new Form("ldp x3, x4, [x0], #16", 0, 8, false));
        l.add(new Form("stp w3, w4, [x0, #-8]", -8, 4, false));
        String[][] vec = {{"8b", "1"}, {"16b", "1"}, {"4h", "2"}, {"8h", "2"}, {"2s", "4"}, {"4s", "4"}, {"1d", "8"},
            {"2d", "8"}};
        for (String[] t : vec) {
            l.add(new Form("ld1 {v16." + t[0] + "}, [x0]", 0, Integer.parseInt(t[1]), false));
        }
        String[][] struct = {{"ld1 {v16.4s, v17.4s}", "4"}, {"ld1 {v16.2d, v17.2d, v18.2d}", "8"},
            {"ld1 {v16.8h, v17.8h, v18.8h, v19.8h}", "2"}, {"ld2 {v16.8h, v17.8h}", "2"}, {"ld3 {v16.4s, v17.4s, v18.4s}", "4"},
            {"ld4 {v16.2d, v17.2d, v18.2d, v19.2d}", "8"}, {"ld2 {v16.8b, v17.8b}", "1"}, {"st1 {v16.2d}", "8"},
            {"st2 {v16.4s, v17.4s}", "4"}, {"st3 {v16.8h, v17.8h, v18.8h}", "2"}, {"st4 {v16.16b, v17.16b, v18.16b, v19.16b}", "1"},
            {"ld1 {v16.h}[3]", "2"}, {"ld1 {v16.d}[1]", "8"}, {"ld2 {v16.s, v17.s}[1]", "4"}, {"ld3 {v16.b, v17.b, v18.b}[5]", "1"},
            {"ld4 {v16.d, v17.d, v18.d, v19.d}[0]", "8"}, {"st1 {v16.s}[2]", "4"}, {"st4 {v16.h, v17.h, v18.h, v19.h}[7]", "2"},
            {"ld1r {v16.4s}", "4"}, {"ld2r {v16.8h, v17.8h}", "2"}, {"ld3r {v16.2d, v17.2d, v18.2d}", "8"},
            {"ld4r {v16.8b, v17.8b, v18.8b, v19.8b}", "1"}, {"ld1r {v16.1d}", "8"}};
        for (String[] f : struct) {
            l.add(new Form(f[0] + ", [x0]", 0, Integer.parseInt(f[1]), false));
        }
        l.add(new Form("ld1 {v16.4s}, [x0], #16", 0, 4, false));
        l.add(new Form("st1 {v16.2d, v17.2d}, [x0], x2", 0, 8, false));
        String[][] excl = {{"ldxr w1", "4"}, {"ldaxr x1", "8"}, {"ldar w1", "4"}, {"ldarh w1", "2"}, {"ldxp w1, w2", "8"},
            {"ldaxp x1, x2", "16"}, {"stlr x1", "8"}, {"stlrh w1", "2"}};
        for (String[] f : excl) {
            l.add(new Form(f[0] + ", [x0]", 0, Integer.parseInt(f[1]), true));
        }
        return List.copyOf(l);
    }

    private String program() {
        StringBuilder s = new StringBuilder();
        s.append("""
                    .text
                    .globl _start
                _start:
                    adr x9, vectors
                    msr vbar_el1, x9
                    mov x9, #(3 << 20)
                    msr cpacr_el1, x9
                    isb
                    adrp x10, buf
                    add x10, x10, :lo12:buf
                    mov x11, #0
                    adrp x13, orig
                    add x13, x13, :lo12:orig
                1:  mov x12, #167
                    mul x12, x11, x12
                    add x12, x12, x11, lsr #8
                    strb w12, [x10, x11]
                    strb w12, [x13, x11]
                    add x11, x11, #1
                    cmp x11, #8192
                    b.lo 1b
                    adrp x28, records
                    add x28, x28, :lo12:records
                """);
        for (Case c : cases) {
            s.append("    mrs x9, sctlr_el1\n    bic x9, x9, #2\n");
            if (c.sctlrA()) {
                s.append("    orr x9, x9, #2\n");
            }
            s.append("    msr sctlr_el1, x9\n    isb\n    bl reset\n");
            s.append("    mov x9, #").append(c.offset()).append("\n    add x0, x10, x9\n");
            s.append("    ").append(c.form().asm()).append("\n    bl record\n");
        }
        s.append("""
                    bl print
                    ldr w0, =0x84000008
                    hvc #0
                2:  b 2b

                // the checked parts of buf back to the original pattern (so no case sees an earlier
                // one's stores), X1-X4, V16-V19 to known values, no exception seen; X10 = buf
                reset:
                    adrp x10, buf
                    add x10, x10, :lo12:buf
                    adrp x13, orig
                    add x13, x13, :lo12:orig
                    mov x11, #0
                9:  ldr x1, [x13, x11]
                    str x1, [x10, x11]
                    add x11, x11, #8
                    cmp x11, #512
                    b.lo 9b
                    mov x11, #4032
                    mov x12, #4160
                10: ldr x1, [x13, x11]
                    str x1, [x10, x11]
                    add x11, x11, #8
                    cmp x11, x12
                    b.lo 10b
                    ldr x1, =0x8899aabbccddeeff
                    ldr x2, =0x1122334455667788
                    ldr x3, =0xf0e1d2c3b4a59687
                    ldr x4, =0x0f1e2d3c4b5a6978
                    adr x9, vinit
                    ld1 {v16.16b, v17.16b, v18.16b, v19.16b}, [x9]
                    mov x25, #0
                    mov x26, #0
                    mov x27, #0
                    ret

                // one record at X28: X0-X4, V16-V19, exceptions, ESR, FAR, buffer checksum
                record:
                    stp x0, x1, [x28]
                    stp x2, x3, [x28, #16]
                    str x4, [x28, #32]
                    add x9, x28, #40
                    st1 {v16.16b, v17.16b, v18.16b, v19.16b}, [x9]
                    stp x27, x26, [x28, #104]
                    str x25, [x28, #120]
                    adrp x10, buf
                    add x10, x10, :lo12:buf
                    mov x24, #0
                    mov x11, #0
                3:  ldr x9, [x10, x11]
                    eor x24, x9, x24, ror #7
                    add x11, x11, #8
                    cmp x11, #512
                    b.lo 3b
                    mov x11, #4032
                    mov x12, #4160
                4:  ldr x9, [x10, x11]
                    eor x24, x9, x24, ror #7
                    add x11, x11, #8
                    cmp x11, x12
                    b.lo 4b
                    str x24, [x28, #128]
                    str xzr, [x28, #136]
                    add x28, x28, #144
                    ret

                // every record in hex, one line each
                print:
                    ldr x21, =0x09000000
                    adrp x22, records
                    add x22, x22, :lo12:records
                    mov x23, x30
                5:  cmp x22, x28
                    b.hs 8f
                    mov x20, #18
                6:  ldr x1, [x22], #8
                    mov x3, #60
                7:  lsr x2, x1, x3
                    and x2, x2, #15
                    cmp x2, #10
                    add x4, x2, #'0'
                    add x5, x2, #('a' - 10)
                    csel x2, x4, x5, lo
                    str w2, [x21]
                    subs x3, x3, #4
                    b.ge 7b
                    subs x20, x20, #1
                    b.ne 6b
                    mov w2, #'\\n'
                    str w2, [x21]
                    b 5b
                8:  mov x30, x23
                    ret
                    .ltorg

                    .balign 16
                vinit:
                    .byte 0x10,0x21,0x32,0x43,0x54,0x65,0x76,0x87,0x98,0xa9,0xba,0xcb,0xdc,0xed,0xfe,0x0f
                    .byte 0x17,0x28,0x39,0x4a,0x5b,0x6c,0x7d,0x8e,0x9f,0xa0,0xb1,0xc2,0xd3,0xe4,0xf5,0x06
                    .byte 0x61,0x52,0x43,0x34,0x25,0x16,0x07,0xf8,0xe9,0xda,0xcb,0xbc,0xad,0x9e,0x8f,0x70
                    .byte 0x05,0x14,0x23,0x32,0x41,0x50,0x6f,0x7e,0x8d,0x9c,0xab,0xba,0xc9,0xd8,0xe7,0xf6

                // synchronous exception at EL1 (SPx): note it and skip the instruction
                    .balign 2048
                vectors:
                    .space 0x200
                    mrs x26, esr_el1
                    mrs x25, far_el1
                    add x27, x27, #1
                    mrs x9, elr_el1
                    add x9, x9, #4
                    msr elr_el1, x9
                    eret
                    .balign 2048

                    .bss
                    .balign 4096
                buf:
                    .space 8192
                orig:
                    .space 8192
                records:
                """).append("    .space ").append(cases.size() * 144).append('\n');
        return s.toString();
    }
}
