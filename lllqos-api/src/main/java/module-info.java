/**
 * lllqos: low wake-up latency for JVM threads on Linux.
 *
 * <p>Start with {@link io.github.lllqos.LowLatency}. Providers implement
 * {@link io.github.lllqos.spi.LowLatencyProvider} and are found with {@link java.util.ServiceLoader}.
 */
module io.github.lllqos {
    exports io.github.lllqos;
    exports io.github.lllqos.realtime;
    exports io.github.lllqos.cpuidle;
    exports io.github.lllqos.topology;
    exports io.github.lllqos.spi;
    exports io.github.lllqos.spi.support;

    // Both optional: a jlinked runtime may leave them out, and the classes that use them check first.
    requires static jdk.jfr;
    requires static java.management;

    uses io.github.lllqos.spi.LowLatencyProvider;
}
