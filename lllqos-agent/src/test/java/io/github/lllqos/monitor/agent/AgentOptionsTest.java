package io.github.lllqos.monitor.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lllqos.realtime.SchedPolicy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AgentOptionsTest {

    @Test
    void no_options_ask_for_nothing() throws Exception {
        assertThat(AgentOptions.parse(null).anything()).isFalse();
        assertThat(AgentOptions.parse("").anything()).isFalse();
        assertThat(AgentOptions.parse("  ")).isEqualTo(AgentOptions.NONE);
    }

    @Test
    void every_option_of_the_design_is_read() throws Exception {
        AgentOptions options = AgentOptions.parse("monitor,interval=500,late=50,priority=70,cpu=1,latency=0,"
                + "report=/tmp/r.json,report-every=5,prometheus=9400,prometheus-host=0.0.0.0");

        assertThat(options.monitor()).isTrue();
        assertThat(options.settings().interval()).isEqualTo(Duration.ofNanos(500_000));
        assertThat(options.settings().lateThreshold()).isEqualTo(Duration.ofNanos(50_000));
        assertThat(options.settings().policy()).isEqualTo(SchedPolicy.FIFO);
        assertThat(options.settings().priority()).isEqualTo(70);
        assertThat(options.settings().cpu()).hasValue(1);
        assertThat(options.latencyMicros()).hasValue(0);
        assertThat(options.report()).contains(Path.of("/tmp/r.json"));
        assertThat(options.reportEverySeconds()).isEqualTo(5);
        assertThat(options.prometheusPort()).hasValue(9400);
        assertThat(options.prometheusHost()).as("not the default 127.0.0.1").contains("0.0.0.0");
    }

    @Test
    void priority_zero_is_sched_other() throws Exception {
        assertThat(AgentOptions.parse("monitor,priority=0").settings().policy()).isEqualTo(SchedPolicy.OTHER);
    }

    @Test
    void latency_alone_holds_a_request_without_a_monitor() throws Exception {
        AgentOptions options = AgentOptions.parse("latency=20");

        assertThat(options.monitor()).isFalse();
        assertThat(options.anything()).isTrue();
    }

    @Test
    void each_bad_option_is_named_with_its_rule() {
        assertRefused("monitor,interval=abc", "'interval=abc'", "from 10 to 10000000");
        assertRefused("monitor,interval=5", "'interval=5'", "from 10 to 10000000");
        assertRefused("monitor,late=0", "'late=0'", "from 1 to");
        assertRefused("monitor,priority=100", "'priority=100'", "from 0 to 99");
        assertRefused("monitor,cpu=-1", "'cpu=-1'", "a CPU number");
        assertRefused("latency=-5", "'latency=-5'", "from 0 to 2147483647");
        assertRefused("monitor,report=", "'report='", "needs a file name");
        assertRefused("monitor,report-every=5", "report-every=", "needs report=FILE");
        assertRefused("interval=500", "'interval='", "add monitor");
        assertRefused("monitor,monitor", "monitor is given twice");
        assertRefused("monitor=yes", "'monitor=yes'", "takes no value");
        assertRefused("monitor,fast", "'fast' is not an option", "report=FILE");
        assertRefused("stop,monitor", "'stop' stands alone");
        assertRefused("monitor,prometheus=0", "'prometheus=0'", "a TCP port");
    }

    @Test
    void a_bad_option_at_load_is_one_line_and_starts_nothing() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        MonitorAgent.load("monitor,interval=fast", new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
                .startsWith("lllqos-agent: ignoring the options: 'interval=fast'")
                .endsWith("the JVM runs on without the agent");
        assertThat(MonitorAgent.session()).isNull();
    }

    @Test
    void stop_with_nothing_running_says_so() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        MonitorAgent.load("stop", new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("lllqos-agent: stop: nothing is running\n");
    }

    private static void assertRefused(String text, String... parts) {
        assertThatThrownBy(() -> AgentOptions.parse(text)).as(text)
                .isInstanceOf(AgentOptions.InvalidOptionException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(parts));
    }
}
