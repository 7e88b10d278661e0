package io.github.lllqos.internal;

import io.github.lllqos.Refusal;
import io.github.lllqos.spi.LowLatencyProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Selects the provider once, and hands it to every facade ({@code LowLatency}, {@code Realtime},
 * {@code CpuIdle}, {@code Periodic}): the one place that knows how a provider is chosen.
 *
 * <p>The order: the provider named by the system property {@value #PROPERTY}; else a simulated provider, if one
 * is present; else the available provider with the highest priority; else {@code none}, whose leases are not
 * acquired and say why.
 */
public final class ProviderRegistry {

    /** The system property that names the provider to use, such as {@code -Dlllqos.provider=fake}. */
    public static final String PROPERTY = "lllqos.provider";

    private static final System.Logger LOG = System.getLogger(ProviderRegistry.class.getName());

    private ProviderRegistry() {
    }

    /** Made on first use. */
    private static final class Selected {
        static final Selection SELECTION = load();
    }

    /**
     * The selection of this class loader, made on first use.
     *
     * @return the chosen provider and why
     */
    public static Selection selection() {
        return Selected.SELECTION;
    }

    /** Made on the first use of a facade, once the selection is made. */
    private static final class InUse {
        static final LowLatencyProvider PROVIDER = logMisconfiguration(Selected.SELECTION).provider();
    }

    /**
     * The chosen provider, for the facades. The first call logs a misconfiguration ({@value #PROPERTY} naming no
     * provider) as an error, so that a program that uses lllqos without asking hears of it; a program that asks
     * {@link #selection()} first and reports it itself, as the {@code lllqos} command does, stops before a facade
     * and so says it once.
     *
     * @return the provider every facade uses
     */
    public static LowLatencyProvider provider() {
        return InUse.PROVIDER;
    }

    /**
     * Logs a misconfigured selection's reason as an error.
     *
     * @param selection the selection
     * @return it
     */
    static Selection logMisconfiguration(Selection selection) {
        selection.misconfiguration().ifPresent(refusal -> LOG.log(System.Logger.Level.ERROR, refusal.message()));
        return selection;
    }

    static Selection load() {
        List<LowLatencyProvider> found = new ArrayList<>();
        Map<String, String> failures = new LinkedHashMap<>();
        Iterator<LowLatencyProvider> providers =
                ServiceLoader.load(LowLatencyProvider.class, ProviderRegistry.class.getClassLoader()).iterator();
        for (int attempts = 0; attempts < 1000; attempts++) {
            try {
                if (!providers.hasNext()) {
                    break;
                }
                found.add(providers.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                failures.put("provider #" + (failures.size() + 1), "failed to load: " + e);
                LOG.log(System.Logger.Level.WARNING, "Skipping a lllqos provider that failed to load", e);
            }
        }
        Selection selection = select(found, failures, System.getProperty(PROPERTY));
        if (selection.provider().simulated()) {
            LOG.log(System.Logger.Level.WARNING, "lllqos uses the simulated kernel of provider '"
                    + selection.provider().name() + "': no request reaches the real kernel (" + selection.why() + ")");
        }
        return selection;
    }

    /**
     * Selects among loaded providers.
     *
     * @param found the providers that loaded
     * @param loadFailures descriptions of providers that failed to load, by a label
     * @param requested the value of {@value #PROPERTY}, or null
     */
    public static Selection select(List<LowLatencyProvider> found, Map<String, String> loadFailures,
                                    String requested) {
        Map<String, String> passedOver = new LinkedHashMap<>(loadFailures);
        Map<LowLatencyProvider, Optional<String>> usable = new LinkedHashMap<>();
        for (LowLatencyProvider provider : found) {
            try {
                usable.put(provider, provider.unavailableReason());
            } catch (RuntimeException | LinkageError e) {
                passedOver.put(provider.getClass().getName(), "failed to start: " + e);
            }
        }
        if (requested != null && !requested.isBlank()) {
            return selectRequested(requested.trim(), usable, passedOver);
        }
        Optional<LowLatencyProvider> simulated = usable.keySet().stream()
                .filter(LowLatencyProvider::simulated).findFirst();
        if (simulated.isPresent()) {
            return chosen(simulated.get(), "a simulated kernel is on the class path", usable, passedOver);
        }
        Optional<LowLatencyProvider> best = usable.entrySet().stream()
                .filter(entry -> entry.getValue().isEmpty())
                .map(Map.Entry::getKey)
                .max(Comparator.comparingInt(LowLatencyProvider::priority));
        if (best.isPresent()) {
            return chosen(best.get(), "the available provider with the highest priority", usable, passedOver);
        }
        usable.forEach((provider, reason) -> passedOver.put(provider.name(), reason.orElseThrow()));
        String reason = passedOver.isEmpty()
                ? "no lllqos provider is on the class path: add io.github.lllqos:lllqos-linux"
                : passedOver.entrySet().stream().map(entry -> entry.getKey() + ": " + entry.getValue())
                        .collect(Collectors.joining("; "));
        return new Selection(new NoProvider(Refusal.of(Refusal.Kind.UNSUPPORTED, reason)), "no provider is available",
                passedOver);
    }

    private static Selection selectRequested(String requested,
                                                     Map<LowLatencyProvider, Optional<String>> usable,
                                                     Map<String, String> passedOver) {
        String why = PROPERTY + "=" + requested;
        if (requested.equals(NoProvider.NAME)) {
            usable.keySet().forEach(other -> passedOver.put(other.name(), "not requested by " + why));
            return new Selection(new NoProvider(Refusal.of(Refusal.Kind.UNSUPPORTED, "disabled by " + why)), why, passedOver);
        }
        for (Map.Entry<LowLatencyProvider, Optional<String>> entry : usable.entrySet()) {
            LowLatencyProvider provider = entry.getKey();
            if (provider.name().equals(requested)) {
                if (entry.getValue().isPresent()) {
                    passedOver.put(provider.name(), entry.getValue().get());
                    return new Selection(new NoProvider(Refusal.of(Refusal.Kind.UNSUPPORTED,
                            why + " is unavailable: " + entry.getValue().get())),
                            why + ", which is unavailable", passedOver);
                }
                return chosen(provider, why, usable, passedOver);
            }
        }
        List<String> known = new ArrayList<>();
        usable.keySet().forEach(provider -> known.add(provider.name()));
        known.add(NoProvider.NAME);
        String sameButCase = known.stream().filter(name -> name.equalsIgnoreCase(requested)).findFirst()
                .map(name -> " (names are case-sensitive: did you mean " + name + "?)").orElse("");
        String reason = "-D" + why + " names no provider: the known providers are " + String.join(", ", known)
                + sameButCase + "; nothing is requested until it names one of them ('none' disables lllqos)";
        usable.keySet().forEach(other -> passedOver.put(other.name(), "not requested by " + why));
        return new Selection(new NoProvider(Refusal.of(Refusal.Kind.MISCONFIGURED, reason)), reason, passedOver);
    }

    private static Selection chosen(LowLatencyProvider chosen, String why,
                                            Map<LowLatencyProvider, Optional<String>> usable,
                                            Map<String, String> passedOver) {
        usable.forEach((provider, reason) -> {
            if (provider != chosen) {
                passedOver.put(provider.name(), reason.orElse("available, priority " + provider.priority()
                        + ", but not chosen"));
            }
        });
        return new Selection(chosen, why, passedOver);
    }
}
