package io.github.lllqos.fake;

/**
 * A handle for one CPU latency QoS request made from kernel code, the kernel's {@code struct pm_qos_request}:
 * allocate it, pass it to {@link CpuLatencyQosList#addRequest(PmQosRequest, int)} and keep it for
 * the update and remove calls, as kernel code does.
 */
public final class PmQosRequest {

    /** The list the request is in, null while it is not active. Guarded by the request. */
    private PmQosConstraints constraints;
    private int nodeValue;

    /** Creates an inactive request handle. */
    public PmQosRequest() {
    }

    synchronized PmQosConstraints constraints() {
        return constraints;
    }

    synchronized int nodeValue() {
        return nodeValue;
    }

    synchronized void activate(PmQosConstraints list, int value) {
        constraints = list;
        nodeValue = value;
    }

    synchronized void moveTo(int value) {
        nodeValue = value;
    }

    synchronized void deactivate() {
        constraints = null;
    }

    @Override
    public synchronized String toString() {
        return constraints == null ? "PmQosRequest[inactive]" : "PmQosRequest[" + nodeValue + "]";
    }
}
