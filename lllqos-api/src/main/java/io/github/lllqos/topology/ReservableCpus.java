package io.github.lllqos.topology;

import io.github.lllqos.spi.support.CpuList;
import java.util.Set;
import java.util.TreeSet;

/**
 * The CPUs reservations may take: by default the isolated CPUs where there are any (the ones kept free for such
 * work), otherwise every online CPU but CPU 0 (which takes the kernel's housekeeping); or the list in
 * {@code -D}{@value #PROPERTY}; in every case only those this process may use ({@link CpuTopology#usable()}).
 *
 * @param rule where the candidates come from, in words, such as {@code "the isolated CPUs"}
 * @param candidates the CPUs the rule names
 * @param cpus the candidates this process may use: what reservations choose from
 */
public record ReservableCpus(String rule, Set<Integer> candidates, Set<Integer> cpus) {

    /** The system property that lists the reservable CPUs, such as {@code -Dlllqos.reservable-cpus=2-7}. */
    public static final String PROPERTY = "lllqos.reservable-cpus";

    /** Copies the sets into ones that cannot change. */
    public ReservableCpus {
        candidates = CpuSets.sorted(candidates);
        cpus = CpuSets.sorted(cpus);
    }

    /**
     * The reservable CPUs of a machine, by {@code -D}{@value #PROPERTY} or the default rule.
     *
     * @param topology the machine
     * @return the reservable CPUs
     * @throws IllegalArgumentException when the property is not a CPU list, is empty, or names a CPU that is not
     *     online
     */
    public static ReservableCpus of(CpuTopology topology) {
        String configured = System.getProperty(PROPERTY);
        if (configured != null) {
            return of(topology, configured);
        }
        if (!topology.isolated().isEmpty()) {
            return new ReservableCpus("the isolated CPUs", topology.isolated(),
                    CpuSets.intersection(topology.isolated(), topology.usable()));
        }
        TreeSet<Integer> allButFirst = new TreeSet<>(topology.online());
        allButFirst.remove(0);
        return new ReservableCpus("all online CPUs but CPU 0, as none is isolated", allButFirst,
                CpuSets.intersection(allButFirst, topology.usable()));
    }

    /**
     * The reservable CPUs given as a list.
     *
     * @param topology the machine
     * @param list such as {@code "2-7"}
     * @return the reservable CPUs
     * @throws IllegalArgumentException when the list is not a CPU list, is empty, or names a CPU that is not online
     */
    static ReservableCpus of(CpuTopology topology, String list) {
        String what = "-D" + PROPERTY + "=" + list;
        Set<Integer> candidates;
        try {
            candidates = CpuSets.sorted(CpuList.parse(list));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not a CPU list such as 2-7 or 1,3,5");
        }
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException(what + " names no CPU: the reservable CPUs must be at least one");
        }
        topology.requireOnline(candidates, what);
        return new ReservableCpus(what, candidates, CpuSets.intersection(candidates, topology.usable()));
    }

    /**
     * The CPUs and their rule in words, for reasons.
     *
     * @return such as {@code "the reservable CPUs 2-7 (the isolated CPUs)"}
     */
    String describe() {
        return "the reservable CPUs " + CpuList.format(cpus) + " (" + rule + ")";
    }

    /**
     * Why nothing can be reserved, if nothing can.
     *
     * @param topology the machine these CPUs were chosen on
     * @return the reason, naming the rule, its CPUs and what this process may use
     */
    String whyEmpty(CpuTopology topology) {
        return "no CPU can be reserved: the reservable CPUs " + CpuList.format(candidates) + " (" + rule
                + ") are not among the CPUs this process may use (" + usableInWords(topology) + "); set -D"
                + PROPERTY + " to CPUs this process may use";
    }

    /**
     * The CPUs this process may use and the sets they come from, for reasons.
     *
     * @param topology the machine
     * @return such as {@code "2-3: affinity 0-7, cgroup v2 cpuset 2-3 from /sys/fs/cgroup/c1/cpuset.cpus.effective"}
     */
    static String usableInWords(CpuTopology topology) {
        return CpuList.format(topology.usable()) + ": affinity " + CpuList.format(topology.affinity())
                + (topology.isolated().isEmpty() ? "" : ", isolated " + CpuList.format(topology.isolated()))
                + topology.cpuset().map(set -> ", cgroup v" + set.cgroupVersion() + " cpuset "
                        + CpuList.format(set.cpus()) + " from " + set.file()).orElse("");
    }
}
