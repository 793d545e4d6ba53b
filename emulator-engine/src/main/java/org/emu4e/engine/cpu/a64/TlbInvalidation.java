package org.emu4e.engine.cpu.a64;

/**
 * One TLB maintenance operation (ARM ARM C5.5 "A64 System instructions for TLB maintenance").
 * {@code kind} says which entries; {@code address} is the VA (already shifted to a byte address)
 * and {@code asid} the ASID where the kind uses them.
 */
public record TlbInvalidation(Kind kind, long address, int asid, boolean lastLevelOnly) {
    public enum Kind { ALL, BY_VA, BY_VA_ALL_ASID, BY_ASID }

    public static final TlbInvalidation ALL = new TlbInvalidation(Kind.ALL, 0, 0, false);
}
