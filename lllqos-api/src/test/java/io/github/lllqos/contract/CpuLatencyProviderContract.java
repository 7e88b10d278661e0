package io.github.lllqos.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lllqos.CpuLatencyLease;
import io.github.lllqos.LowLatency;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every provider's leases must do, checked through the public API against the provider's kernel,
 * read by the subclass without going through lllqos. Subclass it in each provider module.
 */
public abstract class CpuLatencyProviderContract {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private int baseline;
    private long requestsBefore;
    /** Whether the kernel was recorded before the test: not where {@link #requireKernel()} skipped it. */
    private boolean recorded;

    /** The name {@link LowLatency#providerName()} must report, so the suite cannot run against another. */
    protected abstract String expectedProviderName();

    /** Skips or fails the suite when the provider's kernel is not usable here. */
    protected abstract void requireKernel();

    /** The effective limit, read from the kernel directly, not through lllqos. */
    protected abstract int kernelEffectiveLimit();

    /** How many requests this process holds in the kernel, counted without lllqos. */
    protected abstract long requestsHeldByThisProcess();

    @BeforeEach
    void recordTheKernelBeforeTheTest() {
        requireKernel();
        assertThat(LowLatency.providerName()).isEqualTo(expectedProviderName());
        baseline = kernelEffectiveLimit();
        requestsBefore = requestsHeldByThisProcess();
        recorded = true;
    }

    @AfterEach
    void theKernelIsAsBeforeTheTest() {
        if (!recorded) {
            return; // skipped before the kernel was read: there is nothing to compare, and maybe no kernel
        }
        assertThat(requestsHeldByThisProcess()).as("requests held after the test").isEqualTo(requestsBefore);
        assertThat(kernelEffectiveLimit()).as("effective limit after the test").isEqualTo(baseline);
    }

    @Test
    void a_held_lease_sets_the_effective_limit_and_closing_restores_it() {
        try (CpuLatencyLease lease = LowLatency.lowWakeupLatency(123)) {
            assertThat(lease.acquired()).isTrue();
            assertThat(lease.notAcquiredReason()).isEmpty();
            assertThat(lease.targetMicros()).isEqualTo(123);
            assertThat(requestsHeldByThisProcess()).isEqualTo(requestsBefore + 1);
            assertThat(kernelEffectiveLimit()).isEqualTo(Math.min(baseline, 123));
        }
        assertThat(kernelEffectiveLimit()).isEqualTo(baseline);
    }

    @Test
    void the_default_lease_targets_zero() {
        try (CpuLatencyLease lease = LowLatency.lowWakeupLatency()) {
            assertThat(lease.targetMicros()).isZero();
            assertThat(kernelEffectiveLimit()).isZero();
        }
    }

    @Test
    void two_leases_aggregate_to_the_minimum() {
        try (CpuLatencyLease loose = LowLatency.lowWakeupLatency(300)) {
            try (CpuLatencyLease strict = LowLatency.lowWakeupLatency(200)) {
                assertThat(loose.acquired() && strict.acquired()).isTrue();
                assertThat(kernelEffectiveLimit()).isEqualTo(Math.min(baseline, 200));
            }
            assertThat(kernelEffectiveLimit()).isEqualTo(Math.min(baseline, 300));
        }
    }

    @Test
    void update_changes_the_held_request() {
        try (CpuLatencyLease lease = LowLatency.lowWakeupLatency(500)) {
            lease.update(50);
            assertThat(kernelEffectiveLimit()).isEqualTo(Math.min(baseline, 50));
            lease.update(400);
            assertThat(kernelEffectiveLimit()).isEqualTo(Math.min(baseline, 400));
            assertThat(lease.targetMicros()).isEqualTo(400);
            assertThat(requestsHeldByThisProcess()).isEqualTo(requestsBefore + 1);
        }
    }

    @Test
    void effective_cpu_latency_reports_what_the_kernel_reports() {
        assertThat(LowLatency.effectiveCpuLatency()).hasValue(baseline);
        try (CpuLatencyLease lease = LowLatency.lowWakeupLatency(77)) {
            assertThat(LowLatency.effectiveCpuLatency()).hasValue(kernelEffectiveLimit());
        }
    }

    @Test
    void close_is_idempotent_and_a_closed_lease_refuses_updates() {
        CpuLatencyLease lease = LowLatency.lowWakeupLatency(10);
        lease.close();
        lease.close();
        assertThat(lease.acquired()).isFalse();
        assertThat(kernelEffectiveLimit()).isEqualTo(baseline);
        assertThatThrownBy(() -> lease.update(20)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThat(kernelEffectiveLimit()).isEqualTo(baseline);
    }

    @Test
    void negative_targets_are_rejected_and_change_nothing() {
        assertThatThrownBy(() -> LowLatency.lowWakeupLatency(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1").hasMessageContaining("0.." + Integer.MAX_VALUE);
        assertThat(requestsHeldByThisProcess()).isEqualTo(requestsBefore);
        try (CpuLatencyLease lease = LowLatency.lowWakeupLatency(60)) {
            assertThatThrownBy(() -> lease.update(-5)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("-5");
            assertThat(lease.targetMicros()).isEqualTo(60);
            assertThat(kernelEffectiveLimit()).isEqualTo(Math.min(baseline, 60));
        }
    }

    @Test
    void the_largest_target_is_accepted() {
        try (CpuLatencyLease lease = LowLatency.lowWakeupLatency(Integer.MAX_VALUE)) {
            assertThat(lease.acquired()).isTrue();
            assertThat(kernelEffectiveLimit()).isEqualTo(baseline);
        }
    }

    @Test
    void require_acquired_returns_a_held_lease() {
        try (CpuLatencyLease lease = LowLatency.lowWakeupLatency(30).requireAcquired()) {
            assertThat(lease.acquired()).isTrue();
        }
    }

    @Test
    void a_lease_that_is_never_closed_is_released_by_the_cleaner() throws InterruptedException {
        openAndForget(40);
        assertThat(requestsHeldByThisProcess()).isEqualTo(requestsBefore + 1);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (requestsHeldByThisProcess() != requestsBefore && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(requestsHeldByThisProcess()).isEqualTo(requestsBefore);
        assertThat(kernelEffectiveLimit()).isEqualTo(baseline);
    }

    private static void openAndForget(int targetMicros) {
        assertThat(LowLatency.lowWakeupLatency(targetMicros).acquired()).isTrue();
    }

    @Test
    void many_threads_opening_and_closing_leases_leave_no_request_behind() throws Exception {
        int threads = 8;
        int leasesPerThread = 250;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int target = 1000 + t;
            results.add(pool.submit(() -> {
                start.await();
                int acquired = 0;
                for (int i = 0; i < leasesPerThread; i++) {
                    try (CpuLatencyLease lease = LowLatency.lowWakeupLatency(target)) {
                        lease.update(target + 1);
                        acquired += lease.acquired() ? 1 : 0;
                    }
                }
                return acquired;
            }));
        }
        start.countDown();
        int acquired = 0;
        for (Future<Integer> result : results) {
            acquired += result.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(acquired).isEqualTo(threads * leasesPerThread);
    }

    @Test
    void closing_one_lease_from_many_threads_releases_it_once() throws Exception {
        try (CpuLatencyLease other = LowLatency.lowWakeupLatency(900)) {
            CpuLatencyLease lease = LowLatency.lowWakeupLatency(800);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> closes = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                closes.add(pool.submit(() -> {
                    start.await();
                    lease.close();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> close : closes) {
                close.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(requestsHeldByThisProcess()).isEqualTo(requestsBefore + 1);
            assertThat(kernelEffectiveLimit()).isEqualTo(Math.min(baseline, 900));
        }
    }
}
