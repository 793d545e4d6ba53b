package org.emu4e.engine.cpu.a64.insn.system;

import org.emu4e.engine.cpu.a64.A64Cpu;
import org.emu4e.engine.cpu.a64.GuestException;
import org.emu4e.engine.cpu.a64.TlbInvalidation;
import org.emu4e.engine.cpu.a64.TlbInvalidation.Kind;

/**
 * TLBI (C5.5 "A64 System instructions for TLB maintenance"). Xt carries VA[55:12] in bits
 * [43:0] and the ASID in [63:48]. Inner Shareable forms (CRm = 3; CRm = 0 for IPAS2*IS)
 * also run on every other PE. Regimes are not told apart: invalidating more than asked is
 * always allowed, and ALLE2/ALLE3/VAE2/VAE3 are rare.
 */
final class TlbMaintenance {
    private TlbMaintenance() { }

    static void exec(A64Cpu cpu, int op1, int crm, int op2, int rt) {
        boolean shareable;
        if (crm == 3 || crm == 0) {
            shareable = true;
        } else if (crm == 7 || crm == 4) {
            shareable = false;
        } else {
            throw GuestException.undefined();
        }
        int minEl = op1 == 0 ? 1 : op1 == 4 ? 2 : op1 == 6 ? 3 : 99;
        if (cpu.state().el < minEl || cpu.env().highestEl() < minEl) {
            throw GuestException.undefined();
        }
        if (crm == 0 || crm == 4) {
            // IPAS2E1(IS), IPAS2LE1(IS): stage 2 by IPA; there is no stage 2, so nothing is cached.
            if (op1 == 4 && (op2 == 1 || op2 == 5)) {
                return;
            }
            throw GuestException.undefined();
        }
        long xt = cpu.state().x(rt);
        long va = (xt & 0x0000_0FFF_FFFF_FFFFL) << 12;
        int asid = (int) (xt >>> 48);
        TlbInvalidation op = decode(op1, crm, op2, va, asid);
        if (op == null) {
            throw GuestException.undefined();
        }
        cpu.mmu().invalidate(op);
        if (shareable) {
            cpu.env().broadcastTlbInvalidate(op);
        }
    }

    private static TlbInvalidation decode(int op1, int crm, int op2, long va, int asid) {
        switch (op1) {
            case 0 -> {
                return switch (op2) {
                    case 0 -> TlbInvalidation.ALL; // VMALLE1
                    case 1 -> new TlbInvalidation(Kind.BY_VA, va, asid, false); // VAE1
                    case 2 -> new TlbInvalidation(Kind.BY_ASID, 0, asid, false); // ASIDE1
                    case 3 -> new TlbInvalidation(Kind.BY_VA_ALL_ASID, va, 0, false); // VAAE1
                    case 5 -> new TlbInvalidation(Kind.BY_VA, va, asid, true); // VALE1
                    case 7 -> new TlbInvalidation(Kind.BY_VA_ALL_ASID, va, 0, true); // VAALE1
                    default -> null;
                };
            }
            case 4 -> {
                return switch (op2) {
                    case 0, 4, 6 -> TlbInvalidation.ALL; // ALLE2, ALLE1, VMALLS12E1
                    case 1 -> new TlbInvalidation(Kind.BY_VA_ALL_ASID, va, 0, false); // VAE2
                    case 5 -> new TlbInvalidation(Kind.BY_VA_ALL_ASID, va, 0, true); // VALE2
                    default -> null;
                };
            }
            case 6 -> {
                return switch (op2) {
                    case 0 -> TlbInvalidation.ALL; // ALLE3
                    case 1 -> new TlbInvalidation(Kind.BY_VA_ALL_ASID, va, 0, false); // VAE3
                    case 5 -> new TlbInvalidation(Kind.BY_VA_ALL_ASID, va, 0, true); // VALE3
                    default -> null;
                };
            }
            default -> {
                return null;
            }
        }
    }
}
