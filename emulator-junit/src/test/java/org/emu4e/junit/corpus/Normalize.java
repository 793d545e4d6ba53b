package org.emu4e.junit.corpus;

import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The transcript rules of the corpus. Each replaces only text that legitimately differs between
 * two correct runs, and says why; both emulators' transcripts go through the same rules.
 */
final class Normalize {
    private Normalize() { }

    /** Carriage returns: the UART sends CR LF, the comparison is by line. */
    static String lines(String s) {
        return s.replace("\r", "");
    }

    /**
     * U-Boot's autoboot countdown: how many seconds it printed before the key arrived depends on
     * the host's speed, not on the guest.
     */
    static final UnaryOperator<String> AUTOBOOT_COUNTDOWN =
            rule("Hit any key to stop autoboot:[ 0-9\b]*", "Hit any key to stop autoboot: <countdown>");

    /** The PL031 RTC reads the host's clock: the date and time of the run. */
    static final UnaryOperator<String> RTC_TIME = rule(
            "(Date: )\\d{4}-\\d\\d-\\d\\d \\(\\w+\\)\\s+Time: +\\d+:\\d\\d:\\d\\d|"
                    + "(real time clock: )\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d",
            "$1$2<host clock>");

    /**
     * The CFI probe of the flash banks: QEMU's pflash answers CFI queries; emu4e's flash is
     * read-only and answers none, on purpose (emulator-engine/README.md, "Flash"), so U-Boot's
     * probe reports 64 MiB on QEMU and unknown banks on emu4e. Only the probe's own output is
     * replaced; reading the flash (U-Boot runs from it) is compared as everything else.
     */
    static final UnaryOperator<String> FLASH_PROBE = compose(
            rule("Flash: (## Unknown flash on Bank \\d - Size = 0x0+ = 0 MB\n)+0 Bytes|Flash: \\d+ MiB",
                    "Flash: <CFI probe>"),
            rule("(flashsize +=) 0x[0-9a-f]+", "$1 <CFI probe>"));

    /** Linux's printk timestamps: host speed. */
    static final UnaryOperator<String> KERNEL_TIMESTAMPS = rule("(?m)^\\[ *\\d+\\.\\d+\\] ", "");

    /** Durations and times Linux measures and prints: host speed. */
    static final UnaryOperator<String> KERNEL_TIMINGS = compose(
            rule("(deferred pages initialised in )\\d+ms", "$1<ms>ms"),
            rule("(audit\\()\\d+\\.\\d+:", "$1<time>:"),
            rule("(setting system clock to )\\S+ UTC \\(\\d+\\)", "$1<host clock>"),
            // printed only when a timer interrupt ran late, i.e. when the host was slow
            rule("(?m)^hrtimer: interrupt took \\d+ ns\\n", ""));

    /**
     * GICv3 as Linux sees it. GICD_TYPER.ITLinesNumber is IMPLEMENTATION DEFINED: QEMU 7.2's
     * GICv3 has 224 SPIs, emu4e's 256 (as both emulators' GICv2). emu4e's GICv3 has no LPIs
     * (GICD_TYPER.LPIS = 0, emulator-engine/README.md), so Linux does not look for an ITS and
     * does not print that it found none.
     */
    static final UnaryOperator<String> GICV3_SIZE = compose(
            rule("(GICv3: )\\d+( SPIs implemented)", "$1<n>$2"),
            rule("(?m)^ITS: No ITS available, not enabling LPIs\\n", ""));

    /**
     * PSCI's minor version: QEMU 7.2 implements DEN0022 1.1, emu4e 1.0. 1.1 adds only optional
     * functions (SYSTEM_RESET2, MEM_PROTECT), which neither implements; the function set and the
     * answers to PSCI_FEATURES are the same (tests/firmware/psci.c checks them on both).
     */
    static final UnaryOperator<String> PSCI_MINOR_VERSION = rule("PSCIv1\\.[01] detected", "PSCIv1.x detected");

    /**
     * AArch32: emu4e implements AArch64 only (the ARM ARM's ID_AA64PFR0_EL1: EL0 = EL1 = 0b0001, "AArch64 only"),
     * QEMU's Cortex-A53 also runs AArch32 at EL0 and EL1, so Linux reports 32-bit support and the
     * SETEND emulation only there.
     */
    static final UnaryOperator<String> AARCH32 = compose(
            rule("(?m)^CPU features: detected: 32-bit EL[01] Support\n", ""),
            rule("(?m)^(Registered setend emulation handler"
                            + "|setend instruction emulation is not supported on this system)$",
                    "<setend: AArch32 EL0 only>"));

    @SafeVarargs
    static UnaryOperator<String> compose(UnaryOperator<String>... rules) {
        return s -> {
            String r = lines(s);
            for (UnaryOperator<String> u : rules) {
                r = u.apply(r);
            }
            return r;
        };
    }

    static UnaryOperator<String> rule(String regex, String replacement) {
        Pattern p = Pattern.compile(regex);
        return s -> p.matcher(s).replaceAll(replacement);
    }
}
