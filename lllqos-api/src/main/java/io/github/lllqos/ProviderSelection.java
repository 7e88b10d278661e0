package io.github.lllqos;

import io.github.lllqos.internal.ProviderRegistry;
import io.github.lllqos.internal.Selection;
import io.github.lllqos.spi.LowLatencyProvider;
import java.util.Map;
import java.util.Optional;

/**
 * Which provider lllqos chose and why the others were passed over; print it with {@link #report()}.
 *
 * <p>The order: the provider named by the system property {@value #PROPERTY}; else a simulated provider, if one
 * is present; else the available provider with the highest priority; else {@code none}, whose leases are not
 * acquired and say why.
 */
public final class ProviderSelection {

    /** The system property that names the provider to use, such as {@code -Dlllqos.provider=fake}. */
    public static final String PROPERTY = ProviderRegistry.PROPERTY;

    private final LowLatencyProvider chosen;
    private final String why;
    private final Map<String, String> passedOver;
    private final Optional<Refusal> misconfiguration;

    ProviderSelection(Selection selection) {
        this.chosen = selection.provider();
        this.why = selection.why();
        this.passedOver = selection.passedOver();
        this.misconfiguration = selection.misconfiguration();
    }

    /**
     * Whether lllqos is configured wrongly: {@value #PROPERTY} names no provider (a misspelling such as
     * {@code LINUX}). Then the provider is {@code none}, every lease gives this reason, and programs should say so
     * loudly: the {@code lllqos} command exits with an error. A program that uses a facade without asking gets the
     * reason logged as an error once, at that first use.
     *
     * @return the refusal of kind {@link Refusal.Kind#MISCONFIGURED}, naming the known providers; empty when the
     *     configuration is right
     */
    public Optional<Refusal> misconfiguration() {
        return misconfiguration;
    }

    /**
     * The chosen provider's name.
     *
     * @return such as {@code "linux"}, {@code "fake"} or {@code "none"}
     */
    public String chosenName() {
        return chosen.name();
    }

    /**
     * The chosen provider itself, for tools that show what the kernel reports through it, as {@code lllqos status}
     * does: under a simulated kernel, everything it offers is simulated. Applications use the facades instead.
     *
     * @return the provider every facade uses
     */
    public LowLatencyProvider chosen() {
        return chosen;
    }

    /**
     * How the chosen provider works here, as it says.
     *
     * @return such as which native layer carries its calls and why; empty when it says nothing
     */
    public Optional<String> chosenDetail() {
        try {
            return chosen.detail();
        } catch (RuntimeException | LinkageError e) {
            return Optional.of("cannot tell: " + e);
        }
    }

    /**
     * Why the chosen provider was chosen.
     *
     * @return such as {@code "lllqos.provider=fake"}
     */
    public String why() {
        return why;
    }

    /**
     * The providers that were not chosen, with the reason for each.
     *
     * @return provider name to reason, in the order they were found
     */
    public Map<String, String> passedOver() {
        return passedOver;
    }

    /**
     * A human-readable account of the selection.
     *
     * @return several lines: the chosen provider and why, how it works here (such as its native layer), then
     *     each provider passed over and why
     */
    public String report() {
        StringBuilder report = new StringBuilder("provider: ").append(chosen.name()).append(" (").append(why)
                .append(')');
        chosenDetail().ifPresent(detail -> report.append(System.lineSeparator()).append("  ").append(detail));
        passedOver.forEach((name, reason) -> report.append(System.lineSeparator()).append("  passed over ")
                .append(name).append(": ").append(reason));
        return report.toString();
    }

    @Override
    public String toString() {
        return report();
    }
}
