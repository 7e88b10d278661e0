package io.github.lllqos.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.contract.RealEnvironment;
import io.github.lllqos.linux.internal.NativeLayer;
import io.github.lllqos.linux.internal.NativeLibc;
import io.github.lllqos.spi.CpuLatencyRequest;
import org.junit.jupiter.api.Test;

/**
 * The hot paths allocate no native memory per call on either layer (JNA, and java.lang.foreign from JDK 22):
 * blocks are allocated once per thread, per request or per sleeper.
 */
class NativeAllocationTest {

    private static final int ROUNDS = 10_000;

    @Test
    void a_request_placed_and_removed_allocates_at_most_its_own_small_object_on_either_layer() throws Exception {
        RealEnvironment.requireCpuDmaLatency();
        for (NativeLibc libc : NativeLayer.everyLayerHere()) {
            DeviceCpuLatencyQos qos = new DeviceCpuLatencyQos(RealEnvironment.CPU_DMA_LATENCY, libc);
            long sink = placeAndRemove(qos, 2 * ROUNDS);

            long before = ThreadAllocation.bytes();
            sink += placeAndRemove(qos, ROUNDS);
            long perRequest = (ThreadAllocation.bytes() - before) / ROUNDS;

            assertThat(sink).isPositive();
            assertThat(perRequest).as("bytes per request on %s: the request object is 24, a native block per call"
                    + " would add 64 or more", libc.getClass().getSimpleName()).isLessThanOrEqualTo(32);
        }
    }

    @Test
    void the_periodic_wait_allocates_nothing_on_either_layer() {
        for (NativeLibc libc : NativeLayer.everyLayerHere()) {
            ClockSleeper sleeper = new ClockSleeper(libc, 0);
            sleepEveryMicrosecond(sleeper, 2 * ROUNDS);

            long before = ThreadAllocation.bytes();
            sleepEveryMicrosecond(sleeper, ROUNDS);
            long allocated = ThreadAllocation.bytes() - before;

            assertThat(allocated).as("bytes allocated by %d waits on %s: one object per wait would be %d or more",
                    ROUNDS, libc.getClass().getSimpleName(), 16 * ROUNDS).isLessThan(1024);
        }
    }

    private static long placeAndRemove(DeviceCpuLatencyQos qos, int rounds) throws Exception {
        long sink = 0;
        for (int i = 0; i < rounds; i++) {
            CpuLatencyRequest request = qos.addRequest(1000);
            sink += request.hashCode() & 1 | 1;
            request.remove();
        }
        return sink;
    }

    private static void sleepEveryMicrosecond(ClockSleeper sleeper, int rounds) {
        for (int i = 0; i < rounds; i++) {
            sleeper.sleepUntil(System.nanoTime() + 1_000);
        }
    }
}
