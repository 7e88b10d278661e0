package io.github.lllqos.jmh;

import io.github.lllqos.linux.internal.ErrnoException;
import io.github.lllqos.linux.internal.NativeLayer;
import io.github.lllqos.linux.internal.NativeLibc;
import io.github.lllqos.linux.internal.NativeMemory;
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
 * What one libc call costs on each native layer. {@code sched_getcpu()} is answered by the vDSO without a system
 * call, so its time is the layer's own call path (JNA's direct mapping against a java.lang.foreign downcall
 * handle). {@code getrusage(RUSAGE_THREAD)} is the system call a deadline thread's {@code Periodic} makes once per
 * job to count the times it blocked, so its time is what that count adds to each job. The layer is picked with
 * {@value NativeLayer#PROPERTY} before its first use; JMH forks a JVM per value. {@code ffm} needs JDK 22+; there
 * pass native access to the forks, or the JDK warns:
 *
 * <pre>java -jar jmh/target/benchmarks.jar NativeCallBenchmark -jvmArgsAppend --enable-native-access=ALL-UNNAMED
 * java -jar jmh/target/benchmarks.jar NativeCallBenchmark -p layer=jna     # JDK 17 to 21</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class NativeCallBenchmark {

    /** The native layer: {@code ffm} (java.lang.foreign) or {@code jna}. */
    @Param({"ffm", "jna"})
    public String layer;

    private NativeLibc libc;
    private NativeMemory usage;

    /** Picks the layer, and fails the run when another one was chosen rather than measuring it. */
    @Setup
    public void pickTheLayer() {
        System.setProperty(NativeLayer.PROPERTY, layer);
        NativeLayer chosen = NativeLayer.current();
        libc = chosen.libc();
        usage = libc.allocate(NativeLibc.SIZEOF_RUSAGE);
        System.out.println(chosen.description());
    }

    /**
     * One call that the vDSO answers without entering the kernel.
     *
     * @return the CPU this thread runs on
     * @throws ErrnoException never on Linux 2.6.19 and later
     */
    @Benchmark
    public int schedGetcpu() throws ErrnoException {
        return libc.sched_getcpu();
    }

    /**
     * The calling thread's resource usage, read as a deadline thread reads it once per job.
     *
     * @return the thread's voluntary context switches so far
     * @throws ErrnoException never for {@code RUSAGE_THREAD} on Linux 2.6.26 and later
     */
    @Benchmark
    public long getrusageThread() throws ErrnoException {
        libc.getrusage(NativeLibc.RUSAGE_THREAD, usage);
        return usage.getLong(NativeLibc.RUSAGE_NVCSW_OFFSET);
    }
}
