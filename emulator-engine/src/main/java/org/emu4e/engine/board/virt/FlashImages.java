package org.emu4e.engine.board.virt;

import java.nio.file.Path;

/**
 * What goes into the two flash banks (QEMU: {@code -bios FILE} or {@code -drive if=pflash,unit=0,file=FILE}
 * for bank 0, {@code unit=1} for bank 1). A bank without an image reads as zeroes. With an image in
 * bank 0 and no kernel, the boot CPU starts at the flash base (QEMU virt's firmware boot).
 *
 * @param unit0 image of bank 0 (firmware), or null
 * @param unit1 image of bank 1, or null
 */
public record FlashImages(Path unit0, Path unit1) {
    public static final FlashImages NONE = new FlashImages(null, null);

    public FlashImages withUnit(int unit, Path file) {
        return unit == 0 ? new FlashImages(file, unit1) : new FlashImages(unit0, file);
    }

    /** True when bank 0 holds firmware to boot. */
    public boolean hasFirmware() { return unit0 != null; }
}
