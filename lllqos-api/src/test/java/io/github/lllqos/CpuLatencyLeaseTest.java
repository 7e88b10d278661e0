package io.github.lllqos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void to_string_tells_the_state() {
        CpuLatencyLease lease = CpuLatencyLease.acquire(provider, 12);
        assertThat(lease).hasToString("CpuLatencyLease[12 µs, acquired]");
        lease.close();
        assertThat(lease).hasToString("CpuLatencyLease[12 µs, closed]");
    }
}
