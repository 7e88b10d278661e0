package io.github.lllqos.jmh;

import io.github.lllqos.fake.PmQosRequest;
import io.github.lllqos.fake.SimulatedKernel;
import java.util.SplittableRandom;
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
 * The simulated kernel's CPU latency list with 10, 1,000 and 100,000 live requests: reading the limit should cost
 * the same at every size (a volatile read, no lock), changing a request O(log n).
 *
 * <pre>java -jar jmh/target/benchmarks.jar SimulatedKernelBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class SimulatedKernelBenchmark {

    /** How many requests are live while measuring. */
    @Param({"10", "1000", "100000"})
    public int liveRequests;

    private SimulatedKernel kernel;
    private PmQosRequest moving;
    private int[] targets;
    private int next;

    /** Fills the list with requests at random values between 1,000 and 1,000,000 µs. */
    @Setup
    public void fillTheList() {
        kernel = new SimulatedKernel();
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 1; i < liveRequests; i++) {
            kernel.cpuLatencyQos().addRequest(new PmQosRequest(), random.nextInt(1_000, 1_000_000));
        }
        moving = new PmQosRequest();
        kernel.cpuLatencyQos().addRequest(moving, 500_000);
        // The moving request visits values spread over the list, each one different from the last.
        targets = new int[1024];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = random.nextInt(1_000, 1_000_000);
        }
    }

    /**
     * {@code cpu_latency_qos_limit()}.
     *
     * @return the limit
     */
    @Benchmark
    public int aggregateRead() {
        return kernel.cpuLatencyQos().limit();
    }

    /**
     * {@code cpu_latency_qos_update_request()} to a new value: the node moves within the sorted list.
     *
     * @return the limit after the update
     */
    @Benchmark
    public int updateRequest() {
        kernel.cpuLatencyQos().updateRequest(moving, targets[next++ & (targets.length - 1)]);
        return kernel.cpuLatencyQos().limit();
    }
}
