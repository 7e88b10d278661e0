package io.github.lllqos.internal;

import io.github.lllqos.spi.LowLatencyProvider;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

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
}
