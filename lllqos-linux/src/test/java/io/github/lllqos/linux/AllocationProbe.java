package io.github.lllqos.linux;

import io.github.lllqos.linux.internal.NativeLayer;
import io.github.lllqos.linux.internal.NativeLibc;
import io.github.lllqos.spi.CpuLatencyRequest;
import java.nio.file.Path;

/**
 * Run by {@link NativeAllocationTest} in a JVM of its own per layer, as applications run one layer: measures the
 * bytes a placed and removed request and a periodic wait allocate, the best of a few measurements after warm-up
 * (on a loaded machine the JIT may still be compiling during the first).
 */
final class AllocationProbe {

    private static final int ROUNDS = 10_000;
    private static final int ATTEMPTS = 5;

    private AllocationProbe() {
    }

    public static void main(String[] args) throws Exception {
        NativeLibc libc = NativeLayer.current().libc();
        System.out.println("layer=" + NativeLayer.current().name());
        if (args.length > 0 && args[0].equals("device")) {
            DeviceCpuLatencyQos qos = new DeviceCpuLatencyQos(Path.of(args[1]), libc);
            placeAndRemove(qos, 3 * ROUNDS);
            long best = Long.MAX_VALUE;
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                long before = ThreadAllocation.bytes();
                placeAndRemove(qos, ROUNDS);
                best = Math.min(best, ThreadAllocation.bytes() - before);
            }
            System.out.println("request.bytes=" + best / ROUNDS);
        }
        ClockSleeper sleeper = new ClockSleeper(libc, 0);
        sleepEveryMicrosecond(sleeper, 3 * ROUNDS);
        long best = Long.MAX_VALUE;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long before = ThreadAllocation.bytes();
            sleepEveryMicrosecond(sleeper, ROUNDS);
            best = Math.min(best, ThreadAllocation.bytes() - before);
        }
        System.out.println("sleeps.bytes=" + best);
    }

    private static void placeAndRemove(DeviceCpuLatencyQos qos, int rounds) throws Exception {
        for (int i = 0; i < rounds; i++) {
            CpuLatencyRequest request = qos.addRequest(1000);
            request.remove();
        }
    }

    private static void sleepEveryMicrosecond(ClockSleeper sleeper, int rounds) {
        for (int i = 0; i < rounds; i++) {
            sleeper.sleepUntil(System.nanoTime() + 1_000);
        }
    }
}
