package io.github.lllqos.fake;

import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * The per-device PM QoS framework of a {@link SimulatedKernel} ({@code drivers/base/power/qos.c}): for each
 * {@link SimulatedDevice}, a resume latency list and a latency tolerance list (both min-aggregated) and a flags
 * list (OR-aggregated), with the kernel-side calls under their kernel names.
 *
 * <p>Where the kernel returns a negative errno these methods throw: {@link IllegalArgumentException} for
 * {@code EINVAL}, {@link IllegalStateException} for {@code ENODEV} and {@code EEXIST}; the message names both.
 * Reading an aggregate takes no lock; changes are serialised as under the kernel's {@code dev_pm_qos_mtx}.
 */
public final class DevPmQos {

    DevPmQos() {
    }

    /**
     * {@code dev_pm_qos_add_request()}. A resume latency request below 0 is stored as 0, as the kernel does
     * (with a warning); {@link PmQos#PM_QOS_DEFAULT_VALUE} stands for the list's default otherwise.
     *
     * @param device the device
     * @param request an inactive handle
     * @param type the list
     * @param value the target in µs, or the flags
     * @return whether the device's aggregate for {@code type} changed
     * @throws IllegalArgumentException (EINVAL) if the request is active, or for a latency tolerance request on a
     *     device without a latency tolerance callback
     */
    public synchronized boolean addRequest(SimulatedDevice device, DevPmQosRequest request, DevPmQosReqType type,
                                           int value) {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(type, "type");
        if (request.device != null) {
            throw einval("dev_pm_qos_add_request() called for already added request");
        }
        if (type == DevPmQosReqType.LATENCY_TOLERANCE && !device.hasLatencyToleranceCallback()) {
            throw einval("dev_pm_qos_add_request(" + device.name() + ", LATENCY_TOLERANCE): the device has no"
                    + " set_latency_tolerance callback");
        }
        request.type = type;
        switch (type) {
            case RESUME_LATENCY:
                request.value = device.resumeLatency.nodeValue(Math.max(0, value));
                request.device = device;
                return device.resumeLatency.add(request.value);
            case LATENCY_TOLERANCE:
                request.value = device.latencyTolerance.nodeValue(value);
                request.device = device;
                return device.latencyTolerance.add(request.value);
            default:
                request.value = value;
                request.device = device;
                return device.flags.add(value);
        }
    }

    /**
     * {@code dev_pm_qos_update_request()}: nothing happens if {@code newValue} is what the request holds.
     *
     * @param request an active handle
     * @param newValue the new target in µs, or the new flags
     * @return whether the aggregate changed
     * @throws IllegalArgumentException (EINVAL) if the request is not active
     */
    public synchronized boolean updateRequest(DevPmQosRequest request, int newValue) {
        SimulatedDevice device = requireActive(request, "dev_pm_qos_update_request");
        if (request.value == newValue) {
            return false;
        }
        int old = request.value;
        switch (request.type) {
            case RESUME_LATENCY:
                request.value = device.resumeLatency.nodeValue(Math.max(0, newValue));
                return device.resumeLatency.update(old, request.value);
            case LATENCY_TOLERANCE:
                request.value = device.latencyTolerance.nodeValue(newValue);
                return device.latencyTolerance.update(old, request.value);
            default:
                request.value = newValue;
                return device.flags.update(old, newValue);
        }
    }

    /**
     * {@code dev_pm_qos_remove_request()}.
     *
     * @param request an active handle, inactive afterwards
     * @return whether the aggregate changed
     * @throws IllegalArgumentException (EINVAL) if the request is not active
     */
    public synchronized boolean removeRequest(DevPmQosRequest request) {
        SimulatedDevice device = requireActive(request, "dev_pm_qos_remove_request");
        request.device = null;
        switch (request.type) {
            case RESUME_LATENCY:
                return device.resumeLatency.remove(request.value);
            case LATENCY_TOLERANCE:
                return device.latencyTolerance.remove(request.value);
            default:
                return device.flags.remove(request.value);
        }
    }

    /**
     * {@code dev_pm_qos_request_active()}.
     *
     * @param request a handle
     * @return whether the request is in a device's list
     */
    public boolean requestActive(DevPmQosRequest request) {
        return request.device != null;
    }

    /**
     * {@code dev_pm_qos_add_ancestor_request()}: adds the request to the first ancestor of {@code device} that
     * can take it: for resume latency, the first whose {@code power.ignore_children} is set (as the kernel's code
     * does; its documentation says "unset"); for latency tolerance, the first with a latency tolerance callback.
     *
     * @param device the device whose ancestor gets the request
     * @param request an inactive handle
     * @param type {@link DevPmQosReqType#RESUME_LATENCY} or {@link DevPmQosReqType#LATENCY_TOLERANCE}
     * @param value the target in µs
     * @return whether the ancestor's aggregate changed; {@link DevPmQosRequest#device()} tells which ancestor
     * @throws IllegalStateException (ENODEV) if no ancestor qualifies, or for {@link DevPmQosReqType#FLAGS}
     */
    public synchronized boolean addAncestorRequest(SimulatedDevice device, DevPmQosRequest request,
                                                   DevPmQosReqType type, int value) {
        SimulatedDevice ancestor = device.parent().orElse(null);
        if (type == DevPmQosReqType.RESUME_LATENCY) {
            while (ancestor != null && !ancestor.ignoreChildren()) {
                ancestor = ancestor.parent().orElse(null);
            }
        } else if (type == DevPmQosReqType.LATENCY_TOLERANCE) {
            while (ancestor != null && !ancestor.hasLatencyToleranceCallback()) {
                ancestor = ancestor.parent().orElse(null);
            }
        } else {
            ancestor = null;
        }
        if (ancestor == null) {
            throw new IllegalStateException("dev_pm_qos_add_ancestor_request(" + device.name() + ", " + type
                    + "): no ancestor takes this request: ENODEV");
        }
        return addRequest(ancestor, request, type, value);
    }

    /**
     * {@code dev_pm_qos_read_value()}: the aggregate of a device's list, read without a lock.
     *
     * @param device the device
     * @param type {@link DevPmQosReqType#RESUME_LATENCY} ({@link PmQos#PM_QOS_RESUME_LATENCY_NO_CONSTRAINT} when
     *     empty) or {@link DevPmQosReqType#LATENCY_TOLERANCE} ({@link PmQos#PM_QOS_LATENCY_TOLERANCE_NO_CONSTRAINT}
     *     when empty)
     * @return the minimum of the list's requests in µs
     * @throws IllegalArgumentException for {@link DevPmQosReqType#FLAGS}: use {@link #flags}
     */
    public int readValue(SimulatedDevice device, DevPmQosReqType type) {
        switch (type) {
            case RESUME_LATENCY:
                return device.resumeLatency.target();
            case LATENCY_TOLERANCE:
                return device.latencyTolerance.target();
            default:
                throw new IllegalArgumentException("dev_pm_qos_read_value() reads latency lists, not FLAGS: use"
                        + " flags(device, mask)");
        }
    }

    /**
     * {@code dev_pm_qos_flags()}: checks the device's effective flags against a mask.
     *
     * @param device the device
     * @param mask the flags to check, such as {@link PmQos#PM_QOS_FLAG_NO_POWER_OFF}
     * @return {@link PmQosFlagsStatus#UNDEFINED} without flags requests, else ALL, SOME or NONE of the mask set
     */
    public PmQosFlagsStatus flags(SimulatedDevice device, int mask) {
        if (device.flags.isEmpty()) {
            return PmQosFlagsStatus.UNDEFINED;
        }
        int set = device.flags.effectiveFlags() & mask;
        if (set == 0) {
            return PmQosFlagsStatus.NONE;
        }
        return set == mask ? PmQosFlagsStatus.ALL : PmQosFlagsStatus.SOME;
    }

    /**
     * The OR of all flags requests of a device.
     *
     * @param device the device
     * @return the effective flags, 0 without requests
     */
    public int effectiveFlags(SimulatedDevice device) {
        return device.flags.effectiveFlags();
    }

    /**
     * The values of the live requests in one latency list of a device, for tests.
     *
     * @param device the device
     * @param type {@link DevPmQosReqType#RESUME_LATENCY} or {@link DevPmQosReqType#LATENCY_TOLERANCE}
     * @return the values in µs, ascending
     * @throws IllegalArgumentException for {@link DevPmQosReqType#FLAGS}
     */
    public List<Integer> requests(SimulatedDevice device, DevPmQosReqType type) {
        return latencyList(device, type).requests();
    }

    /**
     * How one latency aggregate of a device changed: its first value, then its value after each change.
     *
     * @param device the device
     * @param type {@link DevPmQosReqType#RESUME_LATENCY} or {@link DevPmQosReqType#LATENCY_TOLERANCE}
     * @return the successive aggregates in µs, oldest first (the last 10,000 changes)
     * @throws IllegalArgumentException for {@link DevPmQosReqType#FLAGS}
     */
    public List<Integer> history(SimulatedDevice device, DevPmQosReqType type) {
        return latencyList(device, type).history();
    }

    private static PmQosConstraints latencyList(SimulatedDevice device, DevPmQosReqType type) {
        switch (type) {
            case RESUME_LATENCY:
                return device.resumeLatency;
            case LATENCY_TOLERANCE:
                return device.latencyTolerance;
            default:
                throw new IllegalArgumentException("FLAGS is not a latency list");
        }
    }

    /**
     * {@code dev_pm_qos_add_notifier()}: {@code notifier} receives the device's new resume latency each time it
     * changes, and only then.
     *
     * @param device the device
     * @param notifier called with the new aggregate
     * @param type {@link DevPmQosReqType#RESUME_LATENCY}, the only type with notifiers
     * @throws IllegalArgumentException (EINVAL) for other types
     */
    public void addNotifier(SimulatedDevice device, IntConsumer notifier, DevPmQosReqType type) {
        requireResumeLatency(type, "dev_pm_qos_add_notifier");
        device.resumeLatency.addNotifier(Objects.requireNonNull(notifier, "notifier"));
    }

    /**
     * {@code dev_pm_qos_remove_notifier()}.
     *
     * @param device the device
     * @param notifier a notifier added before
     * @param type {@link DevPmQosReqType#RESUME_LATENCY}
     * @return whether it was registered
     * @throws IllegalArgumentException (EINVAL) for other types
     */
    public boolean removeNotifier(SimulatedDevice device, IntConsumer notifier, DevPmQosReqType type) {
        requireResumeLatency(type, "dev_pm_qos_remove_notifier");
        return device.resumeLatency.removeNotifier(notifier);
    }

    private static void requireResumeLatency(DevPmQosReqType type, String call) {
        if (type != DevPmQosReqType.RESUME_LATENCY) {
            throw einval(call + "() supports RESUME_LATENCY only, not " + type);
        }
    }

    /**
     * {@code dev_pm_qos_expose_latency_limit()}: adds the user-space resume latency request at {@code value} and
     * creates {@code power/pm_qos_resume_latency_us}.
     *
     * @param device the device
     * @param value the initial request in µs, non-negative
     * @throws IllegalArgumentException (EINVAL) for a negative value
     * @throws IllegalStateException (EEXIST) if already exposed
     */
    public synchronized void exposeLatencyLimit(SimulatedDevice device, int value) {
        if (value < 0) {
            throw einval("dev_pm_qos_expose_latency_limit(" + device.name() + ", " + value + ")");
        }
        if (device.resumeLatencyReq != null) {
            throw new IllegalStateException("dev_pm_qos_expose_latency_limit(" + device.name()
                    + "): already exposed: EEXIST");
        }
        DevPmQosRequest request = new DevPmQosRequest();
        addRequest(device, request, DevPmQosReqType.RESUME_LATENCY, value);
        device.resumeLatencyReq = request;
    }

    /**
     * {@code dev_pm_qos_hide_latency_limit()}: removes the attribute and its request, if exposed.
     *
     * @param device the device
     */
    public synchronized void hideLatencyLimit(SimulatedDevice device) {
        if (device.resumeLatencyReq != null) {
            removeRequest(device.resumeLatencyReq);
            device.resumeLatencyReq = null;
        }
    }

    /**
     * {@code dev_pm_qos_expose_flags()}: adds the user-space flags request and creates
     * {@code power/pm_qos_no_power_off}.
     *
     * @param device the device
     * @param value the initial flags
     * @throws IllegalStateException (EEXIST) if already exposed
     */
    public synchronized void exposeFlags(SimulatedDevice device, int value) {
        if (device.flagsReq != null) {
            throw new IllegalStateException("dev_pm_qos_expose_flags(" + device.name() + "): already exposed:"
                    + " EEXIST");
        }
        DevPmQosRequest request = new DevPmQosRequest();
        addRequest(device, request, DevPmQosReqType.FLAGS, value);
        device.flagsReq = request;
    }

    /**
     * {@code dev_pm_qos_hide_flags()}: removes the attribute and its request, if exposed.
     *
     * @param device the device
     */
    public synchronized void hideFlags(SimulatedDevice device) {
        if (device.flagsReq != null) {
            removeRequest(device.flagsReq);
            device.flagsReq = null;
        }
    }

    /**
     * {@code dev_pm_qos_update_flags()}: sets or clears flags in the user-space flags request.
     *
     * @param device the device
     * @param mask the flags to change
     * @param set true to set them, false to clear them
     * @return whether the effective flags changed
     * @throws IllegalArgumentException (EINVAL) if the flags are not exposed
     */
    public synchronized boolean updateFlags(SimulatedDevice device, int mask, boolean set) {
        DevPmQosRequest request = device.flagsReq;
        if (request == null) {
            throw einval("dev_pm_qos_update_flags(" + device.name() + "): flags are not exposed");
        }
        return updateRequest(request, set ? request.value | mask : request.value & ~mask);
    }

    /**
     * {@code dev_pm_qos_expose_latency_tolerance()}: creates {@code power/pm_qos_latency_tolerance_us}.
     *
     * @param device a device with a latency tolerance callback
     * @throws IllegalArgumentException (EINVAL) if the device has no latency tolerance callback
     * @throws IllegalStateException (EEXIST) if already exposed
     */
    public synchronized void exposeLatencyTolerance(SimulatedDevice device) {
        if (!device.hasLatencyToleranceCallback()) {
            throw einval("dev_pm_qos_expose_latency_tolerance(" + device.name() + "): no set_latency_tolerance");
        }
        if (device.latencyToleranceExposed) {
            throw new IllegalStateException("dev_pm_qos_expose_latency_tolerance(" + device.name()
                    + "): already exposed: EEXIST");
        }
        device.latencyToleranceExposed = true;
    }

    /**
     * {@code dev_pm_qos_hide_latency_tolerance()}: removes the attribute and drops the user-space request.
     *
     * @param device the device
     */
    public synchronized void hideLatencyTolerance(SimulatedDevice device) {
        device.latencyToleranceExposed = false;
        updateUserLatencyTolerance(device, PmQos.PM_QOS_LATENCY_TOLERANCE_NO_CONSTRAINT);
    }

    /**
     * {@code dev_pm_qos_update_user_latency_tolerance()}: what a write to {@code pm_qos_latency_tolerance_us}
     * does. A negative value drops the user-space request ({@code auto}).
     */
    synchronized void updateUserLatencyTolerance(SimulatedDevice device, int value) {
        DevPmQosRequest request = device.latencyToleranceReq;
        if (request == null) {
            if (value < 0) {
                if (value == PmQos.PM_QOS_LATENCY_TOLERANCE_NO_CONSTRAINT) {
                    return;
                }
                throw einval("dev_pm_qos_update_user_latency_tolerance(" + device.name() + ", " + value + ")");
            }
            request = new DevPmQosRequest();
            addRequest(device, request, DevPmQosReqType.LATENCY_TOLERANCE, value);
            device.latencyToleranceReq = request;
        } else if (value < 0) {
            removeRequest(request);
            device.latencyToleranceReq = null;
        } else {
            updateRequest(request, value);
        }
    }

    private static SimulatedDevice requireActive(DevPmQosRequest request, String call) {
        SimulatedDevice device = request.device;
        if (device == null) {
            throw einval(call + "() called for unknown object");
        }
        return device;
    }

    private static IllegalArgumentException einval(String what) {
        return new IllegalArgumentException(what + ": EINVAL");
    }
}
