package org.emu4e.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Boots firmware on an emulated {@code virt} board for a test and injects a {@link TargetHandle}
 * parameter. On a class it applies to every test method (a method annotation overrides it).
 * The machine is always shut down afterwards, also when the test fails or times out.
 *
 * <pre>{@code
 * @EmulatedTarget(kernel = "tests/firmware/build/pmu-handshake.elf", smp = 2)
 * class PmuTest {
 *     @Test
 *     void haltIsReported(TargetHandle t) {
 *         t.uart().expectLine("firmware ready", Duration.ofSeconds(10));
 *         t.pmu().halt(1);
 *         t.uart().expectLine("core 1 halted.*", Duration.ofSeconds(10));
 *     }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(EmulatedTargetExtension.class)
public @interface EmulatedTarget {
    /**
     * The ELF, Linux {@code Image} or raw binary to boot. A relative path is looked up in the
     * working directory and then in each of its parents, so a Tycho test bundle or a Maven
     * module can name a file relative to the repository root.
     */
    String kernel();

    /** Number of vCPUs (one host thread each): 1..8 with GICv2, 1..64 with GICv3. */
    int smp() default 1;

    /** RAM size, QEMU style: {@code 256M}, {@code 1G}, or bytes. */
    String memory() default "128M";

    /** GIC version: 2 (QEMU's default, up to 8 vCPUs) or 3 (up to 64). */
    int gic() default 2;

    /** Kernel command line for the device tree's /chosen/bootargs. */
    String append() default "";

    /** One machine per test method (default) or one shared by all tests of the class. */
    Lifecycle lifecycle() default Lifecycle.PER_METHOD;

    /** Start the GDB stub at boot (otherwise it starts on the first {@link TargetHandle#gdbPort()}). */
    boolean gdb() default false;

    /** When to share a machine between tests. */
    enum Lifecycle { PER_METHOD, PER_CLASS }
}
