package io.github.lllqos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lllqos.internal.ProviderRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RefusalTest {

    @Test
    void every_errno_is_found_by_its_linux_number_and_unknown_numbers_are_named_by_number() {
        for (Errno errno : Errno.values()) {
            assertThat(Errno.ofNumber(errno.number())).contains(errno);
        }
        assertThat(Errno.EPERM.number()).isEqualTo(1);
        assertThat(Errno.EINVAL.number()).isEqualTo(22);
        assertThat(Errno.ofNumber(0)).isEmpty();
        assertThat(Errno.ofNumber(-1)).isEmpty();
        assertThat(Errno.nameOf(133)).isEqualTo("errno 133");
        assertThat(Errno.nameOf(13)).isEqualTo("EACCES");
    }

    @Test
    void an_errno_decides_the_kind_of_a_refused_call() {
        assertThat(Refusal.forErrno(Errno.EPERM, "x").kind()).isEqualTo(Refusal.Kind.PERMISSION);
        assertThat(Refusal.forErrno(Errno.EACCES, "x").kind()).isEqualTo(Refusal.Kind.PERMISSION);
        assertThat(Refusal.forErrno(Errno.ENOENT, "x").kind()).isEqualTo(Refusal.Kind.UNSUPPORTED);
        assertThat(Refusal.forErrno(Errno.EBUSY, "x").kind()).isEqualTo(Refusal.Kind.REJECTED);
        assertThat(Refusal.forErrno(Errno.EIO, "x").kind()).isEqualTo(Refusal.Kind.FAILED);
        assertThat(Refusal.forErrno(Errno.EINVAL, "x").errno()).contains(Errno.EINVAL);
    }

    @Test
    void a_lease_of_an_unknown_provider_name_is_refused_as_misconfigured() {
        CpuLatencyLease lease = CpuLatencyLease.acquire(
                ProviderRegistry.select(List.of(), Map.of(), "nonsense").provider().cpuLatencyQos(), 0);

        assertThat(lease.acquired()).isFalse();
        assertThat(lease.refusal()).hasValueSatisfying(refusal -> {
            assertThat(refusal.kind()).isEqualTo(Refusal.Kind.MISCONFIGURED);
            assertThat(refusal.message()).contains("nonsense");
        });
        assertThatThrownBy(lease::requireAcquired).isInstanceOf(LowLatencyException.class)
                .hasMessageContaining("nonsense");
    }

    @Test
    void an_outcome_that_was_not_applied_carries_its_refusal_and_throws_it_on_demand() {
        Outcome<Long> outcome = Outcome.notApplied(5L, Refusal.of(Refusal.Kind.PERMISSION, Errno.EPERM, "no"));

        assertThat(outcome.applied()).isFalse();
        assertThat(outcome.errno()).contains(Errno.EPERM);
        assertThat(outcome.notAppliedReason()).contains("no");
        assertThatThrownBy(outcome::requireApplied).isInstanceOfSatisfying(LowLatencyException.class,
                e -> assertThat(e.errno()).contains(Errno.EPERM));
        assertThat(Outcome.applied(3L).refusal()).isEmpty();
    }
}
