package io.github.lllqos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.realtime.SchedPolicy;
import io.github.lllqos.cli.cyclic.CyclicSettings;
import io.github.lllqos.cli.cyclic.SpinFinish;
import io.github.lllqos.cli.cyclic.Wakeups;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class CyclicCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CyclicSettings parse(String... args) {
        CyclicCommand command = new CyclicCommand();
        new CommandLine(command).parseArgs(args);
        return command.settings(new PrintWriter(err, true));
    }

    private int run(String... args) {
        return LllqosCommand.commandLine(new LllqosCommand()).setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err)).execute(args);
    }

    @Test
    void the_defaults_are_cyclictests() {
        CyclicSettings settings = parse();

        assertThat(settings.intervalMicros()).isEqualTo(1000);
        assertThat(settings.distanceMicros()).isEqualTo(500);
        assertThat(settings.loops()).isZero();
        assertThat(settings.policy()).isEqualTo(SchedPolicy.OTHER);
        assertThat(settings.priority()).isZero();
        assertThat(settings.threads()).isEqualTo(1);
        assertThat(settings.latencyTargetMicros()).isEqualTo(OptionalInt.of(0));
        assertThat(settings.histogramMicros()).isZero();
        assertThat(settings.affinity()).isEmpty();
        assertThat(settings.lockMemory()).isFalse();
        assertThat(settings.duration()).isEqualTo(Duration.ZERO);
    }

    @Test
    void cyclictests_letters_set_the_settings() {
        CyclicSettings settings = parse("-i", "250", "-l", "5000", "-p", "80", "-m", "-a", "0", "-t", "2", "-q",
                "-h", "400", "--latency", "5", "-D", "2m");

        assertThat(settings.intervalMicros()).isEqualTo(250);
        assertThat(settings.loops()).isEqualTo(5000);
        assertThat(settings.policy()).isEqualTo(SchedPolicy.FIFO);
        assertThat(settings.priority()).isEqualTo(80);
        assertThat(settings.lockMemory()).isTrue();
        assertThat(settings.affinity()).hasValueSatisfying(cpus -> assertThat(cpus.cpus()).containsExactly(0));
        assertThat(settings.threads()).isEqualTo(2);
        assertThat(settings.histogramMicros()).isEqualTo(400);
        assertThat(settings.latencyTargetMicros()).isEqualTo(OptionalInt.of(5));
        assertThat(settings.duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.intervalMicros(1)).as("one interval for all threads with -h").isEqualTo(250);
    }

    @Test
    void threads_without_a_number_means_one_per_usable_cpu_and_affinity_without_a_list_pins_each_to_its_own() {
        CyclicSettings settings = parse("-t", "-a");

        assertThat(settings.threads()).isEqualTo(Wakeups.usableCpus().cpus().size());
        assertThat(settings.affinity()).hasValueSatisfying(cpus -> assertThat(cpus.cpus())
                .isEqualTo(Wakeups.usableCpus().cpus()));
        assertThat(settings.intervalMicros(1)).as("-d 500 between threads").isEqualTo(1500);
    }

    @Test
    void a_priority_with_a_policy_that_is_not_realtime_selects_fifo_and_says_so_as_cyclictest_does() {
        CyclicSettings settings = parse("--policy", "other", "-p", "80");

        assertThat(settings.policy()).isEqualTo(SchedPolicy.FIFO);
        assertThat(err.toString()).contains("policy and priority don't match: setting policy to SCHED_FIFO");
    }

    @Test
    void a_realtime_policy_without_a_priority_gets_threads_plus_one() {
        CyclicSettings settings = parse("--policy", "rr", "-t", "3");

        assertThat(settings.policy()).isEqualTo(SchedPolicy.RR);
        assertThat(settings.priority()).isEqualTo(4);
        assertThat(err.toString()).contains("defaulting realtime priority to 4");
    }

    @Test
    void priority_zero_selects_fifo_at_threads_plus_one_as_cyclictest_does() {
        CyclicSettings settings = parse("-p", "0", "-t", "1");

        assertThat(settings.policy()).isEqualTo(SchedPolicy.FIFO);
        assertThat(settings.priority()).isEqualTo(2);
        assertThat(err.toString()).contains("defaulting realtime priority to 2");
    }

    @Test
    void the_help_and_the_settings_agree_on_the_priority_range() {
        CommandLine cyclic = LllqosCommand.commandLine(new LllqosCommand()).getSubcommands().get("cyclic");

        assertThat(String.join(" ", cyclic.getCommandSpec().findOption("-p").description())).contains("0..99");
        assertThat(parse("-p", "99").priority()).isEqualTo(99);
        assertThat(run("cyclic", "-p", "100", "-l", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("-p priority must be 0..99, was 100");
    }

    @Test
    void laptop_holds_no_cpu_latency_request_and_cannot_be_combined_with_one() {
        assertThat(parse("--laptop").latencyTargetMicros()).isEmpty();

        assertThat(run("cyclic", "--laptop", "--latency", "5", "-l", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("--laptop holds no CPU latency request");
        assertThat(out.toString()).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "-i|0|-i interval must be 1..2147483647 µs, was 0",
        "-l|-5|-l loops must be 0 (no limit) or more, was -5",
        "-p|100|-p priority must be 0..99, was 100",
        "-p|-1|-p priority must be 0..99, was -1",
        "--policy|sporadic|--policy must be one of other, normal, batch, idle, fifo, rr, deadline; was 'sporadic'",
        "-a|3-1|-a CPU list: '3-1' is not a CPU list: the range 3-1 runs backwards",
        "-a|0,x|-a CPU list: '0,x' is not a CPU list such as 0-3,6: CPU numbers and ascending ranges separated by commas",
        "-a|4095|-a CPU 4095 is not one this process can run on",
        "-t|0|-t threads must be 1 or more, was 0",
        "-t|-1|-t threads must be 1 or more, was -1",
        "-t|-5|-t threads must be 1 or more, was -5",
        "-h|1000001|-h histogram range must be 0..1000000 µs, was 1000001",
        "--latency|-1|--latency target must be 0 or more µs, was -1",
        "-D|5x|-D duration must be a whole number of seconds, optionally followed by s, m, h or d (30, 5m, 2h);"
            + " was '5x'",
        "-D|2hours|-D duration must be a whole number of seconds",
        "-D|999999999d|-D duration must be at most 106751d (9223372036 s, the most nanoseconds a long holds);"
            + " was '999999999d'",
        "-D|106752d|-D duration must be at most 106751d",
        "-D|2562048h|-D duration must be at most 106751d",
        "-D|153722868m|-D duration must be at most 106751d",
        "--plot|latency.gif|--plot file must end in .png or .svg, was 'latency.gif'",
        "--plot|no/such/directory/latency.svg|--plot file 'no/such/directory/latency.svg': the directory",
        "--json|no/such/directory/run.json|--json file 'no/such/directory/run.json': the directory",
        "--json|''|--json needs a file name, was ''",
        "--json|.|--json must name a file, '.' is a directory",
        "-d|-1|-d distance must be 0..2147483647 µs, was -1",
        "--spin|0|--spin must be a margin in µs (1 or more) or auto, was 0",
        "--spin|fast|--spin must be a margin in µs (1 or more) or auto, was 'fast'",
        "--spin|1001|--spin margin must be at most the -i interval 1000 µs, was 1001",
        "--runtime|300|--runtime 300 µs applies only to --policy deadline, policy was other",
    })
    void a_bad_value_is_refused_in_one_line_naming_the_value_and_the_rule_and_nothing_runs(String option,
            String value, String message) {
        String limit = option.equals("-l") ? "-D" : "-l";

        int exit = run("cyclic", option + "=" + value, limit, "1");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines()).as(err.toString()).hasSize(2);
        assertThat(err.toString().lines().findFirst().orElseThrow()).startsWith("lllqos cyclic: ").contains(message);
        assertThat(err.toString()).endsWith("\nsee 'lllqos cyclic --help'\n").doesNotContain("Usage:", "\tat ");
        assertThat(out.toString()).as("nothing measured, no lease taken").isEmpty();
    }

    @Test
    void the_result_files_are_checked_before_the_run_so_a_missing_directory_loses_nothing(@TempDir Path dir) {
        Path json = dir.resolve("missing").resolve("run.json");

        int exit = run("cyclic", "-D", "1h", "--json", json.toString());

        assertThat(exit).as("refused at once, not after an hour").isEqualTo(2);
        assertThat(err.toString()).contains(dir.resolve("missing") + " does not exist");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void spin_takes_a_margin_or_auto() {
        assertThat(parse("-p", "80", "--spin", "25").spin()).isEqualTo(new SpinFinish(false, 25));
        assertThat(parse("-p", "80", "--spin", "auto").spin()).isEqualTo(new SpinFinish(true, 0));
        assertThat(parse().spin()).isEqualTo(SpinFinish.NONE);
    }

    @Test
    void policy_deadline_takes_a_runtime_which_defaults_to_60_percent_of_the_interval_as_cyclicdeadlines() {
        CyclicSettings given = parse("--policy", "deadline", "-i", "4000", "--runtime", "1000");
        CyclicSettings defaulted = parse("--policy", "deadline", "-i", "4000");

        assertThat(given.policy()).isEqualTo(SchedPolicy.DEADLINE);
        assertThat(given.priority()).isZero();
        assertThat(given.runtimeMicros()).isEqualTo(1000);
        assertThat(defaulted.runtimeMicros()).isEqualTo(2400);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--runtime=1|--runtime 1 µs with -i 1000 µs: runtime 1000 ns is below 1024 ns",
        "--runtime=1001|--runtime 1001 µs with -i 1000 µs: deadline 1000000 ns is shorter than the runtime",
        "-p=10|-p 10 does not apply to --policy deadline, which takes no priority",
        "--spin=10|--spin does not apply to --policy deadline",
    })
    void policy_deadline_refuses_what_does_not_fit_it(String option, String message) {
        int exit = run("cyclic", "--policy=deadline", option, "-l", "1");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains(message);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void sigterm_ends_the_run_with_its_summary_and_its_files_and_exit_code_0_as_cyclictest(@TempDir Path dir)
            throws Exception {
        Path json = dir.resolve("run.json");
        Path plot = dir.resolve("run.svg");
        try (ChildCommand cyclic = ChildCommand.start("cyclic", "-i", "1000", "--json", json.toString(), "--plot",
                plot.toString())) {
            cyclic.readUntil("T: 0 (");
            Thread.sleep(200);

            assertThat(cyclic.terminate()).isZero();
            assertThat(cyclic.rest()).contains("# T: 0 p50:");
        }
        assertThat(Files.readString(json)).contains("\"return_code\": 0,");
        assertThat(plot).isNotEmptyFile();
    }

    @Test
    void the_command_is_registered_under_lllqos() {
        CommandLine lllqos = new CommandLine(new LllqosCommand());

        assertThat(lllqos.getSubcommands()).containsKey("cyclic");
        assertThat(List.of(lllqos.getSubcommands().get("cyclic").getCommandSpec().optionsMap().keySet().toArray()))
                .contains("-i", "-l", "-p", "--policy", "-m", "-a", "-t", "-q", "-h", "--latency", "--laptop", "-D",
                        "--json", "--plot", "--spin", "--runtime");
    }

    @Test
    void the_help_says_what_mlockall_locks() {
        CommandLine cyclic = LllqosCommand.commandLine(new LllqosCommand()).getSubcommands().get("cyclic");

        assertThat(String.join(" ", cyclic.getCommandSpec().findOption("-m").description()))
                .contains("whole heap reservation", "launcher");
    }
}
