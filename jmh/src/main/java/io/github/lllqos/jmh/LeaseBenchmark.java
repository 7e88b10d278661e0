package io.github.lllqos.jmh;

import io.github.lllqos.spi.CpuLatencyQos;
import com.sun.jna.Memory;
import io.github.lllqos.CpuLatencyLease;
import io.github.lllqos.LowLatency;
import io.github.lllqos.ProviderSelection;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a lease costs: acquire + release through the API, against the bare {@code open}, {@code write},
 * {@code close} it is made of, for each provider named by {@link #provider}: the real kernel ({@code linux}) and the
 * simulated one ({@code fake}). The name is set as {@value ProviderSelection#PROPERTY} before lllqos is first used;
 * JMH forks a JVM per parameter value, so each fork selects its provider afresh. The native layer of the linux
 * provider is the JVM's (java.lang.foreign on JDK 22+, JNA before) unless {@code -Dlllqos.native} is passed to
 * the forks; {@code jmh/lease-cost.sh} compares both with C.
 *
 * <pre>java -jar jmh/target/benchmarks.jar LeaseBenchmark
 * java -jar jmh/target/benchmarks.jar LeaseBenchmark.leaseAcquireRelease -p provider=linux \
 *     -jvmArgsAppend "--enable-native-access=ALL-UNNAMED -Dlllqos.native=jna"   # JDK 22+: JNA instead</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class LeaseBenchmark {

    private static final String DEVICE = CpuLatencyQos.DEVICE;

    /** The provider the leases go through. */
    @Param({"linux", "fake"})
    public String provider;

    /** Selects the provider, and fails the run early when no request can be held rather than measuring a no-op. */
    @Setup
    public void requireAHeldLease() {
        System.setProperty(ProviderSelection.PROPERTY, provider);
        if (!LowLatency.providerName().equals(provider)) {
            throw new IllegalStateException("provider " + provider + " was not selected: "
                    + LowLatency.providerSelection().report());
        }
        try (CpuLatencyLease lease = LowLatency.lowWakeupLatency()) {
            lease.requireAcquired();
        }
        System.out.println(LowLatency.providerSelection().report());
    }

    /**
     * A lease opened and closed through the API.
     *
     * @return whether it was held, so the work is not eliminated
     */
    @Benchmark
    public boolean leaseAcquireRelease() {
        try (CpuLatencyLease lease = LowLatency.lowWakeupLatency()) {
            return lease.acquired();
        }
    }

    /**
     * The system calls alone, direct-mapped like the provider's: open, write 4 bytes, close.
     *
     * @return the bytes written
     */
    @Benchmark
    public long bareOpenWriteClose(BareArguments arguments) {
        int fd = BareDeviceCalls.open(arguments.path, BareDeviceCalls.O_RDWR | BareDeviceCalls.O_CLOEXEC);
        long written = BareDeviceCalls.write(fd, arguments.target, 4);
        BareDeviceCalls.close(fd);
        return written;
    }

    /** The path and value of the bare calls in JNA memory, in a state of their own so leases never load JNA. */
    @State(Scope.Thread)
    public static class BareArguments {
        final Memory path = new Memory(DEVICE.length() + 1L);
        final Memory target = new Memory(Integer.BYTES);

        /** Fills in the path and the 0 µs target. */
        @Setup
        public void fill() {
            path.setString(0, DEVICE, "US-ASCII");
            target.setInt(0, 0);
        }
    }

    /**
     * Reading the system-wide limit through the API (open, pread, close).
     *
     * @return the limit
     */
    @Benchmark
    public OptionalInt effectiveLimitRead() {
        return LowLatency.effectiveCpuLatency();
    }
}
