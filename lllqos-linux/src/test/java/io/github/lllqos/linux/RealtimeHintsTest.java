package io.github.lllqos.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.realtime.DeadlineParameters;
import io.github.lllqos.realtime.SchedPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hints name what is missing, read from stand-ins for /proc and /sys. */
class RealtimeHintsTest {

    private static final String ROOT_CAPS = "000001fffeffffff";
    private static final String NO_CAPS = "0000000000000000";

    @TempDir
    Path root;

    @BeforeEach
    void systemWideRuntime() throws IOException {
        write("proc/sys/kernel/sched_rt_runtime_us", "950000\n");
        write("proc/self/cgroup", "3:cpuset:/\n1:cpu,cpuacct:/docker/abc\n0::/\n");
    }

    @Test
    void a_cgroup_without_real_time_runtime_is_named_with_the_docker_flag() throws IOException {
        status(ROOT_CAPS);
        write("sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.rt_runtime_us", "0\n");

        String hint = new RealtimeHints(new KernelFiles(root)).schedulerRefused(SchedPolicy.FIFO, 80, 0, 0);

        assertThat(hint).contains("cgroup gives real-time threads no runtime", "cpu.rt_runtime_us is 0",
                "--cpu-rt-runtime=950000").doesNotContain("lacks CAP_SYS_NICE");
        assertThat(hint).as("on cgroup v1 the container's runtime needs the parent's first").contains(
                "start dockerd with --cpu-rt-runtime=950000",
                "echo 950000 > /sys/fs/cgroup/cpu,cpuacct/docker/cpu.rt_runtime_us",
                "see docs/realtime.md#real-time-runtime-on-cgroup-v1");
    }

    @Test
    void every_docs_link_in_a_hint_names_a_heading_of_that_page() throws IOException {
        status(NO_CAPS);
        write("sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.rt_runtime_us", "0\n");
        RealtimeHints hints = new RealtimeHints(new KernelFiles(root));
        List<String> texts = List.of(hints.schedulerRefused(SchedPolicy.FIFO, 80, 0, 0), hints.niceRefused(-5, 0),
                hints.memoryLockRefused(65536), hints.deadlineRefused(Set.of(1), Set.of(0, 1)));
        Matcher link = Pattern.compile("docs/([\\w-]+\\.md)#([\\w-]+)").matcher(String.join("\n", texts));
        int links = 0;

        while (link.find()) {
            links++;
            assertThat(anchors(Path.of("..", "docs", link.group(1)))).as(link.group()).contains(link.group(2));
        }
        assertThat(links).as("docs links in the hints").isGreaterThanOrEqualTo(2);
    }

    /** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens. */
    private static Set<String> anchors(Path page) throws IOException {
        Set<String> anchors = new HashSet<>();
        boolean inCode = false;
        for (String line : Files.readAllLines(page)) {
            if (line.startsWith("```")) {
                inCode = !inCode;
            } else if (!inCode && line.matches("#{1,6} .*")) {
                anchors.add(line.replaceFirst("^#+ ", "").strip().toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }

    @Test
    void a_missing_capability_and_rlimit_are_named_with_the_fixes() throws IOException {
        status(NO_CAPS);
        write("sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.rt_runtime_us", "950000\n");

        String hint = new RealtimeHints(new KernelFiles(root)).schedulerRefused(SchedPolicy.RR, 50, 0, 10);

        assertThat(hint).contains("lacks CAP_SYS_NICE", "RLIMIT_RTPRIO (soft 0, hard 10)", "SCHED_RR priority 50",
                "/etc/security/limits.conf: @realtime - rtprio 99", "LimitRTPRIO=99 in a systemd unit",
                "AmbientCapabilities=CAP_SYS_NICE in its systemd unit", "--cap-add SYS_NICE", "--ulimit rtprio=99")
                .doesNotContain("no runtime");
    }

    @Test
    void no_hint_advises_setcap_on_java_which_breaks_the_jdks_launcher() throws IOException {
        status(NO_CAPS);
        RealtimeHints hints = new RealtimeHints(new KernelFiles(root));

        for (String hint : new String[] {hints.schedulerRefused(SchedPolicy.FIFO, 80, 0, 0), hints.niceRefused(-5, 0),
            hints.memoryLockRefused(65536)}) {
            assertThat(hint).doesNotContain("setcap cap_sys_nice").doesNotContainPattern("rtprio[ =]98");
        }
        assertThat(hints.schedulerRefused(SchedPolicy.FIFO, 80, 0, 0)).contains("not setcap on the java binary");
    }

    @Test
    void a_system_without_real_time_runtime_is_named() throws IOException {
        status(ROOT_CAPS);
        write("proc/sys/kernel/sched_rt_runtime_us", "0\n");

        String hint = new RealtimeHints(new KernelFiles(root)).schedulerRefused(SchedPolicy.FIFO, 1, -1, -1);

        assertThat(hint).contains("sched_rt_runtime_us is 0");
    }

    @Test
    void a_refused_nice_value_names_the_rlimit_it_needs() {
        String hint = new RealtimeHints(new KernelFiles(root)).niceRefused(-10, 0);

        assertThat(hint).contains("RLIMIT_NICE of at least 30", "soft limit here 0", "--ulimit nice=30",
                "LimitNICE=30", "AmbientCapabilities=CAP_SYS_NICE");
    }

    @Test
    void cpus_outside_the_cpuset_name_the_allowed_ones() throws IOException {
        status(ROOT_CAPS);

        String hint = new RealtimeHints(new KernelFiles(root)).affinityRefused(false, "[0]");

        assertThat(hint).contains("none of CPUs [0]", "allows 2-3", "--cpuset-cpus");
    }

    @Test
    void a_refused_deadline_thread_is_told_about_the_capability_and_its_pinning() throws IOException {
        status(NO_CAPS);

        String hint = new RealtimeHints(new KernelFiles(root)).deadlineRefused(Set.of(1), Set.of(0, 1));

        assertThat(hint).contains("SCHED_DEADLINE needs CAP_SYS_NICE", "AmbientCapabilities=CAP_SYS_NICE",
                "may run only on CPUs [1]", "every CPU of its root domain [0, 1]");
    }

    @Test
    void admission_control_and_period_bounds_are_read_from_proc_sys() throws IOException {
        write("proc/sys/kernel/sched_rt_period_us", "1000000\n");
        write("proc/sys/kernel/sched_deadline_period_min_us", "100\n");
        write("proc/sys/kernel/sched_deadline_period_max_us", "4194304\n");
        DeadlineParameters wanted = DeadlineParameters.ofNanos(10_000, 50_000, 50_000);
        RealtimeHints hints = new RealtimeHints(new KernelFiles(root));

        assertThat(hints.deadlineInvalid(wanted)).contains("periods of 100 to 4194304 µs", "the period was 50000 ns");
        assertThat(hints.deadlineAdmissionRefused(wanted, OptionalDouble.of(1.5), 2)).contains("asks for 20.0%",
                "on top of 150.0%", "= 950000 / 1000000 µs = 95.0% of each of the root domain's 2 CPUs");
    }

    private void status(String capEff) throws IOException {
        write("proc/self/status", "Name:\tjava\nCapEff:\t" + capEff + "\nCpus_allowed_list:\t2-3\nVmLck:\t   8 kB\n");
    }

    private void write(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
