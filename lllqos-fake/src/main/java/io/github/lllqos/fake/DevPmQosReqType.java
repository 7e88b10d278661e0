package io.github.lllqos.fake;

/** The kernel's {@code enum dev_pm_qos_req_type}: which per-device list a request goes to. */
public enum DevPmQosReqType {

    /** {@code DEV_PM_QOS_RESUME_LATENCY}: the longest acceptable resume latency in µs, min-aggregated. */
    RESUME_LATENCY,

    /** {@code DEV_PM_QOS_LATENCY_TOLERANCE}: the active state latency tolerance in µs, min-aggregated. */
    LATENCY_TOLERANCE,

    /** {@code DEV_PM_QOS_FLAGS}: flags such as {@link PmQos#PM_QOS_FLAG_NO_POWER_OFF}, OR-aggregated. */
    FLAGS
}
