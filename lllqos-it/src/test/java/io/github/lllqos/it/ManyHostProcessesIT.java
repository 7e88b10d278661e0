package io.github.lllqos.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 9, on the host without containers: many JVMs hold, update and release leases at the same time, end
 * in every way a process can (stop, close then stop, SIGTERM, SIGKILL), and leave nothing behind.
 */
@ExtendWith(HostBaseline.class)
class ManyHostProcessesIT {

    private static final int PROCESSES = 12;
    private static final int LOWEST_TARGET = 100;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

    private final List<HostLeaseProcess> processes = new ArrayList<>();
    private final ExecutorService drivers = Executors.newFixedThreadPool(PROCESSES);

    @AfterEach
    void kill_what_still_runs() throws InterruptedException {
        drivers.shutdownNow();
        drivers.awaitTermination(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        processes.forEach(HostLeaseProcess::destroy);
    }

    @Test
    void concurrent_processes_holding_and_releasing_leases_leave_the_host_as_it_was() throws Exception {
        int before = Scenarios.hostValueAbove(LOWEST_TARGET);
        for (int i = 0; i < PROCESSES; i++) {
            processes.add(HostLeaseProcess.start(LOWEST_TARGET + 10 * i));
        }
        for (HostLeaseProcess process : processes) {
            assertThat(process.awaitState("start", START_TIMEOUT).acquired()).as(process.logs()).isTrue();
        }
        HostCpuLatency.awaitEffective(LOWEST_TARGET, STEP_TIMEOUT, this::logs);
        List<Long> pids = processes.stream().map(HostLeaseProcess::pid).collect(Collectors.toList());
        assertThat(HostCpuLatency.holders()).containsAll(pids);

        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> exits = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            HostLeaseProcess process = processes.get(i);
            int way = i % 4;
            exits.add(drivers.submit(() -> {
                go.await();
                return endIn(way, process);
            }));
        }
        go.countDown();
        for (int i = 0; i < PROCESSES; i++) {
            int exit = exits.get(i).get(STEP_TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS);
            assertThat(exit).as(processes.get(i).logs()).isEqualTo(expectedExit(i % 4));
        }

        HostCpuLatency.awaitBackTo(before, STEP_TIMEOUT, this::logs);
        assertThat(HostCpuLatency.holders()).as("no process of the test holds a request").doesNotContainAnyElementsOf(pids);
    }

    /** Ends a process in one of four ways, after some updates; returns its exit code. */
    private static int endIn(int way, HostLeaseProcess process) throws Exception {
        switch (way) {
            case 0:
                process.send("stop");
                break;
            case 1:
                process.kill();
                break;
            case 2:
                process.terminate();
                break;
            default:
                for (int target = 90; target >= 50; target -= 10) {
                    process.send("update " + target);
                    StateLine updated = process.awaitState("updated", STEP_TIMEOUT);
                    assertThat(updated.target()).isEqualTo(target);
                    assertThat(updated.effective().orElseThrow())
                            .as("the limit while this process asks for " + target + " µs")
                            .isLessThanOrEqualTo(target);
                }
                process.send("close");
                assertThat(process.awaitState("closed", STEP_TIMEOUT).acquired()).isFalse();
                process.send("stop");
                break;
        }
        return process.awaitExit(STEP_TIMEOUT);
    }

    private static int expectedExit(int way) {
        return way == 1 ? 137 : way == 2 ? 143 : 0;
    }

    private String logs() {
        return processes.stream().map(HostLeaseProcess::logs).collect(Collectors.joining("\n"));
    }
}
