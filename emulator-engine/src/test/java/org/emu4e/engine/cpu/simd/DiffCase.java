package org.emu4e.engine.cpu.simd;

/**
 * One differential case: an instruction word and the register state before it. After
 * execution the same arrays describe the state after (see {@link Outcome}).
 */
record DiffCase(String family, int insn, long[] v, long[] x, int fpcr, int nzcv) {
    static final int NX = 27;

    /** State after the instruction; {@code undef} when it was UNDEFINED. */
    record Outcome(long[] v, long[] x, int fpsr, int nzcv, boolean undef, byte[] mem) {
        String diff(Outcome o) {
            StringBuilder sb = new StringBuilder();
            if (undef != o.undef) {
                sb.append(" undef ").append(undef).append("/").append(o.undef);
            }
            if (fpsr != o.fpsr) {
                sb.append(String.format(" fpsr %08x/%08x", fpsr, o.fpsr));
            }
            if (nzcv != o.nzcv) {
                sb.append(String.format(" nzcv %x/%x", nzcv, o.nzcv));
            }
            for (int i = 0; i < 32; i++) {
                if (v[2 * i] != o.v[2 * i] || v[2 * i + 1] != o.v[2 * i + 1]) {
                    sb.append(String.format(" v%d %016x:%016x/%016x:%016x", i, v[2 * i + 1], v[2 * i],
                            o.v[2 * i + 1], o.v[2 * i]));
                }
            }
            for (int i = 0; i < NX; i++) {
                if (x[i] != o.x[i]) {
                    sb.append(String.format(" x%d %016x/%016x", i, x[i], o.x[i]));
                }
            }
            if (mem != null && o.mem != null) {
                for (int i = 0; i < mem.length; i++) {
                    if (mem[i] != o.mem[i]) {
                        sb.append(String.format(" mem+%d %02x/%02x", i, mem[i], o.mem[i]));
                        break;
                    }
                }
            }
            return sb.toString();
        }
    }
}
