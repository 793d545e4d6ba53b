package org.emu4e.engine.board.virt;

import java.lang.management.ManagementFactory;

/**
 * How much guest RAM this JVM can give: guest RAM lives in direct buffers, which the JVM caps at
 * {@code -XX:MaxDirectMemorySize} (by default the maximum heap size). Read from the JVM's input
 * arguments ({@code java.lang.management}, a few ms; the HotSpot diagnostic MBean costs ~0.3 s).
 */
final class HostMemory {
    private static final String OPTION = "-XX:MaxDirectMemorySize=";

    private HostMemory() { }

    /** The direct-memory limit in bytes, or -1 when this JVM does not say. */
    static long directMemoryLimit() {
        long limit = 0;
        try {
            for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (arg.startsWith(OPTION)) {
                    limit = parse(arg.substring(OPTION.length())); // the last one wins, as for the JVM
                }
            }
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
        return limit > 0 ? limit : Runtime.getRuntime().maxMemory();
    }

    /** A HotSpot size: digits with an optional k, m, g or t suffix; -1 if malformed. */
    static long parse(String v) {
        if (v.isEmpty()) {
            return -1;
        }
        int shift = switch (Character.toLowerCase(v.charAt(v.length() - 1))) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            default -> 0;
        };
        try {
            long n = Long.parseLong(shift == 0 ? v : v.substring(0, v.length() - 1));
            return n < 0 || n > (Long.MAX_VALUE >> shift) ? -1 : n << shift;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Checks that {@code ramSize} bytes of guest RAM fit under the direct-memory limit.
     *
     * @throws IllegalStateException with a message for the user when they do not
     */
    static void checkGuestRam(long ramSize) {
        long limit = directMemoryLimit();
        if (limit >= 0 && ramSize > limit) {
            throw new IllegalStateException(String.format("cannot provide %d MiB of guest RAM: this JVM allows %d MiB "
                    + "of direct memory; use a smaller -m or run java with -XX:MaxDirectMemorySize=%dm "
                    + "(the ./emu4e launcher sets it to the host's memory)", ramSize >> 20, limit >> 20,
                    (ramSize + (1 << 20) - 1) >> 20));
        }
    }
}
