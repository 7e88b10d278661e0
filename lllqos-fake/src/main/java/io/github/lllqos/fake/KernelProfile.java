package io.github.lllqos.fake;

/** Which generation of kernel the simulation behaves like, where generations differ. */
public enum KernelProfile {

    /**
     * Current kernels (the default): a negative value other than {@code -1} is invalid
     * ({@code cpu_latency_qos_value_invalid}), so a write of it returns the byte count and changes nothing, and
     * a kernel-side request at it is not added.
     */
    CURRENT,

    /** Older kernels, before that check: a negative value is inserted into the list and can become the limit. */
    NEGATIVES_INSERTED,

    /**
     * A vendor kernel that stubs the device write out: it returns the byte count and does nothing. Only reading
     * the limit back shows it.
     */
    WRITES_IGNORED
}
