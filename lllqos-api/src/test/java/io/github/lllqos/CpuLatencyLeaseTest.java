package io.github.lllqos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lllqos.contract.RecordedLog;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

class CpuLatencyLeaseTest {

    private final TestProvider provider = new TestProvider("test", 1, false, null);

    @Test
    void require_acquired_throws_with_the_reason() {
        TestProvider refusing = new TestProvider("test", 1, false, "permission denied: add a udev rule");
        CpuLatencyLease lease = CpuLatencyLease.acquire(refusing, 7);

        assertThatThrownBy(lease::requireAcquired).isInstanceOf(LowLatencyException.class)
                .hasMessageContaining("7 µs").hasMessageContaining("add a udev rule");
    }

    @Test
    void a_lease_not_acquired_records_updates_until_closed() {
        TestProvider refusing = new TestProvider("test", 1, false, "no device");
        CpuLatencyLease lease = CpuLatencyLease.acquire(refusing, 7);

        lease.update(9);
        assertThat(lease.targetMicros()).isEqualTo(9);
        lease.close();
        assertThatThrownBy(() -> lease.update(3)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void held_targets_list_the_leases_that_hold_a_request_with_their_current_targets() {
        List<Integer> before = CpuLatencyLease.heldTargets();
        CpuLatencyLease first = CpuLatencyLease.acquire(provider, 50);
        CpuLatencyLease refused = CpuLatencyLease.acquire(new TestProvider("test", 1, false, "no device"), 7);
        CpuLatencyLease second = CpuLatencyLease.acquire(provider, 0);
        try {
            assertThat(added(before)).containsExactly(50, 0);
            first.update(20);
            assertThat(added(before)).containsExactly(20, 0);
            first.close();
            assertThat(added(before)).containsExactly(0);
        } finally {
            first.close();
            refused.close();
            second.close();
        }
        assertThat(added(before)).isEmpty();
    }

    private static List<Integer> added(List<Integer> before) {
        List<Integer> now = new java.util.ArrayList<>(CpuLatencyLease.heldTargets());
        before.forEach(target -> now.remove(target));
        return now;
    }

    @Test
    void to_string_tells_the_state() {
        CpuLatencyLease lease = CpuLatencyLease.acquire(provider, 12);
        assertThat(lease).hasToString("CpuLatencyLease[12 µs, acquired]");
        lease.close();
        assertThat(lease).hasToString("CpuLatencyLease[12 µs, closed]");
    }

    @Test
    void a_leaked_lease_is_released_by_the_cleaner_and_logged_as_a_leak() throws InterruptedException {
        RecordedLog handler = RecordedLog.of(CpuLatencyLease.class);
        try {
            leak(33);
            // The Cleaner logs just after it removes the request: wait for both, as other leaks may log meanwhile.
            for (int i = 0; i < 500 && (provider.liveRequests() > 0 || handler.records.stream()
                    .noneMatch(record -> record.getMessage().contains("33 µs"))); i++) {
                System.gc();
                Thread.sleep(10);
            }
            assertThat(provider.liveRequests()).isZero();
            assertThat(handler.records).anySatisfy(record -> {
                assertThat(record.getLevel()).isEqualTo(Level.WARNING);
                assertThat(record.getMessage()).contains("33 µs").contains("never closed");
            });
        } finally {
            handler.close();
        }
    }

    @Test
    void a_closed_lease_is_not_logged_as_a_leak() {
        RecordedLog handler = RecordedLog.of(CpuLatencyLease.class);
        try {
            CpuLatencyLease.acquire(provider, 44).close();
            assertThat(handler.records).isEmpty();
            assertThat(provider.liveRequests()).isZero();
        } finally {
            handler.close();
        }
    }

    private void leak(int targetMicros) {
        assertThat(CpuLatencyLease.acquire(provider, targetMicros).acquired()).isTrue();
    }

    /** Collects what a class logs through System.Logger, which goes to java.util.logging by default. */
}
