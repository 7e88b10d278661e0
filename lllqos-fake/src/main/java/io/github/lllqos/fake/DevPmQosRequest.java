package io.github.lllqos.fake;

/**
 * A handle for one per-device PM QoS request, the kernel's {@code struct dev_pm_qos_request}: allocate it, pass it
 * to {@link DevPmQos#addRequest} and keep it for the update and remove calls.
 */
public final class DevPmQosRequest {

    // Changed only under the lock of DevPmQos; read without it.
    volatile SimulatedDevice device;
    volatile DevPmQosReqType type;
    volatile int value;

    /** Creates an inactive request handle. */
    public DevPmQosRequest() {
    }

    /**
     * The device this request is for.
     *
     * @return the device, or null while the request is not active
     */
    public SimulatedDevice device() {
        return device;
    }

    @Override
    public String toString() {
        return device == null ? "DevPmQosRequest[inactive]"
                : "DevPmQosRequest[" + device.name() + ", " + type + ", " + value + "]";
    }
}
