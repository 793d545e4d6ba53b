package org.emu4e.junit;

import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit 5 extension behind {@link EmulatedTarget}: boots a target per test (or per class),
 * injects {@link TargetHandle}, always shuts it down (JUnit closes the store entry that holds it,
 * whatever the outcome), and on failure attaches the last UART
 * lines and the power trace to the failure and writes them to
 * {@code <reportDir>/<class>.<method>.emu4e.txt} ({@code reportDir} from the system property
 * {@code emu4e.reportDir}, else {@code target/surefire-reports}).
 *
 * <p>Use it through the annotation, or register it for a programmatic spec:
 * {@code @RegisterExtension static EmulatedTargetExtension t = EmulatedTargetExtension.with(spec);}
 */
public final class EmulatedTargetExtension
        implements ParameterResolver, TestExecutionExceptionHandler {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(EmulatedTargetExtension.class);
    private static final String KEY = "target";

    private final TargetSpec fixedSpec;
    private final EmulatedTarget.Lifecycle fixedLifecycle;

    /** Used by {@code @ExtendWith} through {@link EmulatedTarget}. */
    public EmulatedTargetExtension() {
        this(null, null);
    }

    private EmulatedTargetExtension(TargetSpec spec, EmulatedTarget.Lifecycle lifecycle) {
        this.fixedSpec = spec;
        this.fixedLifecycle = lifecycle;
    }

    /** An extension that boots {@code spec} for every test method. */
    public static EmulatedTargetExtension with(TargetSpec spec) {
        return new EmulatedTargetExtension(spec, EmulatedTarget.Lifecycle.PER_METHOD);
    }

    /** An extension that boots {@code spec} once for the whole class. */
    public static EmulatedTargetExtension perClass(TargetSpec spec) {
        return new EmulatedTargetExtension(spec, EmulatedTarget.Lifecycle.PER_CLASS);
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext ctx) {
        return p.getParameter().getType() == TargetHandle.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext ctx) {
        Resolved r = resolve(ctx);
        // PER_CLASS targets live in the class context's store, per-method ones in the method's.
        ExtensionContext owner = r.lifecycle == EmulatedTarget.Lifecycle.PER_CLASS ? classContext(ctx) : ctx;
        Holder h = owner.getStore(NS).getOrComputeIfAbsent(KEY, k -> new Holder(TargetHandle.boot(r.spec)), Holder.class);
        return h.target;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext ctx, Throwable failure) throws Throwable {
        TargetHandle t = current(ctx);
        if (t != null) {
            String report = t.report();
            failure.addSuppressed(new TargetReport(report));
            writeReport(ctx, report);
        }
        throw failure;
    }

    private TargetHandle current(ExtensionContext ctx) {
        Holder h = ctx.getStore(NS).get(KEY, Holder.class);
        if (h == null) {
            ExtensionContext c = classContext(ctx);
            h = c == null ? null : c.getStore(NS).get(KEY, Holder.class);
        }
        return h == null ? null : h.target;
    }

    private static ExtensionContext classContext(ExtensionContext ctx) {
        ExtensionContext c = ctx;
        while (c != null && c.getTestMethod().isPresent()) {
            c = c.getParent().orElse(null);
        }
        return c;
    }

    private record Resolved(TargetSpec spec, EmulatedTarget.Lifecycle lifecycle) { }

    private Resolved resolve(ExtensionContext ctx) {
        if (fixedSpec != null) {
            return new Resolved(fixedSpec, fixedLifecycle);
        }
        Optional<EmulatedTarget> a = ctx.getTestMethod().flatMap(m -> find(m))
                .or(() -> ctx.getTestClass().flatMap(c -> find(c)));
        EmulatedTarget at = a.orElseThrow(() -> new ParameterResolutionException(
                "TargetHandle needs @EmulatedTarget on the test method or class, or EmulatedTargetExtension.with(spec)"));
        boolean onMethod = ctx.getTestMethod().flatMap(m -> find(m)).isPresent();
        EmulatedTarget.Lifecycle lc = onMethod ? EmulatedTarget.Lifecycle.PER_METHOD : at.lifecycle();
        return new Resolved(TargetSpec.of(at), lc);
    }

    private static Optional<EmulatedTarget> find(AnnotatedElement e) {
        return AnnotationSupport.findAnnotation(e, EmulatedTarget.class);
    }

    private static void writeReport(ExtensionContext ctx, String report) {
        String dir = System.getProperty("emu4e.reportDir", "target/surefire-reports");
        String name = ctx.getTestClass().map(Class::getName).orElse("unknown")
                + ctx.getTestMethod().map(m -> "." + m.getName()).orElse("") + ".emu4e.txt";
        try {
            Path d = Path.of(dir);
            Files.createDirectories(d);
            Files.writeString(d.resolve(name), report);
        } catch (IOException e) {
            System.err.println("emu4e: could not write the target report to " + dir + ": " + e);
        }
    }

    /** Store entry that shuts its target down when JUnit closes the store. */
    private static final class Holder implements ExtensionContext.Store.CloseableResource {
        final TargetHandle target;

        Holder(TargetHandle target) {
            this.target = target;
        }

        @Override
        public void close() {
            target.close();
        }
    }

    /** Attached to a failing test's exception: the target's UART tail and power trace. */
    public static final class TargetReport extends RuntimeException {
        TargetReport(String report) {
            super("\n" + report, null, false, false);
        }
    }
}
