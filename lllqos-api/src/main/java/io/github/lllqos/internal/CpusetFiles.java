package io.github.lllqos.internal;

import io.github.lllqos.spi.SystemFiles;
import io.github.lllqos.spi.support.CpuList;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds this process's effective cpuset: its cgroup from {@code /proc/self/cgroup}, where that cgroup's hierarchy
 * is mounted from {@code /proc/self/mountinfo}, and the cpuset file there (cgroup v2
 * {@code cpuset.cpus.effective}; v1 {@code cpuset.effective_cpus}, else {@code cpuset.cpus}), walking up to the
 * mount point where a cgroup has no cpuset file of its own. The topology shows it, and real-time set-up keeps to it.
 */
public final class CpusetFiles {

    private static final String V2_FILE = "cpuset.cpus.effective";
    private static final List<String> V1_FILES = List.of("cpuset.effective_cpus", "cpuset.cpus");

    private final SystemFiles files;

    /**
     * Over the files of a provider.
     *
     * @param files where {@code /proc} and {@code /sys/fs/cgroup} are read
     */
    public CpusetFiles(SystemFiles files) {
        this.files = files;
    }

    /**
     * The effective cpuset.
     *
     * @return the cpuset, or empty where this process has none that can be read
     */
    public Optional<Cpuset> read() {
        Optional<String> cgroups = readOptional("/proc/self/cgroup");
        if (cgroups.isEmpty()) {
            return Optional.empty();
        }
        List<Mount> mounts = readOptional("/proc/self/mountinfo").map(CpusetFiles::mounts).orElse(List.of());
        String v2Path = null;
        for (String line : cgroups.get().split("\n")) {
            String[] fields = line.split(":", 3);
            if (fields.length != 3) {
                continue;
            }
            if (List.of(fields[1].split(",")).contains("cpuset")) {
                Mount mount = mounts.stream().filter(m -> m.type.equals("cgroup") && m.options.contains("cpuset"))
                        .findFirst().orElse(new Mount("/", "/sys/fs/cgroup/cpuset", "cgroup", List.of("cpuset")));
                return find(1, mount, fields[2], V1_FILES);
            }
            if (fields[0].equals("0") && fields[1].isEmpty()) {
                v2Path = fields[2];
            }
        }
        if (v2Path == null) {
            return Optional.empty();
        }
        Mount mount = mounts.stream().filter(m -> m.type.equals("cgroup2")).findFirst()
                .orElse(new Mount("/", "/sys/fs/cgroup", "cgroup2", List.of()));
        return find(2, mount, v2Path, List.of(V2_FILE));
    }

    private Optional<Cpuset> find(int version, Mount mount, String cgroupPath, List<String> names) {
        String relative = cgroupPath;
        if (!mount.root.equals("/") && (relative.equals(mount.root) || relative.startsWith(mount.root + "/"))) {
            relative = relative.substring(mount.root.length());
        }
        String directory = join(mount.point, relative);
        while (true) {
            for (String name : names) {
                String file = join(directory, name);
                Optional<String> content = readOptional(file);
                if (content.isPresent()) {
                    return Optional.of(new Cpuset(version, file,
                            Collections.unmodifiableSortedSet(new TreeSet<>(CpuList.parse(content.get())))));
                }
            }
            if (directory.length() <= mount.point.length()) {
                return Optional.empty();
            }
            directory = directory.substring(0, directory.lastIndexOf('/'));
        }
    }

    private static String join(String directory, String name) {
        String tail = name.startsWith("/") ? name.substring(1) : name;
        if (tail.isEmpty()) {
            return directory;
        }
        return directory.endsWith("/") ? directory + tail : directory + "/" + tail;
    }

    private Optional<String> readOptional(String path) {
        try {
            return Optional.of(files.read(path));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The cgroup mounts of a {@code mountinfo}. */
    static List<Mount> mounts(String mountinfo) {
        List<Mount> mounts = new ArrayList<>();
        for (String line : mountinfo.split("\n")) {
            String[] halves = line.split(" - ", 2);
            if (halves.length != 2) {
                continue;
            }
            String[] fields = halves[0].split(" ");
            String[] tail = halves[1].split(" ");
            if (fields.length < 5 || tail.length < 3 || !tail[0].startsWith("cgroup")) {
                continue;
            }
            mounts.add(new Mount(fields[3], fields[4], tail[0], List.of(tail[2].split(","))));
        }
        return mounts;
    }

    /**
     * An effective cpuset as read.
     *
     * @param cgroupVersion 1 or 2
     * @param file the file it was read from
     * @param cpus its CPUs, ascending
     */
    public record Cpuset(int cgroupVersion, String file, Set<Integer> cpus) {
    }

    /** One cgroup mount: the cgroup shown at its mount point, its file system type and super options. */
    record Mount(String root, String point, String type, List<String> options) {
    }
}
