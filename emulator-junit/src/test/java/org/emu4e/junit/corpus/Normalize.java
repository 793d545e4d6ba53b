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
