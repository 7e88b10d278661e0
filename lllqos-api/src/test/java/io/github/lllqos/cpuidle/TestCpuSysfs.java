package io.github.lllqos.cpuidle;

import io.github.lllqos.Errno;
import io.github.lllqos.spi.CpuSysfs;
import io.github.lllqos.spi.SysfsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.TreeSet;

/**
 * CPU attribute files in memory for the API's own tests: a map of paths to contents, which refuses writes the way
 * the kernel does for the resume latency and {@code disable} files, and can deny reads and writes of chosen files.
 */
final class TestCpuSysfs implements CpuSysfs {

    final ConcurrentSkipListMap<String, String> files = new ConcurrentSkipListMap<>();
    final Set<String> writeDenied = ConcurrentHashMap.newKeySet();
    final Set<String> readDenied = ConcurrentHashMap.newKeySet();
    /** Runs after each write that succeeds, with the file written, to change what later accesses do. */
    volatile Consumer<String> afterWrite = attribute -> { };
    final List<String> writes = new CopyOnWriteArrayList<>();
    /** When set, every write fails with this error, as a kernel refusing writes would. */
    volatile Errno kernelError;
    /** This model's own journal, as a simulated kernel has one. */
    final Path journal;

    TestCpuSysfs() {
        try {
            journal = Files.createTempDirectory("lllqos-test-journal");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        journal.toFile().deleteOnExit();
        for (String name : List.of("sysfs.lock", "sysfs.journal", "sysfs.journal.next")) {
            journal.resolve(name).toFile().deleteOnExit();
        }
    }

    @Override
    public Optional<Path> journalDirectory() {
        return Optional.of(journal);
    }

    /** CPUs 0..cpus-1 with no cpuidle driver and no resume latency constraint. */
    static TestCpuSysfs withCpus(int cpus) {
        TestCpuSysfs sysfs = new TestCpuSysfs();
        sysfs.files.put("present", cpus == 1 ? "0" : "0-" + (cpus - 1));
        sysfs.files.put("cpuidle/current_driver", "none");
        sysfs.files.put("cpuidle/current_governor_ro", "menu");
        for (int cpu = 0; cpu < cpus; cpu++) {
            sysfs.files.put("cpu" + cpu + "/power/pm_qos_resume_latency_us", "0");
        }
        return sysfs;
    }

    TestCpuSysfs withState(int cpu, int index, String name, int latency) {
        String state = "cpu" + cpu + "/cpuidle/state" + index + "/";
        files.put(state + "name", name);
        files.put(state + "latency", Integer.toString(latency));
        files.put(state + "disable", "0");
        files.put(state + "usage", Integer.toString(100 * index + cpu));
        return this;
    }

    @Override
    public String pathOf(String attribute) {
        return "/test/cpu/" + attribute;
    }

    @Override
    public String read(String attribute) throws SysfsException {
        String value = files.get(attribute);
        if (value == null) {
            throw new SysfsException(pathOf(attribute), Errno.ENOENT, "");
        }
        if (readDenied.contains(attribute)) {
            throw new SysfsException(pathOf(attribute), Errno.EACCES, "the file is owned by root:root with mode"
                    + " rw-------");
        }
        return value;
    }

    @Override
    public void write(String attribute, String value) throws SysfsException {
        if (!files.containsKey(attribute)) {
            throw new SysfsException(pathOf(attribute), Errno.ENOENT, "");
        }
        if (writeDenied.contains(attribute)) {
            throw new SysfsException(pathOf(attribute), Errno.EACCES, "the file is owned by root:root with mode"
                    + " rw-r--r--");
        }
        if (kernelError != null) {
            throw new SysfsException(pathOf(attribute), kernelError, "");
        }
        if (attribute.endsWith("/pm_qos_resume_latency_us")) {
            files.put(attribute, resumeLatency(attribute, value));
        } else if (attribute.endsWith("/disable") && (value.equals("0") || value.equals("1"))) {
            files.put(attribute, value);
        } else {
            throw new SysfsException(pathOf(attribute), Errno.EINVAL, "");
        }
        writes.add(attribute + "=" + value);
        afterWrite.accept(attribute);
    }

    /** The kernel's pm_qos_resume_latency_us_store(), for decimal input. */
    private String resumeLatency(String attribute, String value) throws SysfsException {
        if (value.equals("n/a")) {
            return "n/a";
        }
        try {
            int micros = Integer.parseInt(value);
            if (micros >= 0 && micros < Integer.MAX_VALUE) {
                return Integer.toString(micros);
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new SysfsException(pathOf(attribute), Errno.EINVAL, "");
    }

    @Override
    public List<String> list(String directory) throws SysfsException {
        String prefix = directory.isEmpty() ? "" : directory + "/";
        Set<String> entries = new TreeSet<>();
        for (String path : files.keySet()) {
            if (path.startsWith(prefix)) {
                entries.add(path.substring(prefix.length()).split("/")[0]);
            }
        }
        if (entries.isEmpty()) {
            throw new SysfsException(pathOf(directory), Errno.ENOENT, "");
        }
        return new ArrayList<>(entries);
    }
}
