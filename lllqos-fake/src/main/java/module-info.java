/**
 * A simulated Linux PM QoS kernel for tests: {@link io.github.lllqos.fake.SimulatedKernel}, the provider
 * {@code fake} that places leases in it, and a JUnit 5 extension in {@code io.github.lllqos.fake.junit}.
 */
module io.github.lllqos.fake {
    requires transitive io.github.lllqos;
    requires static transitive org.junit.jupiter.api;

    exports io.github.lllqos.fake;
    exports io.github.lllqos.fake.junit;

    provides io.github.lllqos.spi.LowLatencyProvider with io.github.lllqos.fake.FakeProvider;
}
