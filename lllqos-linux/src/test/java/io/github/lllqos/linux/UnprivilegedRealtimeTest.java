package io.github.lllqos.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.contract.RealEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fallbacks of an elevation where a real-time policy is not allowed, each in a child JVM with the limits,
 * user or cgroup that cause it; the kernel's report of the child's thread decides what happened. (Raising a
 * hard limit needs CAP_SYS_RESOURCE, which these machines lack, so the path that raises the soft RLIMIT_RTPRIO
 * under a higher hard one is covered with a recording backend in the API's tests.)
 */
class UnprivilegedRealtimeTest {

    private static final List<String> AS_NOBODY = List.of("setpriv", "--reuid=65534", "--regid=65534",
            "--clear-groups", "--");
    private static final Path CPU_CGROUP = Path.of("/sys/fs/cgroup/cpu");

    @TempDir
    Path temp;

    private ChildJvm child;

    @BeforeEach
    void requireRoot() {
        RealEnvironment.requireRoot("starts a child process as another user");
        child = new ChildJvm(temp);
    }

    @Test
    void without_capability_or_limits_nothing_changes_and_the_reason_names_every_fix() throws Exception {
        String output = child.run(limits("--rtprio=0:0", "--nice=0:0", "--memlock=65536:65536"),
                UnprivilegedRealtimeProbe.class, "lock");

        assertThat(output).contains("provider=linux", "method=NONE", "errno=EPERM", "kernel.policy=0",
                "kernel.nice=0", "sched_setscheduler(0, SCHED_FIFO, 10) failed: EPERM", "lacks CAP_SYS_NICE",
                "RLIMIT_RTPRIO (soft 0, hard 0)", "hard limit 0 is below priority 10",
                "setpriority(PRIO_PROCESS, 0, -10) failed: EACCES", "RLIMIT_NICE of at least 30",
                "lock.applied=false", "RLIMIT_MEMLOCK", "kernel.vmlck_kb=0");
        assertThat(output).containsPattern("lock.errno=(ENOMEM|EPERM|EAGAIN)");
    }

    @Test
    void a_cgroup_with_zero_real_time_runtime_refuses_even_root_and_says_so() throws Exception {
        RealEnvironment.require(Files.isWritable(CPU_CGROUP.resolve("cpu.rt_runtime_us")),
                "no cgroup v1 cpu controller with real-time group scheduling at " + CPU_CGROUP);
        Path group = CPU_CGROUP.resolve("lllqos-test-" + UUID.randomUUID());
        Files.createDirectory(group);
        try {
            assertThat(Files.readString(group.resolve("cpu.rt_runtime_us")).trim()).isEqualTo("0");
            String output = child.run(List.of("sh", "-c", "echo $$ > " + group.resolve("cgroup.procs")
                    + " && exec \"$0\" \"$@\""), UnprivilegedRealtimeProbe.class);

            assertThat(output).contains("method=NICE", "kernel.policy=0", "kernel.nice=-10",
                    "cgroup gives real-time threads no runtime", group.resolve("cpu.rt_runtime_us") + " is 0",
                    "--cpu-rt-runtime=950000");
        } finally {
            Files.delete(group);
        }
    }

    private static List<String> limits(String... limits) {
        List<String> prefix = new ArrayList<>(List.of("prlimit"));
        prefix.addAll(List.of(limits));
        prefix.addAll(AS_NOBODY);
        return prefix;
    }

}
