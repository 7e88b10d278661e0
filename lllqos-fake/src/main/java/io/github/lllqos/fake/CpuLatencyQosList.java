package io.github.lllqos.fake;

import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * The kernel's CPU latency QoS list, {@code kernel/power/qos.c}'s {@code cpu_latency_constraints}: the requests of
 * device files and kernel code alike, their minimum, and the notifiers of its changes. {@link SimulatedKernel}
 * offers it under the kernel's function names.
 */
final class CpuLatencyQosList {

    private final KernelProfile profile;
    private final PmQosConstraints constraints = new PmQosConstraints(PmQos.PM_QOS_CPU_LATENCY_DEFAULT_VALUE,
            PmQos.PM_QOS_CPU_LATENCY_DEFAULT_VALUE);

    CpuLatencyQosList(KernelProfile profile) {
        this.profile = profile;
    }

    /** {@code cpu_latency_qos_limit()}, without a lock. */
    int limit() {
        return constraints.target();
    }

    /** {@code cpu_latency_qos_add_request()}. */
    void add(PmQosRequest request, int value) {
        synchronized (request) {
            if (request.constraints() != null) {
                throw new IllegalStateException("cpu_latency_qos_add_request() called for already added request");
            }
            if (valueInvalid(value)) {
                return;
            }
            int node = constraints.nodeValue(value);
            request.activate(constraints, node);
            constraints.add(node);
        }
    }

    /** {@code cpu_latency_qos_update_request()}. */
    void update(PmQosRequest request, int newValue) {
        synchronized (request) {
            requireActive(request, "cpu_latency_qos_update_request");
            if (valueInvalid(newValue) || request.nodeValue() == newValue) {
                return;
            }
            int node = constraints.nodeValue(newValue);
            constraints.update(request.nodeValue(), node);
            request.moveTo(node);
        }
    }

    /** {@code cpu_latency_qos_remove_request()}. */
    void remove(PmQosRequest request) {
        synchronized (request) {
            requireActive(request, "cpu_latency_qos_remove_request");
            constraints.remove(request.nodeValue());
            request.deactivate();
        }
    }

    /** {@code cpu_latency_qos_request_active()}. */
    boolean active(PmQosRequest request) {
        return request.constraints() == constraints;
    }

    void addNotifier(IntConsumer notifier) {
        constraints.addNotifier(Objects.requireNonNull(notifier, "notifier"));
    }

    boolean removeNotifier(IntConsumer notifier) {
        return constraints.removeNotifier(notifier);
    }

    List<Integer> requests() {
        return constraints.requests();
    }

    List<Integer> history() {
        return constraints.history();
    }

    private boolean valueInvalid(int value) {
        return profile != KernelProfile.NEGATIVES_INSERTED && value < 0 && value != PmQos.PM_QOS_DEFAULT_VALUE;
    }

    private void requireActive(PmQosRequest request, String call) {
        if (request.constraints() != constraints) {
            throw new IllegalStateException(call + "() called for unknown object");
        }
    }
}
