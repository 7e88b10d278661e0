package io.github.lllqos.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lllqos.spi.CpuLatencyQos;
import io.github.lllqos.spi.LowLatencyProvider;
import io.github.lllqos.spi.RealtimeBackend;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SelectedBackendTest {

    @Test
    void a_provider_that_starts_its_backend_gives_it() {
        RecordingBackend backend = new RecordingBackend();

        assertThat(SelectedBackend.of(provider(() -> backend))).isSameAs(backend);
    }

    @Test
    void a_provider_whose_backend_fails_to_start_gives_one_without_support_that_names_it_and_the_failure() {
        RealtimeBackend backend = SelectedBackend.of(provider(() -> {
            throw new UnsatisfiedLinkError("libc.so.6: cannot open");
        }));

        assertThat(backend.unsupportedReason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("provider 'broken' failed to start its real-time support", "libc.so.6: cannot open"));
        assertThat(new RealtimeControl(backend, 1).pin(0, Set.of(0)).notAppliedReason())
                .isEqualTo(backend.unsupportedReason());
    }

    @Test
    void errors_that_are_no_linkage_failure_are_not_hidden() {
        assertThatThrownBy(() -> SelectedBackend.of(provider(() -> {
            throw new OutOfMemoryError("test");
        }))).isInstanceOf(OutOfMemoryError.class);
    }

    private static LowLatencyProvider provider(Supplier<RealtimeBackend> realtime) {
        return new LowLatencyProvider() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public int priority() {
                return 0;
            }

            @Override
            public Optional<String> unavailableReason() {
                return Optional.empty();
            }

            @Override
            public CpuLatencyQos cpuLatencyQos() {
                throw new UnsupportedOperationException("not needed here");
            }

            @Override
            public RealtimeBackend realtime() {
                return realtime.get();
            }
        };
    }
}
