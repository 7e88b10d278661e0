package io.github.lllqos.linux;

import io.github.lllqos.realtime.SchedPolicy;
import io.github.lllqos.linux.internal.LibC;
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

    /** Why {@code sched_setscheduler} said EPERM: cgroup runtime, system runtime, capability and rlimit. */
    String schedulerRefused(SchedPolicy policy, int priority, long softRtprio, long hardRtprio) {
        List<String> causes = new ArrayList<>();
        Optional<Path> cgroupFile = files.cgroupRtRuntimeFile();
        if (cgroupFile.isPresent() && files.readLong(cgroupFile.get()).orElse(-1) == 0) {
            causes.add("this process's cgroup gives real-time threads no runtime (" + cgroupFile.get() + " is 0),"
                    + " which refuses every real-time policy, even to root; containers get this by default: run"
                    + " docker with --cpu-rt-runtime=950000 (with --ulimit rtprio=99 --cap-add SYS_NICE), or"
                    + " write a runtime into that file");
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
                    + ": run as root, give java the capability (setcap cap_sys_nice+ep " + javaBinary()
                    + "; in Docker --cap-add SYS_NICE), or raise the limit (/etc/security/limits.conf:"
                    + " @realtime - rtprio 99; in Docker --ulimit rtprio=99)");
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
                + " needs CAP_SYS_NICE: run as root, give java the capability (setcap cap_sys_nice+ep "
                + javaBinary() + "; in Docker --cap-add SYS_NICE), or raise the limit (/etc/security/limits.conf:"
                + " @realtime - nice " + nice + "; in Docker --ulimit nice=" + (20 - nice) + ")";
    }

    /** Why {@code mlockall} refused. */
    String memoryLockRefused(long softMemlock) {
        return "locking all memory needs CAP_IPC_LOCK or an RLIMIT_MEMLOCK above this process's size (soft limit"
                + " here " + limit(softMemlock) + " bytes): run as root, or raise the limit"
                + " (/etc/security/limits.conf: @realtime - memlock unlimited; in Docker --ulimit memlock=-1"
                + " or --cap-add IPC_LOCK)";
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
        return limit == LibC.RLIM_INFINITY || Long.compareUnsigned(limit, value) >= 0;
    }

    static String limit(long value) {
        return value == LibC.RLIM_INFINITY ? "unlimited" : Long.toUnsignedString(value);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
