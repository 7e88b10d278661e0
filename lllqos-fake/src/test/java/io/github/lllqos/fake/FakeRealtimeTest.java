package io.github.lllqos.fake;

import io.github.lllqos.Errno;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.Outcome;
import io.github.lllqos.realtime.Periodic;
import io.github.lllqos.realtime.PriorityChange;
import io.github.lllqos.realtime.Realtime;
import io.github.lllqos.realtime.SchedPolicy;
import io.github.lllqos.realtime.ThreadSetup;
import io.github.lllqos.fake.junit.SimulatedKernelExtension;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** With the fake provider, real-time calls are recorded by the installed kernel's scheduler, for assertions. */
@ExtendWith(SimulatedKernelExtension.class)
class FakeRealtimeTest {

    @Test
    void a_real_time_thread_set_up_is_recorded_for_its_java_thread(SimulatedKernel kernel) throws Exception {
        Thread control = new Thread(() -> {
            Realtime.setupRealtimeThread(80);
            Realtime.setTimerSlackNanos(1);
        }, "control-loop");
        control.start();
        control.join();

        SimulatedThread thread = kernel.scheduler().thread(control);
        assertThat(thread.policy()).isEqualTo(SchedPolicy.RR);
        assertThat(thread.priority()).isEqualTo(80);
        assertThat(thread.affinity()).containsExactly(0);
        assertThat(thread.timerSlackNanos()).isZero();
        assertThat(kernel.scheduler().calls()).containsExactly(
                "sched_setscheduler(" + thread.tid() + " 'control-loop', SCHED_RR, 80) = 0",
                "sched_setaffinity(" + thread.tid() + " 'control-loop', [0]) = 0",
                "prctl(PR_SET_TIMERSLACK, 1) on " + thread.tid() + " 'control-loop' = 0 (ignored: real-time thread)");
    }

    @Test
    void real_time_threads_go_to_the_isolated_cpus_in_turn(SimulatedKernel kernel) throws Exception {
        kernel.scheduler().isolatedCpus(Set.of(2, 3));
        Thread[] threads = new Thread[4];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> Realtime.setupRealtimeThread(80), "control-" + i);
            threads[i].start();
            threads[i].join();
        }

        for (int i = 0; i < threads.length; i++) {
            Set<Integer> affinity = kernel.scheduler().thread(threads[i]).affinity();
            assertThat(affinity).as("thread %d", i).hasSize(1).isSubsetOf(2, 3);
            if (i > 0) {
                assertThat(affinity).as("thread %d goes elsewhere than the one before", i)
                        .isNotEqualTo(kernel.scheduler().thread(threads[i - 1]).affinity());
            }
        }
        assertThat(Realtime.backgroundCpus()).containsExactly(0, 1);
    }

    @Test
    void in_a_cpuset_without_the_isolated_cpus_a_real_time_thread_goes_to_the_lowest_cpu_it_may_use(
            SimulatedKernel kernel) throws Exception {
        kernel.scheduler().isolatedCpus(Set.of(2, 3));
        kernel.cpuset(SimulatedCpuset.v2("/docker/c1", Set.of(0, 1)));
        AtomicReference<ThreadSetup> setup = new AtomicReference<>();
        Thread control = new Thread(() -> setup.set(Realtime.setupRealtimeThread(80)), "control-loop");
        control.start();
        control.join();

        assertThat(setup.get().affinity().applied()).as(setup.get().toString()).isTrue();
        assertThat(kernel.scheduler().thread(control).affinity()).containsExactly(0);
        assertThat(Realtime.backgroundCpus()).containsExactly(1);
    }

    @Test
    void the_thread_ids_name_the_simulated_threads(SimulatedKernel kernel) {
        long tid = Realtime.threadId().orElseThrow();

        Realtime.elevatePriority(tid, SchedPolicy.FIFO, 10);

        assertThat(kernel.scheduler().thread(tid)).hasValueSatisfying(thread ->
                assertThat(thread.policy()).isEqualTo(SchedPolicy.FIFO));
        assertThat(kernel.scheduler().thread(Thread.currentThread()).tid()).isEqualTo(tid);
    }

    @Test
    void without_privileges_the_fallback_to_nice_is_recorded(SimulatedKernel kernel) {
        kernel.scheduler().unprivileged().niceLimit(30);

        PriorityChange change = Realtime.elevatePriority(SchedPolicy.FIFO, 80);

        assertThat(change.method()).isEqualTo(PriorityChange.Method.NICE);
        assertThat(kernel.scheduler().thread(Thread.currentThread()).nice()).isEqualTo(-10);
        assertThat(kernel.scheduler().calls()).hasSize(2).first().asString().endsWith("SCHED_FIFO, 80) = EPERM");
    }

    @Test
    void a_hard_rtprio_limit_lets_the_soft_one_be_raised(SimulatedKernel kernel) {
        kernel.scheduler().unprivileged().rtprioLimit(0, 99);

        PriorityChange change = Realtime.elevatePriority(40);

        assertThat(change.method()).isEqualTo(PriorityChange.Method.REALTIME_POLICY_AFTER_RAISING_RLIMIT);
        assertThat(kernel.scheduler().calls()).contains("setrlimit(RLIMIT_RTPRIO, 40) = 0");
        assertThat(kernel.scheduler().thread(Thread.currentThread()).priority()).isEqualTo(40);
    }

    @Test
    void a_cgroup_without_real_time_runtime_refuses_even_a_privileged_thread(SimulatedKernel kernel) {
        kernel.scheduler().realtimeRuntimeMicros(0);

        PriorityChange change = Realtime.elevatePriority(SchedPolicy.FIFO, 80);

        assertThat(change.realtime()).isFalse();
        assertThat(change.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("no runtime"));
    }

    @Test
    void memory_locks_and_background_workers_are_recorded(SimulatedKernel kernel) throws Exception {
        AtomicReference<ThreadSetup> setup = new AtomicReference<>();
        Thread worker = new Thread(() -> setup.set(Realtime.setupBackgroundWorker()), "worker");

        Outcome<Long> locked = Realtime.lockMemory();
        worker.start();
        worker.join();

        assertThat(locked.applied()).isTrue();
        assertThat(kernel.scheduler().memoryLocked()).isTrue();
        assertThat(kernel.scheduler().thread(worker).nice()).isEqualTo(10);
        assertThat(kernel.scheduler().thread(worker).affinity()).isEqualTo(Set.of(1, 2, 3));
        assertThat(setup.get().affinity().applied()).isTrue();
        Realtime.unlockMemory();
        assertThat(kernel.scheduler().memoryLocked()).isFalse();
    }

    @Test
    void an_unprivileged_memory_lock_is_refused_with_eperm(SimulatedKernel kernel) {
        kernel.scheduler().unprivileged();

        Outcome<Long> locked = Realtime.lockMemory();

        assertThat(locked.applied()).isFalse();
        assertThat(locked.errno()).contains(Errno.EPERM);
    }

    @Test
    void periodic_wake_ups_use_the_real_clock_and_are_never_early() {
        Periodic periodic = Periodic.every(Duration.ofMillis(1)).withOverrun(Periodic.Overrun.CATCH_UP);

        long first = periodic.awaitNext();
        long second = periodic.awaitNext();

        assertThat(System.nanoTime()).isGreaterThanOrEqualTo(second);
        assertThat(second - first).isEqualTo(1_000_000);
        assertThat(Periodic.fallbackReason()).isEmpty();
    }
}
