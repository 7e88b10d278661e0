package io.github.lllqos.linux;

import io.github.lllqos.spi.support.CpuList;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * The kernel's reports under {@code /proc} and {@code /sys} that the real-time backend and its hints read,
 * relative to a root directory so tests can stand in for them.
 */
final class KernelFiles {

    /** {@code CAP_IPC_LOCK}. */
    static final int CAP_IPC_LOCK = 14;
    /** {@code CAP_SYS_NICE}. */
    static final int CAP_SYS_NICE = 23;

    private static final int SCHED_DEADLINE = 6;
    /** {@code policy} is field 41 of {@code stat}; after {@code comm} (field 2) the fields count from 3. */
    private static final int POLICY_FIELD_AFTER_COMM = 41 - 3;

    private final Path root;

    KernelFiles(Path root) {
        this.root = root;
    }

    static KernelFiles system() {
        return new KernelFiles(Path.of("/"));
    }

    Path path(String relative) {
        return root.resolve(relative);
    }

    /** The calling thread's id from the {@code /proc/thread-self} link ({@code <pid>/task/<tid>}). */
    long threadSelfId() {
        try {
            return Long.parseLong(Files.readSymbolicLink(path("proc/thread-self")).getFileName().toString());
        } catch (IOException | NumberFormatException e) {
            throw new UncheckedIOException(new IOException("cannot read the thread id from "
                    + path("proc/thread-self") + ": " + e, e));
        }
    }

    /** The online CPUs; all CPUs up to the JVM's count where sysfs is missing. */
    Set<Integer> onlineCpus() {
        return read("sys/devices/system/cpu/online").map(KernelFiles::parseCpuList)
                .filter(cpus -> !cpus.isEmpty())
                .orElseGet(() -> parseCpuList("0-" + (Runtime.getRuntime().availableProcessors() - 1)));
    }

    /** The kernel's CPU count ({@code nr_cpu_ids}: the highest possible CPU + 1), which sizes a cpu_set_t. */
    int possibleCpus() {
        TreeSet<Integer> possible = read("sys/devices/system/cpu/possible").map(KernelFiles::parseCpuList)
                .orElseGet(TreeSet::new);
        return possible.isEmpty() ? Runtime.getRuntime().availableProcessors() : possible.last() + 1;
    }

    /** The CPUs isolated at boot; none where the file is missing. */
    Set<Integer> isolatedCpus() {
        return read("sys/devices/system/cpu/isolated").map(KernelFiles::parseCpuList)
                .map(Collections::unmodifiableSet).orElse(Set.of());
    }

    /** {@code VmLck} of this process in bytes. */
    long lockedBytes() {
        return statusField("VmLck").map(value -> Long.parseLong(value.replace("kB", "").trim()) * 1024)
                .orElseThrow(() -> new UncheckedIOException(new IOException("no VmLck in " + path("proc/self/status"))));
    }

    /** Whether this process has a capability in its effective set, where that can be read. */
    Optional<Boolean> hasCapability(int capability) {
        return statusField("CapEff").map(hex -> (Long.parseUnsignedLong(hex.trim(), 16) >>> capability & 1) == 1);
    }

    /** The CPUs this process's cpuset allows, as the kernel lists them. */
    Optional<String> processCpusAllowed() {
        return statusField("Cpus_allowed_list").map(String::trim);
    }

    /** {@code /proc/sys/kernel/sched_rt_runtime_us}: -1 for no limit, 0 when real-time threads may never run. */
    OptionalLong rtRuntimeMicros() {
        return read("proc/sys/kernel/sched_rt_runtime_us").map(value -> OptionalLong.of(Long.parseLong(value.trim())))
                .orElse(OptionalLong.empty());
    }

    /** {@code /proc/sys/kernel/sched_rt_period_us}: the period of the real-time share, µs. */
    OptionalLong rtPeriodMicros() {
        return readLong(path("proc/sys/kernel/sched_rt_period_us"));
    }

    /** {@code /proc/sys/kernel/sched_deadline_period_min_us} and {@code ..._max_us}, where the kernel has them. */
    OptionalLong deadlinePeriodMicros(boolean max) {
        return readLong(path("proc/sys/kernel/sched_deadline_period_" + (max ? "max" : "min") + "_us"));
    }

    /**
     * The thread ids of every thread on the host that runs under SCHED_DEADLINE, from the {@code policy} field
     * (the 41st) of {@code /proc/PID/task/TID/stat}. Slow: for an error message, not a hot path.
     */
    List<Long> deadlineThreadIds() {
        List<Long> ids = new ArrayList<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(path("proc"), "[0-9]*")) {
            for (Path process : processes) {
                try (DirectoryStream<Path> tasks = Files.newDirectoryStream(process.resolve("task"), "[0-9]*")) {
                    for (Path task : tasks) {
                        if (policyField(task.resolve("stat")) == SCHED_DEADLINE) {
                            ids.add(Long.parseLong(task.getFileName().toString()));
                        }
                    }
                } catch (IOException | UncheckedIOException processExited) {
                    // gone while listed
                }
            }
        } catch (IOException e) {
            return ids;
        }
        return ids;
    }

    private static int policyField(Path stat) {
        try {
            String text = readText(stat);
            String[] fields = text.substring(text.lastIndexOf(')') + 2).trim().split(" ");
            return fields.length > POLICY_FIELD_AFTER_COMM ? Integer.parseInt(fields[POLICY_FIELD_AFTER_COMM]) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The {@code cpu.rt_runtime_us} file of this process's cgroup (v1 cpu controller with real-time group
     * scheduling), where there is one.
     */
    Optional<Path> cgroupRtRuntimeFile() {
        Optional<String> cgroups = read("proc/self/cgroup");
        if (cgroups.isEmpty()) {
            return Optional.empty();
        }
        for (String line : cgroups.get().split("\n")) {
            String[] fields = line.split(":", 3);
            if (fields.length != 3 || !List.of(fields[1].split(",")).contains("cpu")) {
                continue;
            }
            String group = fields[2].startsWith("/") ? fields[2].substring(1) : fields[2];
            for (String mount : List.of(fields[1], "cpu", "cpu,cpuacct")) {
                Path file = path("sys/fs/cgroup").resolve(mount).resolve(group).resolve("cpu.rt_runtime_us");
                if (Files.isReadable(file)) {
                    return Optional.of(file);
                }
            }
        }
        return Optional.empty();
    }

    OptionalLong readLong(Path file) {
        try {
            return OptionalLong.of(Long.parseLong(readText(file).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private Optional<String> statusField(String name) {
        return read("proc/self/status").flatMap(status -> status.lines()
                .filter(line -> line.startsWith(name + ":"))
                .map(line -> line.substring(name.length() + 1).trim())
                .findFirst());
    }

    private Optional<String> read(String relative) {
        try {
            return Optional.of(readText(path(relative)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * A file's text, read to its end. Not {@link Files#readString}: on JDK 17 it reads a sysctl file under
     * {@code /proc/sys}, whose size is 0, one byte at most ({@code sched_rt_runtime_us} 950000 read as "9").
     */
    private static String readText(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A CPU list of the kernel's, such as {@code 0-3,8}, as an ascending set: {@link CpuList} parses it. */
    static TreeSet<Integer> parseCpuList(String list) {
        return new TreeSet<>(CpuList.parse(list));
    }
}
