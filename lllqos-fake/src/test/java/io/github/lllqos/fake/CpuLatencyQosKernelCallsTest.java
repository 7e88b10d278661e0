package io.github.lllqos.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/** The kernel-side CPU latency QoS calls of the PM QoS document. */
class CpuLatencyQosKernelCallsTest {

    private final SimulatedKernel kernel = new SimulatedKernel();

    @Test
    void add_update_and_remove_change_the_limit_and_request_active_follows() {
        PmQosRequest request = new PmQosRequest();
        assertThat(kernel.cpuLatencyQos().requestActive(request)).isFalse();
        kernel.cpuLatencyQos().addRequest(request, 100);
        assertThat(kernel.cpuLatencyQos().requestActive(request)).isTrue();
        assertThat(kernel.cpuLatencyQos().limit()).isEqualTo(100);
        kernel.cpuLatencyQos().updateRequest(request, PmQos.PM_QOS_DEFAULT_VALUE);
        assertThat(kernel.cpuLatencyQos().requests()).containsExactly(PmQos.PM_QOS_CPU_LATENCY_DEFAULT_VALUE);
        kernel.cpuLatencyQos().removeRequest(request);
        assertThat(kernel.cpuLatencyQos().requestActive(request)).isFalse();
        assertThat(kernel.cpuLatencyQos().requests()).isEmpty();
    }

    @Test
    void invalid_values_are_not_added_on_current_kernels_and_inserted_on_older_ones() {
        PmQosRequest request = new PmQosRequest();
        kernel.cpuLatencyQos().addRequest(request, -5);
        assertThat(kernel.cpuLatencyQos().requestActive(request)).isFalse();
        SimulatedKernel older = new SimulatedKernel(KernelProfile.NEGATIVES_INSERTED);
        older.cpuLatencyQos().addRequest(request, -5);
        assertThat(older.cpuLatencyQos().limit()).isEqualTo(-5);
    }

    @Test
    void notifiers_receive_each_new_limit_once_and_can_be_removed() {
        List<Integer> notified = new ArrayList<>();
        IntConsumer notifier = notified::add;
        kernel.cpuLatencyQos().addNotifier(notifier);
        PmQosRequest loose = new PmQosRequest();
        PmQosRequest strict = new PmQosRequest();
        kernel.cpuLatencyQos().addRequest(loose, 500);
        kernel.cpuLatencyQos().addRequest(strict, 100);
        kernel.cpuLatencyQos().updateRequest(loose, 400);
        kernel.cpuLatencyQos().removeRequest(strict);
        assertThat(kernel.cpuLatencyQos().removeNotifier(notifier)).isTrue();
        kernel.cpuLatencyQos().removeRequest(loose);
        assertThat(notified).containsExactly(500, 100, 400);
        assertThat(kernel.cpuLatencyQos().history()).containsExactly(2_000_000_000, 500, 100, 400, 2_000_000_000);
    }

    @Test
    void misuse_of_a_handle_is_reported_as_the_kernel_warns() {
        PmQosRequest request = new PmQosRequest();
        assertThatThrownBy(() -> kernel.cpuLatencyQos().updateRequest(request, 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown object");
        assertThatThrownBy(() -> kernel.cpuLatencyQos().removeRequest(request))
                .isInstanceOf(IllegalStateException.class);
        kernel.cpuLatencyQos().addRequest(request, 1);
        assertThatThrownBy(() -> kernel.cpuLatencyQos().addRequest(request, 2))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already added");
        assertThat(kernel.cpuLatencyQos().requests()).containsExactly(1);
    }

    @Test
    void bad_arguments_are_rejected_with_the_rule() {
        assertThatThrownBy(() -> new SimulatedKernel(KernelProfile.CURRENT, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1").hasMessageContaining("0");
        assertThatThrownBy(() -> kernel.devices().cpu(4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0..3").hasMessageContaining("4");
    }
}
