package io.github.lllqos;

import io.github.lllqos.internal.ProviderRegistry;
import io.github.lllqos.internal.Selection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderSelectionTest {

    private final TestProvider linux = new TestProvider("linux", 100, false, null);
    private final TestProvider other = new TestProvider("other", 10, false, null);
    private final TestProvider fake = new TestProvider("fake", 0, true, null);
    private final TestProvider broken = new TestProvider("broken", 1000, false, "no device here");

    @Test
    void the_available_provider_with_the_highest_priority_wins() {
        Selection chosen = ProviderRegistry.select(List.of(other, broken, linux), Map.of(), null);
        ProviderSelection selection = new ProviderSelection(chosen);

        assertThat(selection.chosenName()).isEqualTo("linux");
        assertThat(selection.passedOver()).containsEntry("broken", "no device here")
                .containsKey("other");
    }

    @Test
    void a_simulated_provider_is_preferred_whatever_its_priority() {
        Selection chosen = ProviderRegistry.select(List.of(linux, fake), Map.of(), null);
        ProviderSelection selection = new ProviderSelection(chosen);

        assertThat(selection.chosenName()).isEqualTo("fake");
        assertThat(selection.why()).contains("simulated");
        assertThat(selection.passedOver()).containsKey("linux");
    }

    @Test
    void the_system_property_names_the_provider_first() {
        Selection chosen = ProviderRegistry.select(List.of(linux, fake, other), Map.of(), "other");
        ProviderSelection selection = new ProviderSelection(chosen);

        assertThat(selection.chosenName()).isEqualTo("other");
        assertThat(selection.why()).isEqualTo("lllqos.provider=other");
    }

    @Test
    void a_requested_provider_that_is_unavailable_gives_leases_its_reason() {
        Selection chosen = ProviderRegistry.select(List.of(linux, broken), Map.of(), "broken");
        ProviderSelection selection = new ProviderSelection(chosen);

        assertThat(selection.chosenName()).isEqualTo("none");
        CpuLatencyLease lease = CpuLatencyLease.acquire(chosen.provider().cpuLatencyQos(), 0);
        assertThat(lease.acquired()).isFalse();
        assertThat(lease.notAcquiredReason()).hasValueSatisfying(reason ->
                assertThat(reason).contains("lllqos.provider=broken").contains("no device here"));
    }

    @Test
    void a_requested_name_that_matches_nothing_is_reported_with_the_names_present() {
        Selection chosen = ProviderRegistry.select(List.of(linux, fake), Map.of(), "fkae");
        ProviderSelection selection = new ProviderSelection(chosen);

        assertThat(selection.chosenName()).isEqualTo("none");
        assertThat(selection.why()).contains("lllqos.provider=fkae").contains("linux, fake");
    }

    @Test
    void a_misspelled_provider_is_a_misconfiguration_naming_the_known_providers_and_every_lease_says_so() {
        Selection chosen = ProviderRegistry.select(List.of(linux, fake), Map.of(), "LINUX");
        ProviderSelection selection = new ProviderSelection(chosen);

        assertThat(selection.misconfiguration()).hasValueSatisfying(refusal -> {
            assertThat(refusal.kind()).isEqualTo(Refusal.Kind.MISCONFIGURED);
            assertThat(refusal.message()).startsWith("-Dlllqos.provider=LINUX names no provider: the known"
                    + " providers are linux, fake, none (names are case-sensitive: did you mean linux?)");
        });
        CpuLatencyLease lease = CpuLatencyLease.acquire(chosen.provider().cpuLatencyQos(), 0);
        assertThat(lease.refusal()).isEqualTo(selection.misconfiguration());
    }

    @Test
    void a_name_that_resembles_none_is_a_misconfiguration_without_a_guess() {
        ProviderSelection selection = new ProviderSelection(ProviderRegistry.select(List.of(linux), Map.of(),
                "nonsense"));

        assertThat(selection.misconfiguration()).hasValueSatisfying(refusal -> assertThat(refusal.message())
                .contains("the known providers are linux, none;").doesNotContain("did you mean"));
    }

    @Test
    void a_right_configuration_and_a_requested_none_are_no_misconfiguration() {
        assertThat(new ProviderSelection(ProviderRegistry.select(List.of(linux), Map.of(), null))
                .misconfiguration()).isEmpty();
        assertThat(new ProviderSelection(ProviderRegistry.select(List.of(linux), Map.of(), "none"))
                .misconfiguration()).isEmpty();
        assertThat(new ProviderSelection(ProviderRegistry.select(List.of(broken), Map.of(), "broken"))
                .misconfiguration()).as("named but unavailable").isEmpty();
    }

    @Test
    void none_can_be_requested_to_disable_requests() {
        Selection chosen = ProviderRegistry.select(List.of(linux), Map.of(), "none");
        ProviderSelection selection = new ProviderSelection(chosen);

        assertThat(selection.chosenName()).isEqualTo("none");
        assertThat(chosen.provider().cpuLatencyQos().effectiveLimit()).isEmpty();
    }

    @Test
    void with_nothing_available_the_none_provider_explains_every_reason() {
        Selection chosen = ProviderRegistry.select(List.of(broken),
                Map.of("provider #1", "failed to load: boom"), null);
        ProviderSelection selection = new ProviderSelection(chosen);

        assertThat(selection.chosenName()).isEqualTo("none");
        CpuLatencyLease lease = CpuLatencyLease.acquire(chosen.provider().cpuLatencyQos(), 0);
        assertThat(lease.notAcquiredReason()).hasValueSatisfying(reason ->
                assertThat(reason).contains("broken: no device here").contains("failed to load: boom"));
    }

    @Test
    void with_no_provider_at_all_the_reason_names_the_module_to_add() {
        Selection chosen = ProviderRegistry.select(List.of(), Map.of(), null);
        ProviderSelection selection = new ProviderSelection(chosen);

        assertThat(chosen.provider().unavailableReason()).hasValueSatisfying(reason ->
                assertThat(reason).contains("lllqos-linux"));
    }

    @Test
    void the_report_names_the_choice_and_each_provider_passed_over() {
        Selection chosen = ProviderRegistry.select(List.of(linux, broken), Map.of(), null);
        ProviderSelection selection = new ProviderSelection(chosen);

        assertThat(selection.report()).startsWith("provider: linux (")
                .contains("passed over broken: no device here");
    }

    @Test
    void the_facade_selects_the_none_provider_when_the_class_path_has_no_provider() {
        assertThat(LowLatency.providerName()).isEqualTo("none");
        try (CpuLatencyLease lease = LowLatency.lowWakeupLatency()) {
            assertThat(lease.acquired()).isFalse();
            assertThat(lease.notAcquiredReason()).isPresent();
        }
        assertThat(LowLatency.effectiveCpuLatency()).isEmpty();
    }
}
