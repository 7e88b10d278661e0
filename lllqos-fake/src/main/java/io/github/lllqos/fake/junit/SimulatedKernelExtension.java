package io.github.lllqos.fake.junit;

import io.github.lllqos.fake.InstalledKernel;
import io.github.lllqos.fake.KernelProfile;
import io.github.lllqos.fake.SimulatedKernel;
import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test a fresh {@link SimulatedKernel}, installed for the {@code fake} provider, and restores the
 * previous one afterwards. Declare a {@code SimulatedKernel} parameter to inspect it or simulate failures:
 *
 * <pre>{@code
 * @ExtendWith(SimulatedKernelExtension.class)
 * class TradingLoopTest {
 *     @Test
 *     void the_loop_holds_a_low_latency_request_while_it_runs(SimulatedKernel kernel) {
 *         try (CpuLatencyLease lease = LowLatency.lowWakeupLatency(10)) {
 *             assertThat(kernel.cpuLatencyQos().limit()).isEqualTo(10);
 *         }
 *         assertThat(kernel.cpuLatencyQos().requests()).isEmpty();
 *     }
 * }
 * }</pre>
 *
 * <p>{@link WithKernelProfile} on the test method or class chooses another kernel generation.
 */
public final class SimulatedKernelExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SimulatedKernelExtension.class);
    private static final String KERNEL = "kernel";
    private static final String PREVIOUS = "previous";

    /** Creates the extension; JUnit calls this. */
    public SimulatedKernelExtension() {
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        SimulatedKernel kernel = new SimulatedKernel(profile(context));
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        store.put(PREVIOUS, InstalledKernel.install(kernel));
        store.put(KERNEL, kernel);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        SimulatedKernel previous = context.getStore(NAMESPACE).remove(PREVIOUS, SimulatedKernel.class);
        if (previous != null) {
            InstalledKernel.install(previous);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == SimulatedKernel.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        SimulatedKernel kernel = extensionContext.getStore(NAMESPACE).get(KERNEL, SimulatedKernel.class);
        return kernel != null ? kernel : InstalledKernel.get();
    }

    private static KernelProfile profile(ExtensionContext context) {
        return annotation(context.getTestMethod().map(AnnotatedElement.class::cast))
                .or(() -> context.getTestClass().flatMap(SimulatedKernelExtension::enclosingProfile))
                .map(WithKernelProfile::value)
                .orElse(KernelProfile.CURRENT);
    }

    private static Optional<WithKernelProfile> enclosingProfile(Class<?> testClass) {
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            WithKernelProfile profile = type.getAnnotation(WithKernelProfile.class);
            if (profile != null) {
                return Optional.of(profile);
            }
        }
        return Optional.empty();
    }

    private static Optional<WithKernelProfile> annotation(Optional<AnnotatedElement> element) {
        return element.map(annotated -> annotated.getAnnotation(WithKernelProfile.class));
    }
}
