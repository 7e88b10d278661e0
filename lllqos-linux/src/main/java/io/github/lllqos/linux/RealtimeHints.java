package io.github.lllqos.linux;

import io.github.lllqos.realtime.DeadlineParameters;
import io.github.lllqos.realtime.SchedPolicy;
import io.github.lllqos.spi.support.DeadlineAdmission;
import io.github.lllqos.linux.internal.NativeLibc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/** What would let a refused real-time call through, from the kernel's reports about this process. */
final class RealtimeHints {

    private final KernelFiles files;

    RealtimeHints(KernelFiles files) {
        this.files = files;
    }

    /** The highest real-time priority the hints grant, the same everywhere: limits.conf, systemd and Docker. */
    static final int RTPRIO = 99;

    /** What runs a JVM with CAP_SYS_NICE without breaking it, and why not setcap. */
    static final String GRANT_SYS_NICE = "or give the JVM CAP_SYS_NICE without root: AmbientCapabilities=CAP_SYS_NICE"
            + " in its systemd unit, --cap-add SYS_NICE in Docker (not setcap on the java binary: the JDK's"
            + " launcher then fails to load libjli.so; see docs/realtime.md#permissions)";

    /** Why {@code sched_setscheduler} said EPERM: cgroup runtime, system runtime, capability and rlimit. */
    String schedulerRefused(SchedPolicy policy, int priority, long softRtprio, long hardRtprio) {
        List<String> causes = new ArrayList<>();
        Optional<Path> cgroupFile = files.cgroupRtRuntimeFile();
        if (cgroupFile.isPresent() && files.readLong(cgroupFile.get()).orElse(-1) == 0) {
            causes.add("this process's cgroup gives real-time threads no runtime (" + cgroupFile.get() + " is 0),"
                    + " which refuses every real-time policy, even to root; containers get this by default: run"
                    + " docker with --cpu-rt-runtime=950000 (with --cap-add SYS_NICE --ulimit rtprio=" + RTPRIO
                    + "), or write a runtime into that file. On cgroup v1 a container's runtime must fit in its"
                    + " parent's, which is 0 for Docker's parent cgroup until given some: start dockerd with"
                    + " --cpu-rt-runtime=950000, or echo 950000 > /sys/fs/cgroup/cpu,cpuacct/docker/cpu.rt_runtime_us"
                    + " (see docs/realtime.md#real-time-runtime-on-cgroup-v1)");
        }
        OptionalLong systemRuntime = files.rtRuntimeMicros();
        if (systemRuntime.isPresent() && systemRuntime.getAsLong() == 0) {
            causes.add("/proc/sys/kernel/sched_rt_runtime_us is 0, so real-time threads may not run at all: set it"
                    + " to 950000 (sysctl kernel.sched_rt_runtime_us=950000)");
        }
        boolean capable = files.hasCapability(KernelFiles.CAP_SYS_NICE).orElse(false);
        if (!capable && !allows(softRtprio, priority)) {
            causes.add("this process lacks CAP_SYS_NICE and its RLIMIT_RTPRIO (soft " + limit(softRtprio)
                    + ", hard " + limit(hardRtprio) + ") is below " + policy.cName() + " priority " + priority
                    + ": run as root, or raise the limit (/etc/security/limits.conf: @realtime - rtprio " + RTPRIO
                    + ", then log in again; LimitRTPRIO=" + RTPRIO + " in a systemd unit; --ulimit rtprio="
                    + RTPRIO + " in Docker), " + GRANT_SYS_NICE);
        }
        if (!capable && allows(softRtprio, priority)) {
            causes.add("without CAP_SYS_NICE a thread of another user cannot be changed");
        }
        if (causes.isEmpty()) {
            causes.add("the kernel refused although this process has CAP_SYS_NICE: check the cgroup's"
                    + " cpu.rt_runtime_us and security modules (SELinux, AppArmor, seccomp)");
        }
        return String.join("; ", causes);
    }

    /** Why {@code setpriority} refused a nice value. */
    String niceRefused(int nice, long softNice) {
        return "lowering the nice value to " + nice + " needs CAP_SYS_NICE or an RLIMIT_NICE of at least "
                + (20 - nice) + " (soft limit here " + limit(softNice) + "), and changing another user's thread"
                + " needs CAP_SYS_NICE: run as root, or raise the limit (/etc/security/limits.conf: @realtime -"
                + " nice " + nice + ", then log in again; LimitNICE=" + (20 - nice) + " in a systemd unit;"
                + " --ulimit nice=" + (20 - nice) + " in Docker), " + GRANT_SYS_NICE;
    }

    /** Why {@code mlockall} refused. */
    String memoryLockRefused(long softMemlock) {
        return "locking all memory needs CAP_IPC_LOCK or an RLIMIT_MEMLOCK above this process's size (soft limit"
                + " here " + limit(softMemlock) + " bytes): run as root, or raise the limit"
                + " (/etc/security/limits.conf: @realtime - memlock unlimited; LimitMEMLOCK=infinity in a systemd"
                + " unit; --ulimit memlock=-1 or --cap-add IPC_LOCK in Docker)";
    }

    /** Why {@code sched_setaffinity} refused: another user's thread, or CPUs outside the cpuset. */
    String affinityRefused(boolean permission, String cpus) {
        if (permission) {
            return "the thread belongs to another user: changing it needs CAP_SYS_NICE";
        }
        return "none of CPUs " + cpus + " is allowed to this process: its cpuset allows "
                + files.processCpusAllowed().orElse("other CPUs") + " (set by a cgroup, taskset or docker"
                + " --cpuset-cpus)";
    }

    /**
     * Why {@code sched_setattr(SCHED_DEADLINE)} said EBUSY: admission control, with its figures.
     *
     * @param wanted the refused parameters
     * @param reserved the summed runtime/period of the deadline threads already admitted, where known
     * @param cpus the CPUs of the root domain
     */
    String deadlineAdmissionRefused(DeadlineParameters wanted, OptionalDouble reserved, int cpus) {
        OptionalLong runtime = files.rtRuntimeMicros();
        OptionalLong period = files.rtPeriodMicros();
        if (runtime.isEmpty() || period.isEmpty() || runtime.getAsLong() < -1 || period.getAsLong() <= 0) {
            return "admission control refused the bandwidth of " + wanted + " (the limits in"
                    + " /proc/sys/kernel/sched_rt_runtime_us and sched_rt_period_us cannot be read)";
        }
        return new DeadlineAdmission(runtime.getAsLong(), period.getAsLong(), cpus).refusal(wanted, reserved);
    }

    /** Why {@code sched_setattr(SCHED_DEADLINE)} said EPERM: capability, CPU affinity, or real-time group scheduling. */
    String deadlineRefused(Set<Integer> affinity, Set<Integer> online) {
        List<String> causes = new ArrayList<>();
        if (!files.hasCapability(KernelFiles.CAP_SYS_NICE).orElse(true)) {
            causes.add("SCHED_DEADLINE needs CAP_SYS_NICE, whatever RLIMIT_RTPRIO says: run as root, "
                    + GRANT_SYS_NICE);
        }
        if (!affinity.containsAll(online)) {
            causes.add("the thread may run only on CPUs " + new TreeSet<>(affinity) + ", and a deadline thread must be"
                    + " allowed every CPU of its root domain " + new TreeSet<>(online) + ": do not pin it"
                    + " (cyclicdeadline runs such threads in an exclusive cpuset instead)");
        }
        if (causes.isEmpty()) {
            causes.add("the kernel refused although this process has CAP_SYS_NICE and the thread may use every CPU:"
                    + " with real-time group scheduling a deadline thread must be in the root cgroup; check"
                    + " security modules (SELinux, AppArmor, seccomp)");
        }
        return String.join("; ", causes);
    }

    /** Why {@code sched_setattr(SCHED_DEADLINE)} said EINVAL: the period outside the kernel's bounds. */
    String deadlineInvalid(DeadlineParameters wanted) {
        OptionalLong min = files.deadlinePeriodMicros(false);
        OptionalLong max = files.deadlinePeriodMicros(true);
        if (min.isPresent() && max.isPresent()) {
            return "the kernel takes periods of " + min.getAsLong() + " to " + max.getAsLong() + " µs"
                    + " (/proc/sys/kernel/sched_deadline_period_min_us and _max_us), the period was "
                    + wanted.periodNanos() + " ns";
        }
        return "the kernel refused " + wanted + ": its period may be outside the kernel's bounds (100 µs to 4 s by"
                + " default)";
    }

    static boolean allows(long limit, int value) {
        return limit == NativeLibc.RLIM_INFINITY || Long.compareUnsigned(limit, value) >= 0;
    }

    static String limit(long value) {
        return value == NativeLibc.RLIM_INFINITY ? "unlimited" : Long.toUnsignedString(value);
    }
}
