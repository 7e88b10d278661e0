package io.github.lllqos.linux;

import io.github.lllqos.linux.internal.NativeLibc;
import io.github.lllqos.realtime.SchedPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

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
                    + " (see docs/realtime.md#containers)");
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

    static boolean allows(long limit, int value) {
        return limit == NativeLibc.RLIM_INFINITY || Long.compareUnsigned(limit, value) >= 0;
    }

    static String limit(long value) {
        return value == NativeLibc.RLIM_INFINITY ? "unlimited" : Long.toUnsignedString(value);
    }
}
