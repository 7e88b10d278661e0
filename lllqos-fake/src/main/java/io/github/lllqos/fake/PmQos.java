package io.github.lllqos.fake;

import io.github.lllqos.spi.CpuLatencyQos;

/** The constants of the kernel's {@code include/linux/pm_qos.h}, under their C names. */
public final class PmQos {

    /** {@code PM_QOS_DEFAULT_VALUE}: a request at this value takes its list's default value. */
    public static final int PM_QOS_DEFAULT_VALUE = -1;

    /** {@code PM_QOS_LATENCY_ANY}: any latency is acceptable ({@code S32_MAX}). */
    public static final int PM_QOS_LATENCY_ANY = Integer.MAX_VALUE;

    /** {@code PM_QOS_CPU_LATENCY_DEFAULT_VALUE}: the CPU latency limit with no request, 2,000,000,000 µs. */
    public static final int PM_QOS_CPU_LATENCY_DEFAULT_VALUE = CpuLatencyQos.DEFAULT_VALUE_MICROS;

    /** {@code PM_QOS_RESUME_LATENCY_DEFAULT_VALUE}: the default of a resume latency request. */
    public static final int PM_QOS_RESUME_LATENCY_DEFAULT_VALUE = PM_QOS_LATENCY_ANY;

    /** {@code PM_QOS_RESUME_LATENCY_NO_CONSTRAINT}: a device's resume latency with no request. */
    public static final int PM_QOS_RESUME_LATENCY_NO_CONSTRAINT = PM_QOS_LATENCY_ANY;

    /** {@code PM_QOS_LATENCY_TOLERANCE_DEFAULT_VALUE}: the default of a latency tolerance request. */
    public static final int PM_QOS_LATENCY_TOLERANCE_DEFAULT_VALUE = 0;

    /** {@code PM_QOS_LATENCY_TOLERANCE_NO_CONSTRAINT}: no latency tolerance request, hardware may go autonomous. */
    public static final int PM_QOS_LATENCY_TOLERANCE_NO_CONSTRAINT = -1;

    /** {@code PM_QOS_FLAG_NO_POWER_OFF}: the device must not be powered off. */
    public static final int PM_QOS_FLAG_NO_POWER_OFF = 1;

    private PmQos() {
    }
}
