package io.github.lllqos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code status} under the simulated kernel shows the simulated kernel only: values set in it that differ from
 * this machine's, in the text and in the JSON, and nothing of the real {@code /proc} or {@code /sys}.
 */
class SimulatedStatusTest {

    /** The simulated kernel's jar, which the build keeps off this JVM's class path (it would be chosen here). */
    private static final Path FAKE_JAR = Path.of(System.getProperty("lllqos.test.fake-jar", "lllqos-fake.jar"));

    @Test
    void the_text_shows_the_simulated_kernels_values_and_none_of_this_machines() throws Exception {
        Run status = runSimulated(SimulatedStatusProgram.class.getName(), "status");

        assertThat(status.exit()).as(status.output()).isZero();
        assertThat(status.output()).contains(
                "provider: fake (lllqos.provider=fake)",
                "effective limit: " + SimulatedStatusProgram.HELD_MICROS + " µs",
                "kernel version (uname -v): #1 SMP PREEMPT_DYNAMIC simulated by lllqos-fake",
                "current mode: full",
                "sched_rt_runtime_us: 600000", "sched_rt_period_us: 700000",
                "throttling: on: real-time threads are stopped for 100000 µs of every 700000 µs",
                "isolated CPUs (isolcpus=): 5",
                "RLIMIT_RTPRIO (soft): 7 (", "RLIMIT_RTPRIO (hard): 9",
                "CPU 5:", "cpuidle driver: intel_idle", "cpuidle governor: menu")
                .contains("processes holding /dev/cpu_dma_latency open: " + status.pid() + " java")
                .containsPattern("state3 +C6 +133 µs +no +\\d+ +blocked \\(133 > 42 µs\\)");
    }

    @Test
    void the_json_carries_the_simulated_values_under_the_same_keys() throws Exception {
        Run status = runSimulated(SimulatedStatusProgram.class.getName(), "status", "--json");

        assertThat(status.exit()).as(status.output()).isZero();
        assertThat(status.output()).contains("\"provider\": \"fake\"",
                "\"effective_limit_us\": " + SimulatedStatusProgram.HELD_MICROS,
                "\"sched_rt_runtime_us\": 600000", "\"sched_rt_period_us\": 700000", "\"throttling\": \"on\"",
                "\"isolated\": [5]", "\"nohz_full\": []", "\"rlimit_rtprio_soft\": 7", "\"rlimit_rtprio_hard\": 9",
                "\"model\": \"PREEMPT_DYNAMIC\"", "\"mode\": \"full\"", "\"cpu5\": {", "\"cpuidle_driver\": \"intel_idle\"")
                .contains("\"holders\": {\"processes\": [{\"pid\": " + status.pid() + ", \"command\": \"java\"}],"
                        + " \"uninspectable\": 0}")
                .containsPattern("\"can_place_requests\": \\{\"allowed\": true, \"user\": \"[^\"]+\"\\}");
    }

    @Test
    void the_default_simulated_kernel_is_what_a_user_sees_with_the_fake_jar_and_the_property() throws Exception {
        Run status = runSimulated(LllqosCommand.class.getName(), "status");

        assertThat(status.exit()).as(status.output()).isZero();
        assertThat(status.output()).contains("provider: fake (lllqos.provider=fake)",
                "effective limit: 2000000000 µs (the default: no process requests a limit)",
                "processes holding /dev/cpu_dma_latency open: none",
                "#1 SMP PREEMPT_DYNAMIC simulated by lllqos-fake", "CPU 3:", "cpuidle driver: intel_idle");
    }

    /** {@code java -Dlllqos.provider=fake -cp CLASSPATH:lllqos-fake.jar MAIN ARGS}. */
    private static Run runSimulated(String mainClass, String... args)
            throws IOException, InterruptedException {
        assertThat(FAKE_JAR).as("the build passes the simulated kernel's jar as lllqos.test.fake-jar").exists();
        List<String> command = new ArrayList<>(ChildCommand.command(List.of("-Dlllqos.provider=fake"), args));
        int classPath = command.indexOf("-cp") + 1;
        command.set(classPath, command.get(classPath) + java.io.File.pathSeparator + FAKE_JAR);
        command.set(classPath + 1, mainClass);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return new Run(process.waitFor(), output, process.pid());
    }

    /** How a child ended, and its process id: the simulated process is the child JVM. */
    private record Run(int exit, String output, long pid) {
    }
}
