package io.github.lllqos.realtime;

import io.github.lllqos.internal.ProviderRegistry;
import io.github.lllqos.spi.LowLatencyProvider;
import io.github.lllqos.spi.RealtimeBackend;
import io.github.lllqos.spi.support.UnsupportedRealtime;

/**
 * The real-time backend of the selected provider, shared by {@link Realtime} and {@link Periodic}: the provider's
 * own, or, where it fails to start, one without real-time support that says why.
 */
final class SelectedBackend {

    private SelectedBackend() {
    }

    /** Made on first use. */
    private static final class Selected {
        static final RealtimeBackend BACKEND = of(ProviderRegistry.provider());
    }

    /** The selected provider's backend, made on first use. */
    static RealtimeBackend get() {
        return Selected.BACKEND;
    }

    /** The provider's backend; a provider that throws instead has none, and the reason names it and the failure. */
    static RealtimeBackend of(LowLatencyProvider provider) {
        try {
            return provider.realtime();
        } catch (RuntimeException | LinkageError e) {
            return new UnsupportedRealtime("provider '" + provider.name() + "' failed to start its real-time"
                    + " support: " + e);
        }
    }
}
