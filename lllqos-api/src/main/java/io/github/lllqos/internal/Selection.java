package io.github.lllqos.internal;

import io.github.lllqos.Refusal;
import io.github.lllqos.spi.LowLatencyProvider;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of provider selection.
 *
 * @param provider the chosen provider ({@code none} when nothing applies)
 * @param why why it was chosen
 * @param passedOver every other provider, with why it was passed over
 */
public record Selection(LowLatencyProvider provider, String why, Map<String, String> passedOver) {

    /** Copies the map, so the selection cannot change afterwards. */
    public Selection {
        passedOver = Collections.unmodifiableMap(new LinkedHashMap<>(passedOver));
    }

    /**
     * Whether the selection is misconfigured: {@code -Dlllqos.provider} names no provider, so the provider is
     * {@code none} with a refusal of kind {@link Refusal.Kind#MISCONFIGURED}.
     *
     * @return that refusal, naming the known providers; empty when the configuration is right
     */
    public Optional<Refusal> misconfiguration() {
        return provider instanceof NoProvider none ? none.refusal().filter(refusal ->
                refusal.kind() == Refusal.Kind.MISCONFIGURED) : Optional.empty();
    }
}
