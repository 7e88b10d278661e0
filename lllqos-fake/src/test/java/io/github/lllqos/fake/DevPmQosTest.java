package io.github.lllqos.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kernel-side calls of the per-device framework. */
class DevPmQosTest {

    private final SimulatedKernel kernel = new SimulatedKernel();
    private final DevPmQos devPmQos = kernel.devices().devPmQos();
    private final SimulatedDevice bus = kernel.devices().add("bus", null);
    private final SimulatedDevice bridge = kernel.devices().add("bridge", bus);
    private final SimulatedDevice leaf = kernel.devices().add("leaf", bridge);

    @Test
    void a_device_without_requests_has_no_constraint_and_undefined_flags() {
        assertThat(devPmQos.readValue(leaf, DevPmQosReqType.RESUME_LATENCY))
                .isEqualTo(PmQos.PM_QOS_RESUME_LATENCY_NO_CONSTRAINT);
        assertThat(devPmQos.readValue(leaf, DevPmQosReqType.LATENCY_TOLERANCE))
                .isEqualTo(PmQos.PM_QOS_LATENCY_TOLERANCE_NO_CONSTRAINT);
        assertThat(devPmQos.flags(leaf, PmQos.PM_QOS_FLAG_NO_POWER_OFF)).isEqualTo(PmQosFlagsStatus.UNDEFINED);
    }

    @Test
    void resume_latency_requests_aggregate_to_the_minimum_and_negatives_become_0() {
        DevPmQosRequest a = new DevPmQosRequest();
        DevPmQosRequest b = new DevPmQosRequest();
        assertThat(devPmQos.addRequest(leaf, a, DevPmQosReqType.RESUME_LATENCY, 100)).isTrue();
        assertThat(devPmQos.addRequest(leaf, b, DevPmQosReqType.RESUME_LATENCY, 300)).isFalse();
        assertThat(devPmQos.readValue(leaf, DevPmQosReqType.RESUME_LATENCY)).isEqualTo(100);
        assertThat(devPmQos.updateRequest(b, -7)).isTrue();
        assertThat(devPmQos.readValue(leaf, DevPmQosReqType.RESUME_LATENCY)).isZero();
        assertThat(devPmQos.removeRequest(b)).isTrue();
        assertThat(devPmQos.requestActive(b)).isFalse();
        assertThat(devPmQos.requestActive(a)).isTrue();
        assertThat(a.device()).isSameAs(leaf);
    }

    @Test
    void flags_aggregate_with_or_and_report_all_some_or_none_of_a_mask() {
        DevPmQosRequest first = new DevPmQosRequest();
        DevPmQosRequest second = new DevPmQosRequest();
        devPmQos.addRequest(leaf, first, DevPmQosReqType.FLAGS, 0);
        assertThat(devPmQos.flags(leaf, 0b11)).isEqualTo(PmQosFlagsStatus.NONE);
        devPmQos.addRequest(leaf, second, DevPmQosReqType.FLAGS, 0b01);
        assertThat(devPmQos.flags(leaf, 0b11)).isEqualTo(PmQosFlagsStatus.SOME);
        devPmQos.updateRequest(first, 0b10);
        assertThat(devPmQos.flags(leaf, 0b11)).isEqualTo(PmQosFlagsStatus.ALL);
        assertThat(devPmQos.effectiveFlags(leaf)).isEqualTo(0b11);
        devPmQos.removeRequest(second);
        assertThat(devPmQos.effectiveFlags(leaf)).isEqualTo(0b10);
        devPmQos.removeRequest(first);
        assertThat(devPmQos.flags(leaf, 0b11)).isEqualTo(PmQosFlagsStatus.UNDEFINED);
    }

    @Test
    void an_ancestor_resume_latency_request_goes_to_the_first_ancestor_that_ignores_children() {
        bus.ignoreChildren(true);
        DevPmQosRequest request = new DevPmQosRequest();
        devPmQos.addAncestorRequest(leaf, request, DevPmQosReqType.RESUME_LATENCY, 50);
        assertThat(request.device()).isSameAs(bus);
        assertThat(devPmQos.readValue(bus, DevPmQosReqType.RESUME_LATENCY)).isEqualTo(50);
        assertThat(devPmQos.readValue(bridge, DevPmQosReqType.RESUME_LATENCY))
                .isEqualTo(PmQos.PM_QOS_RESUME_LATENCY_NO_CONSTRAINT);
    }

    @Test
    void an_ancestor_latency_tolerance_request_goes_to_the_first_ancestor_with_a_callback() {
        List<Integer> hardware = new ArrayList<>();
        bridge.setLatencyToleranceCallback(hardware::add);
        DevPmQosRequest request = new DevPmQosRequest();
        devPmQos.addAncestorRequest(leaf, request, DevPmQosReqType.LATENCY_TOLERANCE, PmQos.PM_QOS_DEFAULT_VALUE);
        assertThat(request.device()).isSameAs(bridge);
        assertThat(devPmQos.readValue(bridge, DevPmQosReqType.LATENCY_TOLERANCE))
                .isEqualTo(PmQos.PM_QOS_LATENCY_TOLERANCE_DEFAULT_VALUE);
        devPmQos.removeRequest(request);
        assertThat(hardware).containsExactly(0, -1);
    }

    @Test
    void without_a_qualifying_ancestor_the_request_is_refused_with_enodev() {
        DevPmQosRequest request = new DevPmQosRequest();
        assertThatThrownBy(() -> devPmQos.addAncestorRequest(leaf, request, DevPmQosReqType.RESUME_LATENCY, 5))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ENODEV");
        assertThat(devPmQos.requestActive(request)).isFalse();
    }

    @Test
    void misuse_is_refused_with_einval() {
        DevPmQosRequest request = new DevPmQosRequest();
        assertThatThrownBy(() -> devPmQos.updateRequest(request, 1)).hasMessageContaining("unknown object");
        assertThatThrownBy(() -> devPmQos.addRequest(leaf, request, DevPmQosReqType.LATENCY_TOLERANCE, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("set_latency_tolerance");
        devPmQos.addRequest(leaf, request, DevPmQosReqType.RESUME_LATENCY, 1);
        assertThatThrownBy(() -> devPmQos.addRequest(leaf, request, DevPmQosReqType.RESUME_LATENCY, 1))
                .hasMessageContaining("already added");
        assertThatThrownBy(() -> devPmQos.addNotifier(leaf, value -> { }, DevPmQosReqType.FLAGS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EINVAL");
    }

    @Test
    void device_notifiers_fire_only_on_changes_and_can_be_removed() {
        List<Integer> notified = new ArrayList<>();
        java.util.function.IntConsumer notifier = notified::add;
        devPmQos.addNotifier(leaf, notifier, DevPmQosReqType.RESUME_LATENCY);
        DevPmQosRequest request = new DevPmQosRequest();
        devPmQos.addRequest(leaf, request, DevPmQosReqType.RESUME_LATENCY, 10);
        devPmQos.updateRequest(request, 10);
        assertThat(devPmQos.removeNotifier(leaf, notifier, DevPmQosReqType.RESUME_LATENCY)).isTrue();
        devPmQos.removeRequest(request);
        assertThat(notified).containsExactly(10);
    }
}
