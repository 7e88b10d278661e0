package io.github.lllqos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.contract.RealEnvironment;
import io.github.lllqos.topology.CpuReservation;
import io.github.lllqos.topology.CpuTopology;
import io.github.lllqos.topology.LogicalCpu;
import io.github.lllqos.topology.ReservableCpus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code lllqos cpus} on this machine, with a lock directory of the test's own. */
class CpusCommandTest {

    private static final String LOCK_DIRECTORY = "lllqos.cpu-lock-dir";

    @TempDir
    Path locks;

    private String before;

    @BeforeEach
    void useOwnLockDirectory() {
        RealEnvironment.require(System.getProperty("os.name").startsWith("Linux"), "this is not Linux");
        before = System.getProperty(LOCK_DIRECTORY);
        System.setProperty(LOCK_DIRECTORY, locks.toString());
    }

    @AfterEach
    void restoreLockDirectory() {
        if (before == null) {
            System.clearProperty(LOCK_DIRECTORY);
        } else {
            System.setProperty(LOCK_DIRECTORY, before);
        }
    }

    @Test
    void the_text_shows_the_topology_the_reservable_cpus_and_who_holds_them() {
        CpuTopology topology = CpuTopology.current();
        RealEnvironment.require(!ReservableCpus.of(topology).cpus().isEmpty(), "this machine has one CPU");
        try (CpuReservation cpu = CpuReservation.acquire()) {
            String text = run(0, "cpus");
            assertThat(text).contains("CPU count: " + topology.cpus().size(), "lock directory: " + locks,
                    "rule: " + ReservableCpus.of(topology).rule(),
                    "this process, PID " + ProcessHandle.current().pid());
            assertThat(text.lines().filter(line -> line.matches("\\s+" + cpu.pinnedCpu().getAsInt() + "\\s.*")))
                    .anyMatch(line -> line.contains("this process, PID"));
        }
        assertThat(run(0, "cpus")).contains("held: no CPU is reserved");
    }

    @Test
    void the_json_has_every_documented_key() {
        String json = run(0, "cpus", "--json");
        assertThat(json).startsWith("{\n  \"provider\": \"linux\"").contains("\"topology\": {", "\"online\": ",
                "\"cpu_count\": ", "\"core_count\": ", "\"package_count\": ", "\"hybrid\": ", "\"isolated\": ",
                "\"nohz_full\": ", "\"affinity\": ", "\"cpuset\": ", "\"usable\": ", "\"limitation\": ",
                "\"reservable\": {", "\"rule\": ", "\"lock_directory\": \"" + locks + "\"", "\"holders\": [",
                "\"cpus\": [", "\"package\": ", "\"die\": ", "\"cluster\": ", "\"core\": ", "\"siblings\": ",
                "\"capacity\": ", "\"core_type\": ", "\"held_by\": ").endsWith("}\n");
    }

    @Test
    void the_json_lists_a_held_cpu_under_holders_with_this_processs_pid_and_thread() {
        RealEnvironment.require(!ReservableCpus.of(CpuTopology.current()).cpus().isEmpty(), "this machine has one CPU");
        try (CpuReservation cpu = CpuReservation.acquire()) {
            assertThat(cpu.acquired()).as(cpu.notAcquiredReason().orElse("")).isTrue();
            String json = run(0, "cpus", "--json");
            assertThat(json).containsPattern("\"holders\": \\[\\s*\\{\\s*\"cpu\": " + cpu.pinnedCpu().getAsInt()
                    + ",\\s*\"pid\": " + ProcessHandle.current().pid() + ",\\s*\"thread\": \""
                    + Pattern.quote(Thread.currentThread().getName()) + "\",\\s*\"host\": \"[^\"]*\",\\s*"
                    + "\"started\": \"[^\"]+\",\\s*\"this_process\": true\\s*}\\s*]");
        }
        assertThat(run(0, "cpus", "--json")).containsPattern("\"holders\": \\[\\s*]");
    }

    @Test
    void a_cpu_in_no_cluster_shows_none_never_the_value_the_kernel_prints_for_it() {
        String json = run(0, "cpus", "--json");
        List<String> clusters = Pattern.compile("\"cluster\": ([^,}\\s]+)").matcher(json).results()
                .map(match -> match.group(1)).toList();
        assertThat(clusters).hasSize(CpuTopology.current().cpus().size())
                .allMatch(value -> value.equals("null") || value.matches("\\d+") && !value.equals("65535"));
        String text = run(0, "cpus");
        for (LogicalCpu cpu : CpuTopology.current().cpus()) {
            if (cpu.clusterId() < 0) {
                assertThat(text.lines().filter(line -> line.matches("\\s+" + cpu.number() + "\\s.*")))
                        .anyMatch(line -> line.contains(" none "));
            }
        }
    }

    @Test
    void a_reservable_cpus_setting_that_names_an_unknown_cpu_exits_2_naming_it() {
        String previous = System.getProperty(ReservableCpus.PROPERTY);
        System.setProperty(ReservableCpus.PROPERTY, "4095");
        try {
            StringWriter err = new StringWriter();
            CommandLine command = new CommandLine(new LllqosCommand());
            command.setErr(new PrintWriter(err));
            command.setOut(new PrintWriter(new StringWriter()));
            assertThat(command.execute("cpus")).isEqualTo(2);
            assertThat(err.toString()).contains("-Dlllqos.reservable-cpus=4095", "CPU 4095", "not an online CPU");
        } finally {
            if (previous == null) {
                System.clearProperty(ReservableCpus.PROPERTY);
            } else {
                System.setProperty(ReservableCpus.PROPERTY, previous);
            }
        }
    }

    private static String run(int exitCode, String... args) {
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new LllqosCommand());
        command.setOut(new PrintWriter(out));
        assertThat(command.execute(args)).isEqualTo(exitCode);
        return out.toString();
    }
}
