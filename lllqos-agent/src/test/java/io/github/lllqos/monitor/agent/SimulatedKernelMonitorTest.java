package io.github.lllqos.monitor.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.fake.DeviceAccess;
import io.github.lllqos.fake.SimulatedKernel;
import io.github.lllqos.fake.SimulatedThread;
import io.github.lllqos.fake.junit.SimulatedKernelExtension;
import io.github.lllqos.monitor.MonitorReport;
import io.github.lllqos.monitor.MonitorSettings;
import io.github.lllqos.monitor.WakeupMonitor;
import io.github.lllqos.realtime.SchedPolicy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor and the agent on the simulated kernel, which lllqos-fake on the class path makes the provider of
 * this test JVM: the kernel records the CPU latency requests and the scheduling calls, and can refuse them.
 */
@ExtendWith(SimulatedKernelExtension.class)
class SimulatedKernelMonitorTest {

    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void latency_holds_its_request_on_the_simulated_device_while_the_agent_runs_and_stop_releases_it(
            SimulatedKernel kernel) throws Exception {
        Path file = dir.resolve("report.json");
        MonitorAgent.load("monitor,latency=25,report=" + file, err);
        try {
            assertThat(kernel.cpuLatencyQos().requests()).as("requests held in the simulated kernel").containsExactly(25);
            assertThat(kernel.cpuLatencyQos().limit()).isEqualTo(25);
            assertThat(MonitorAgent.session()).isNotNull();
        } finally {
            MonitorAgent.load("stop", err);
        }

        assertThat(kernel.cpuLatencyQos().requests()).as("requests after stop").isEmpty();
        assertThat(kernel.cpuLatencyQos().limit()).isEqualTo(2_000_000_000);
        assertThat(MonitorAgent.session()).isNull();
        MonitorReport report = MonitorReport.fromJson(Files.readString(file));
        assertThat(report.scheduling()).startsWith("SCHED_FIFO 80");
        assertThat(report.provider()).isEqualTo("fake");
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void a_latency_request_the_kernel_refuses_is_one_line_and_the_monitor_runs_on(SimulatedKernel kernel)
            throws Exception {
        kernel.cpuDmaLatency().access(DeviceAccess.PERMISSION_DENIED);
        MonitorAgent.load("monitor,latency=25", err);
        try {
            assertThat(MonitorAgent.session().monitor()).get().matches(WakeupMonitor::running);
            assertThat(kernel.cpuLatencyQos().requests()).isEmpty();
        } finally {
            MonitorAgent.load("stop", err);
        }

        String printed = errBytes.toString(StandardCharsets.UTF_8);
        assertThat(printed.lines().findFirst()).get().asString().startsWith("lllqos-agent: latency=25 not held: ");
    }

    @Test
    void where_the_kernel_refuses_real_time_the_monitor_runs_at_sched_other_and_says_why(SimulatedKernel kernel) {
        kernel.scheduler().unprivileged();
        try (WakeupMonitor monitor = WakeupMonitor.start(MonitorSettings.defaults())) {
            SimulatedThread thread = kernel.scheduler().thread(monitorThread());

            assertThat(thread.policy()).isEqualTo(SchedPolicy.OTHER);
            assertThat(thread.timerSlackNanos()).as("timer slack of the fallback").isEqualTo(1);
            assertThat(monitor.scheduling()).startsWith("SCHED_OTHER with 1 ns timer slack because SCHED_FIFO was"
                    + " refused: ").contains("EPERM");
            assertThat(monitor.report().scheduling()).isEqualTo(monitor.scheduling());
        }
    }

    @Test
    void where_the_kernel_permits_real_time_the_monitor_thread_gets_the_policy_priority_and_cpu_asked_for(
            SimulatedKernel kernel) {
        try (WakeupMonitor monitor = WakeupMonitor.start(MonitorSettings.defaults()
                .withScheduling(SchedPolicy.FIFO, 70).withCpu(1))) {
            SimulatedThread thread = kernel.scheduler().thread(monitorThread());

            assertThat(thread.policy()).isEqualTo(SchedPolicy.FIFO);
            assertThat(thread.priority()).isEqualTo(70);
            assertThat(thread.affinity()).containsExactly(1);
            assertThat(monitor.scheduling()).isEqualTo("SCHED_FIFO 70, CPU 1");
            assertThat(monitor.report().provider()).isEqualTo("fake");
        }
    }

    private static Thread monitorThread() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("lllqos-wakeup-monitor") && thread.isAlive())
                .findFirst().orElseThrow(() -> new AssertionError("no monitor thread runs"));
    }
}
