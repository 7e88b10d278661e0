package io.github.lllqos.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.Refusal;
import io.github.lllqos.contract.RecordedLog;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the registry logs of a selection when a facade first uses it, through the JDK's default logging. */
class ProviderRegistryLogTest {

    private final RecordedLog log = RecordedLog.of(ProviderRegistry.class);

    @AfterEach
    void stop_recording() {
        log.close();
    }

    @Test
    void a_misconfigured_selection_is_logged_as_one_error_with_its_reason() {
        Selection misspelled = ProviderRegistry.select(List.of(), Map.of(), "nonsense");

        ProviderRegistry.logMisconfiguration(misspelled);

        assertThat(log.records).singleElement().satisfies(record -> {
            assertThat(record.getLevel()).isEqualTo(Level.SEVERE);
            assertThat(record.getMessage()).isEqualTo(misspelled.misconfiguration().map(Refusal::message)
                    .orElseThrow()).startsWith("-Dlllqos.provider=nonsense names no provider");
        });
    }

    @Test
    void selecting_a_misspelled_provider_logs_nothing_by_itself_so_a_program_that_reports_it_says_it_once() {
        ProviderRegistry.select(List.of(), Map.of(), "nonsense");

        assertThat(log.records).isEmpty();
    }

    @Test
    void a_selection_that_is_configured_right_logs_nothing() {
        ProviderRegistry.logMisconfiguration(ProviderRegistry.select(List.of(), Map.of(), "none"));

        assertThat(log.records).isEmpty();
    }
}
