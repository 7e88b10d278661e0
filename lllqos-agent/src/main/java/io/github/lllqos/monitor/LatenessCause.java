package io.github.lllqos.monitor;

/** Why a wake-up ran late: each late wake-up is given exactly one. */
public enum LatenessCause {

    /** It overlapped a JVM safepoint (a stop-the-world GC pause or another VM operation), as JFR recorded it. */
    JVM_PAUSE("jvm-pause"),
    /** The monitor thread was runnable but not running: its run-queue wait rose, or it was switched out. */
    PREEMPTED("preempted"),
    /** The hypervisor ran something else on the CPU: the steal time in {@code /proc/stat} rose. */
    STEAL("steal"),
    /** None of the above was seen. */
    UNEXPLAINED("unexplained");

    private final String key;

    LatenessCause(String key) {
        this.key = key;
    }

    /**
     * The name in the JSON report, the JFR event and the text.
     *
     * @return such as {@code "jvm-pause"}
     */
    public String key() {
        return key;
    }
}
