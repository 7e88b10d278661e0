package io.github.lllqos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.contract.RealEnvironment;
import io.github.lllqos.topology.CpuReservation;
import io.github.lllqos.topology.CpuTopology;
import io.github.lllqos.topology.ReservableCpus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code lllqos cyclic --reserve} on this machine, with a lock directory of the test's own. The runs that measure
 * are {@code --laptop} ones: they pin threads, and hold no CPU latency request on the machine's device.
 */
class CyclicReserveTest {

    private static final String LOCK_DIRECTORY = "lllqos.cpu-lock-dir";

    @TempDir
    Path temp;

    private String before;
    private Set<Integer> reservable;

    @BeforeEach
    void useOwnLockDirectory() {
        RealEnvironment.require(System.getProperty("os.name").startsWith("Linux"), "this is not Linux");
        before = System.getProperty(LOCK_DIRECTORY);
        System.setProperty(LOCK_DIRECTORY, temp.resolve("locks").toString());
        reservable = ReservableCpus.of(CpuTopology.current()).cpus();
        RealEnvironment.require(!reservable.isEmpty(), "this machine has one CPU");
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
    void each_thread_runs_on_a_reserved_cpu_that_is_free_again_after_the_run() throws Exception {
        Path json = temp.resolve("run.json");
        assertThat(run("cyclic", "--reserve", "--laptop", "-l", "50", "-q", "--json", json.toString())).isZero();
        assertThat(reservable).contains(cpuOfTheRun(json));
        assertThat(CpuReservation.holdersNow()).isEmpty();
    }

    @Test
    void with_an_affinity_list_the_cpu_is_reserved_among_the_listed_ones_reservable_or_not_and_freed_after()
            throws Exception {
        int listed = CpuTopology.current().usable().iterator().next();
        Path json = temp.resolve("run.json");
        assertThat(run("cyclic", "-a", Integer.toString(listed), "--reserve", "--laptop", "-l", "50", "-q", "--json",
                json.toString())).isZero();
        assertThat(cpuOfTheRun(json)).isEqualTo(listed);
        assertThat(CpuReservation.holdersNow()).isEmpty();
    }

    @Test
    void with_an_affinity_but_no_list_the_cpu_is_a_reservable_one_never_cpu_0() throws Exception {
        Path json = temp.resolve("run.json");
        assertThat(run("cyclic", "-a", "--reserve", "--laptop", "-l", "50", "-q", "--json", json.toString()))
                .isZero();
        assertThat(cpuOfTheRun(json)).isNotZero().isIn(reservable);
        assertThat(CpuReservation.holdersNow()).isEmpty();
    }

    @Test
    void more_threads_than_reservable_cpus_fail_naming_the_holder_and_release_what_was_taken() {
        StringWriter err = new StringWriter();
        assertThat(run(err, "cyclic", "--reserve", "-t", Integer.toString(reservable.size() + 1), "-l", "10", "-q"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("--reserve: no CPU for measuring thread " + reservable.size())
                .contains("is held by this process, PID " + ProcessHandle.current().pid() + " (thread 'cyclic-0'");
        assertThat(CpuReservation.holdersNow()).isEmpty();
    }

    @Test
    void spinning_survives_the_reservation_and_its_cost_is_reported() throws Exception {
        Path json = temp.resolve("run.json");
        assertThat(run("cyclic", "--reserve", "--laptop", "--spin", "20", "-l", "50", "-q", "--json",
                json.toString())).isZero();
        assertThat(reservable).contains(cpuOfTheRun(json));
        assertThat(Files.readString(json)).contains("\"spin\"");
    }

    @Test
    void a_reservable_cpus_property_that_names_no_cpu_exits_2_naming_it_and_measures_nothing() {
        String property = "lllqos.reservable-cpus";
        String was = System.getProperty(property);
        System.setProperty(property, "x");
        try {
            StringWriter err = new StringWriter();
            assertThat(run(err, "cyclic", "--reserve", "--laptop", "-l", "10", "-q")).isEqualTo(2);
            assertThat(err.toString()).startsWith("lllqos cyclic: --reserve: ").contains("-Dlllqos.reservable-cpus=x")
                    .doesNotContain("Exception").hasLineCount(1);
            assertThat(CpuReservation.holdersNow()).isEmpty();
        } finally {
            if (was == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, was);
            }
        }
    }

    private static int cpuOfTheRun(Path json) throws IOException {
        return Integer.parseInt(Files.readString(json).replaceAll("(?s).*\"cpu\": (\\d+).*", "$1"));
    }

    private static int run(String... args) {
        return run(new StringWriter(), args);
    }

    private static int run(StringWriter err, String... args) {
        CommandLine command = new CommandLine(new LllqosCommand());
        command.setOut(new PrintWriter(new StringWriter()));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }
}
