package org.emu4e.engine.cli;

import java.nio.file.Path;

import org.emu4e.engine.board.virt.FlashImages;

/**
 * QEMU's {@code -drive} for the one interface emu4e has: {@code if=pflash,format=raw,file=FILE[,unit=0|1]}
 * ({@code readonly=on|off} accepted; flash is read-only either way). Without {@code unit} a drive takes
 * the first free bank, as QEMU does.
 */
final class PflashDrive {
    private PflashDrive() { }

    static FlashImages parse(String v, String flag, FlashImages flash) throws UsageException {
        String iface = null;
        String file = null;
        int unit = -1;
        for (String part : v.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new UsageException(flag + ": expected key=value, not '" + part + "'");
            }
            String key = part.substring(0, eq);
            String val = part.substring(eq + 1);
            switch (key) {
                case "if" -> iface = val;
                case "file" -> file = val;
                case "format" -> {
                    if (!val.equals("raw")) {
                        throw new UsageException(flag + ": only format=raw is supported, not '" + val + "'");
                    }
                }
                case "unit", "index" -> {
                    if (!val.equals("0") && !val.equals("1")) {
                        throw new UsageException(flag + ": pflash " + key + " must be 0 or 1, not '" + val + "'");
                    }
                    unit = Integer.parseInt(val);
                }
                case "readonly" -> {
                    if (!val.equals("on") && !val.equals("off")) {
                        throw new UsageException(flag + ": readonly must be on or off, not '" + val + "'");
                    }
                }
                default -> throw new UsageException(flag + ": unsupported drive property '" + key
                        + "' (supported: if=pflash, format=raw, file, unit, readonly)");
            }
        }
        if (!"pflash".equals(iface)) {
            throw new UsageException(flag + ": only if=pflash drives are supported, not '" + v + "'");
        }
        if (file == null || file.isEmpty()) {
            throw new UsageException(flag + ": missing file=FILE");
        }
        if (unit < 0) {
            unit = flash.unit0() == null ? 0 : flash.unit1() == null ? 1 : -1;
            if (unit < 0) {
                throw new UsageException(flag + ": both flash banks are already given");
            }
        }
        if ((unit == 0 ? flash.unit0() : flash.unit1()) != null) {
            throw new UsageException(flag + ": flash bank " + unit + " is already given (by -bios or -drive)");
        }
        return flash.withUnit(unit, Path.of(file));
    }
}
