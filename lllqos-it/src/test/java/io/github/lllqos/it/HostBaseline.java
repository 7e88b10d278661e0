package io.github.lllqos.it;

import io.github.lllqos.contract.RealEnvironment;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Requires the host's real device (skipping the class with a reason, or failing it under
 * {@code -Dlllqos.require=real}), records its effective CPU latency before the class, and fails the class unless
 * the value is back there afterwards (see {@link HostCpuLatency#awaitBackTo}): no container or process of the
 * suite may leave a request behind.
 */
final class HostBaseline implements BeforeAllCallback, AfterAllCallback {

    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(HostBaseline.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        RealEnvironment.requireCpuDmaLatency();
        context.getStore(NAMESPACE).put("baseline", HostCpuLatency.effective());
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        Integer baseline = context.getStore(NAMESPACE).get("baseline", Integer.class);
        if (baseline == null) {
            return; // no device: the class was skipped or failed saying so
        }
        HostCpuLatency.awaitBackTo(baseline, SETTLE_TIMEOUT,
                () -> "the host's value was " + baseline + " µs before " + context.getDisplayName());
    }
}
