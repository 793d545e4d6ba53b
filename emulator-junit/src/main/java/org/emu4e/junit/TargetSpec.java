package org.emu4e.junit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What to boot: the programmatic form of {@link EmulatedTarget}, for
 * {@link TargetHandle#boot(TargetSpec)} and {@link EmulatedTargetExtension#with(TargetSpec)}.
 */
public final class TargetSpec {
    private final String kernel;
    private int smp = 1;
    private long memoryBytes = 128L << 20;
    private int gic = 2;
    private String append = "";
    private boolean gdb;

    private TargetSpec(String kernel) {
        this.kernel = kernel;
    }

    public static TargetSpec kernel(String path) {
        return new TargetSpec(path);
    }

    static TargetSpec of(EmulatedTarget a) {
        return kernel(a.kernel()).smp(a.smp()).memory(a.memory()).gic(a.gic()).append(a.append()).gdb(a.gdb());
    }

    public TargetSpec smp(int n) {
        if (n < 1 || n > 64) {
            throw new IllegalArgumentException("smp must be 1..64 (more than 8 needs gic = 3), was " + n);
        }
        this.smp = n;
        return this;
    }

    public TargetSpec memory(String size) {
        this.memoryBytes = parseSize(size);
        return this;
    }

    public TargetSpec gic(int version) {
        if (version != 2 && version != 3) {
            throw new IllegalArgumentException("gic = " + version + ": the emu4e virt board has GICv2 and GICv3");
        }
        this.gic = version;
        return this;
    }

    public TargetSpec append(String cmdline) {
        this.append = cmdline;
        return this;
    }

    public TargetSpec gdb(boolean startStub) {
        this.gdb = startStub;
        return this;
    }

    public int smp() { return smp; }

    public long memoryBytes() { return memoryBytes; }

    public int gic() { return gic; }

    public String append() { return append; }

    public boolean gdb() { return gdb; }

    public String kernelName() { return kernel; }

    /** The kernel file, found as {@link EmulatedTarget#kernel()} says; a clear error if it is nowhere. */
    public Path resolveKernel() {
        Path p = Path.of(kernel);
        if (p.isAbsolute()) {
            if (Files.isRegularFile(p)) {
                return p;
            }
            throw new IllegalArgumentException("kernel " + p + " does not exist");
        }
        List<Path> tried = new ArrayList<>();
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path c = dir.resolve(p);
            if (Files.isRegularFile(c)) {
                return c;
            }
            tried.add(c);
        }
        throw new IllegalArgumentException("kernel " + kernel + " not found; looked at " + tried
                + " (build the firmware first, e.g. make -C tests/firmware)");
    }

    /** QEMU-style size: a number with an optional K, M, G or T suffix (binary units). */
    static long parseSize(String s) {
        String t = s.trim().toUpperCase(Locale.ROOT);
        if (t.endsWith("B")) {
            t = t.substring(0, t.length() - 1);
        }
        long mult = 1;
        if (!t.isEmpty()) {
            switch (t.charAt(t.length() - 1)) {
                case 'K' -> mult = 1L << 10;
                case 'M' -> mult = 1L << 20;
                case 'G' -> mult = 1L << 30;
                case 'T' -> mult = 1L << 40;
                default -> mult = 1;
            }
            if (mult != 1) {
                t = t.substring(0, t.length() - 1);
            }
        }
        try {
            long v = Long.parseLong(t) * mult;
            if (v <= 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("memory size '" + s + "' is not a size like 256M or 1G");
        }
    }

    @Override
    public String toString() {
        return "kernel=" + kernel + " smp=" + smp + " memory=" + (memoryBytes >> 20) + "M gic=" + gic;
    }
}
