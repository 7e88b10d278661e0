package io.github.lllqos.topology;

import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** Sets of CPU numbers as the topology hands them out: ascending and unmodifiable. */
final class CpuSets {

    private CpuSets() {
    }

    static Set<Integer> sorted(Collection<Integer> cpus) {
        if (cpus instanceof SortedSet && isUnmodifiable(cpus)) {
            return (Set<Integer>) cpus;
        }
        return Collections.unmodifiableSortedSet(new TreeSet<>(cpus));
    }

    static Set<Integer> intersection(Collection<Integer> a, Collection<Integer> b) {
        TreeSet<Integer> both = new TreeSet<>(a);
        both.retainAll(b instanceof Set ? b : new TreeSet<>(b));
        return Collections.unmodifiableSortedSet(both);
    }

    static Set<Integer> union(Collection<Integer> a, Collection<Integer> b) {
        TreeSet<Integer> either = new TreeSet<>(a);
        either.addAll(b);
        return Collections.unmodifiableSortedSet(either);
    }

    private static final Class<?> UNMODIFIABLE_SORTED = Collections.unmodifiableSortedSet(new TreeSet<>()).getClass();

    private static boolean isUnmodifiable(Collection<Integer> cpus) {
        return cpus.getClass() == UNMODIFIABLE_SORTED;
    }
}
