package org.emu4e.ui.internal.handlers;

import org.eclipse.core.expressions.PropertyTester;
import org.emu4e.core.VcpuTarget;

/**
 * Properties of a selection (or of the active view) for command enablement, read from the
 * engine without blocking: {@code isVcpu} (names at least one vCPU of a registered machine),
 * {@code canHalt} / {@code canResume} (some selected vCPU's PMU halt line is released /
 * asserted), {@code singleVcpu}, {@code anyHalted} (a halt line of the machine is asserted),
 * {@code hasMachine}.
 */
public final class VcpuPropertyTester extends PropertyTester {
    public static final String NAMESPACE = "org.emu4e.ui.vcpu";
    /** Every property; views ask for re-evaluation after state changes. */
    public static final String[] PROPERTIES = { NAMESPACE + ".isVcpu", NAMESPACE + ".canHalt",
            NAMESPACE + ".canResume", NAMESPACE + ".singleVcpu", NAMESPACE + ".anyHalted", NAMESPACE + ".hasMachine" };

    @Override
    public boolean test(Object receiver, String property, Object[] args, Object expectedValue) {
        try {
            return test(Targets.of(receiver), property);
        } catch (RuntimeException e) {
            return false; // a machine shutting down (or one without a PMU) offers no command
        }
    }

    private static boolean test(Targets t, String property) {
        return switch (property) {
            case "isVcpu" -> !t.vcpus().isEmpty();
            case "canHalt" -> t.vcpus().stream().anyMatch(v -> !haltAsserted(v));
            case "canResume" -> t.vcpus().stream().anyMatch(VcpuPropertyTester::haltAsserted);
            case "singleVcpu" -> t.vcpus().size() == 1;
            case "anyHalted" -> t.anyHaltAsserted();
            case "hasMachine" -> !t.machines().isEmpty();
            default -> false;
        };
    }

    private static boolean haltAsserted(VcpuTarget v) {
        return v.machine().machine().pmu().isHaltAsserted(v.cpu());
    }
}
