package org.emu4e.engine.board.virt;

import java.lang.management.ManagementFactory;

import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

/**
 * How much guest RAM this JVM can give: guest RAM lives in direct buffers, which the JVM caps at
 * {@code -XX:MaxDirectMemorySize} (by default the maximum heap size). Read through the platform
 * MBean server so the engine needs no {@code com.sun.management} import (it also runs in OSGi).
 */
final class HostMemory {
    private HostMemory() { }

    /** The direct-memory limit in bytes, or -1 when this JVM does not say. */
    static long directMemoryLimit() {
        try {
            var server = ManagementFactory.getPlatformMBeanServer();
            Object r = server.invoke(new ObjectName("com.sun.management:type=HotSpotDiagnostic"), "getVMOption",
                    new Object[] {"MaxDirectMemorySize"}, new String[] {String.class.getName()});
            long v = Long.parseLong((String) ((CompositeData) r).get("value"));
            return v > 0 ? v : Runtime.getRuntime().maxMemory();
        } catch (Exception | LinkageError e) {
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
