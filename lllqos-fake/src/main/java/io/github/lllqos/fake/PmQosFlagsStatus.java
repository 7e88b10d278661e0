package io.github.lllqos.fake;

/** The kernel's {@code enum pm_qos_flags_status}: the answer of {@link DevPmQos#flags(SimulatedDevice, int)}. */
public enum PmQosFlagsStatus {

    /** {@code PM_QOS_FLAGS_UNDEFINED}: the device has no flags request. */
    UNDEFINED,

    /** {@code PM_QOS_FLAGS_NONE}: no flag of the mask is set. */
    NONE,

    /** {@code PM_QOS_FLAGS_SOME}: some, not all, flags of the mask are set. */
    SOME,

    /** {@code PM_QOS_FLAGS_ALL}: every flag of the mask is set. */
    ALL
}
