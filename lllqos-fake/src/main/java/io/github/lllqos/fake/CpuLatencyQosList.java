package io.github.lllqos.fake;

import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * The kernel's CPU latency QoS list, {@code kernel/power/qos.c}'s {@code cpu_latency_constraints}: the requests of
 * device files and kernel code alike, their minimum, and the notifiers of its changes. Each method is the kernel
 * function it names; {@link SimulatedKernel#cpuLatencyQos()} gives a kernel's list.
 *
 * <pre>{@code
 * PmQosRequest request = new PmQosRequest();
 * kernel.cpuLatencyQos().addRequest(request, 20);          // cpu_latency_qos_add_request()
 * assert kernel.cpuLatencyQos().limit() == 20;              // cpu_latency_qos_limit()
 * kernel.cpuLatencyQos().removeRequest(request);
 * }</pre>
 *
 * <p>Thread-safe. Reading the limit takes no lock; changing a request costs O(log n) in live requests.
 */
public final class CpuLatencyQosList {

    private final KernelProfile profile;
    private final PmQosConstraints constraints = new PmQosConstraints(PmQos.PM_QOS_CPU_LATENCY_DEFAULT_VALUE,
            PmQos.PM_QOS_CPU_LATENCY_DEFAULT_VALUE);

    CpuLatencyQosList(KernelProfile profile) {
        this.profile = profile;
    }

    /**
     * {@code cpu_latency_qos_limit()}: the effective CPU latency limit, read without a lock.
     *
     * @return the minimum live request in µs, or {@link PmQos#PM_QOS_CPU_LATENCY_DEFAULT_VALUE} when there is none
     */
    public int limit() {
        return constraints.target();
    }

    /**
     * {@code cpu_latency_qos_add_request()}: inserts a request; notifiers run if the limit changes.
     * On {@link KernelProfile#CURRENT} a negative value other than -1 is invalid and nothing is added.
     *
     * @param request an inactive handle
     * @param value the target in µs, or {@link PmQos#PM_QOS_DEFAULT_VALUE}
     * @throws IllegalStateException if the request is already active (the kernel warns and ignores the call)
     */
    public void addRequest(PmQosRequest request, int value) {
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

    /**
     * {@code cpu_latency_qos_update_request()}: changes a request; nothing happens for its current value, nor
     * (on {@link KernelProfile#CURRENT}) for an invalid one.
     *
     * @param request an active handle
     * @param newValue the new target in µs, or {@link PmQos#PM_QOS_DEFAULT_VALUE}
     * @throws IllegalStateException if the request is not active (the kernel warns and ignores the call)
     */
    public void updateRequest(PmQosRequest request, int newValue) {
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

    /**
     * {@code cpu_latency_qos_remove_request()}: removes a request; notifiers run if the limit changes.
     *
     * @param request an active handle, inactive afterwards
     * @throws IllegalStateException if the request is not active (the kernel warns and ignores the call)
     */
    public void removeRequest(PmQosRequest request) {
        synchronized (request) {
            requireActive(request, "cpu_latency_qos_remove_request");
            constraints.remove(request.nodeValue());
            request.deactivate();
        }
    }

    /**
     * {@code cpu_latency_qos_request_active()}.
     *
     * @param request a handle
     * @return whether it is in this list
     */
    public boolean requestActive(PmQosRequest request) {
        return request.constraints() == constraints;
    }

    /**
     * {@code cpu_latency_qos_add_notifier()}: {@code notifier} receives the new limit each time it changes,
     * and only then.
     *
     * @param notifier called with the new limit in µs
     */
    public void addNotifier(IntConsumer notifier) {
        constraints.addNotifier(Objects.requireNonNull(notifier, "notifier"));
    }

    /**
     * {@code cpu_latency_qos_remove_notifier()}.
     *
     * @param notifier a notifier added before
     * @return whether it was registered
     */
    public boolean removeNotifier(IntConsumer notifier) {
        return constraints.removeNotifier(notifier);
    }

    /**
     * The values of all live requests, from device files and kernel code alike, for tests to inspect.
     *
     * @return the values in µs, ascending (a request at the default holds 2,000,000,000)
     */
    public List<Integer> requests() {
        return constraints.requests();
    }

    /**
     * How the limit changed: its value when the kernel was created, then its value after each change, oldest
     * first. The last 10,000 changes are kept.
     *
     * @return the successive limits in µs
     */
    public List<Integer> history() {
        return constraints.history();
    }

    @Override
    public String toString() {
        return "CpuLatencyQosList[limit " + limit() + " µs, " + requests().size() + " requests]";
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
