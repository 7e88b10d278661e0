package io.github.lllqos.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.CpuLatencyLease;
import io.github.lllqos.LowLatency;
import io.github.lllqos.fake.junit.SimulatedKernelExtension;
import io.github.lllqos.fake.junit.WithKernelProfile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The fake provider through the public API, with the failures users must handle. */
@ExtendWith(SimulatedKernelExtension.class)
class FakeProviderTest {

    @Test
    void the_fake_provider_is_chosen_and_says_it_is_simulated() {
        assertThat(LowLatency.providerName()).isEqualTo("fake");
        assertThat(new FakeProvider().simulated()).isTrue();
        assertThat(LowLatency.providerSelection().why()).contains("simulated");
    }

    @Test
    void a_lease_is_one_open_device_file_holding_the_target(SimulatedKernel kernel) {
        try (CpuLatencyLease lease = LowLatency.lowWakeupLatency(40)) {
            assertThat(lease.acquired()).isTrue();
            assertThat(kernel.cpuDmaLatency().openFiles()).isEqualTo(1);
            assertThat(kernel.cpuLatencyQos().requests()).containsExactly(40);
            assertThat(LowLatency.effectiveCpuLatency()).hasValue(40);
        }
        assertThat(kernel.cpuDmaLatency().openFiles()).isZero();
        assertThat(kernel.cpuLatencyQos().history()).containsExactly(2_000_000_000, 40, 2_000_000_000);
    }

    @Test
    void notifiers_see_each_change_a_lease_makes(SimulatedKernel kernel) {
        List<Integer> seen = new ArrayList<>();
        kernel.cpuLatencyQos().addNotifier(seen::add);
        try (CpuLatencyLease lease = LowLatency.lowWakeupLatency(100)) {
            lease.update(100);
            lease.update(20);
        }
        assertThat(seen).containsExactly(100, 20, 2_000_000_000);
    }

    @Test
    void a_missing_device_refuses_the_lease_with_the_docker_fix(SimulatedKernel kernel) {
        kernel.cpuDmaLatency().access(DeviceAccess.MISSING);
        try (CpuLatencyLease lease = LowLatency.lowWakeupLatency(10)) {
            assertThat(lease.acquired()).isFalse();
            assertThat(lease.notAcquiredReason()).hasValueSatisfying(reason -> assertThat(reason)
                    .contains("ENOENT").contains("--device /dev/cpu_dma_latency"));
        }
        assertThat(kernel.cpuLatencyQos().requests()).isEmpty();
        assertThat(LowLatency.effectiveCpuLatency()).isEmpty();
    }

    @Test
    void a_permission_problem_refuses_the_lease_with_the_udev_rule(SimulatedKernel kernel) {
        kernel.cpuDmaLatency().access(DeviceAccess.PERMISSION_DENIED);
        try (CpuLatencyLease lease = LowLatency.lowWakeupLatency(10)) {
            assertThat(lease.acquired()).isFalse();
            assertThat(lease.notAcquiredReason()).hasValueSatisfying(reason -> assertThat(reason)
                    .contains("EACCES").contains("KERNEL==\"cpu_dma_latency\"").contains("udev"));
        }
        assertThat(kernel.cpuLatencyQos().requests()).isEmpty();
    }

    @Test
    void a_path_naming_another_device_refuses_the_lease_and_writes_nothing(SimulatedKernel kernel) {
        kernel.cpuDmaLatency().access(DeviceAccess.OTHER_DEVICE);
        try (CpuLatencyLease lease = LowLatency.lowWakeupLatency(10)) {
            assertThat(lease.acquired()).isFalse();
            assertThat(lease.notAcquiredReason()).hasValueSatisfying(reason -> assertThat(reason)
                    .startsWith("/dev/cpu_dma_latency is character device 1:3 (simulated kernel), not the CPU"
                            + " latency device (character device 10:259"));
        }
        assertThat(kernel.cpuDmaLatency().otherDeviceBytesWritten()).isZero();
        assertThat(kernel.cpuLatencyQos().requests()).isEmpty();
        assertThat(LowLatency.effectiveCpuLatency()).isEmpty();
    }

    @Test
    @WithKernelProfile(KernelProfile.WRITES_IGNORED)
    void a_kernel_that_ignores_writes_is_detected_by_reading_back(SimulatedKernel kernel) {
        assertThat(kernel.profile()).isEqualTo(KernelProfile.WRITES_IGNORED);
        try (CpuLatencyLease lease = LowLatency.lowWakeupLatency(10)) {
            assertThat(lease.acquired()).isFalse();
            assertThat(lease.notAcquiredReason()).hasValueSatisfying(reason -> assertThat(reason)
                    .contains("ignores").contains("10 µs").contains("2000000000 µs"));
        }
        assertThat(kernel.cpuDmaLatency().openFiles()).isZero();
    }

    @Test
    void a_lease_stays_in_the_kernel_it_was_placed_in_when_another_is_installed(SimulatedKernel kernel) {
        try (CpuLatencyLease lease = LowLatency.lowWakeupLatency(5)) {
            SimulatedKernel other = new SimulatedKernel();
            SimulatedKernel previous = InstalledKernel.install(other);
            try {
                assertThat(previous).isSameAs(kernel);
                assertThat(LowLatency.effectiveCpuLatency()).hasValue(2_000_000_000);
                lease.update(6);
                assertThat(kernel.cpuLatencyQos().limit()).isEqualTo(6);
            } finally {
                InstalledKernel.install(previous);
            }
        }
        assertThat(kernel.cpuLatencyQos().requests()).isEmpty();
    }
}
