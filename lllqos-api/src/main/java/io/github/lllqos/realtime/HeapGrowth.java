package io.github.lllqos.realtime;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Optional;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

/**
 * Whether locking memory would lengthen GC pauses: with {@code mlockall(MCL_FUTURE)} every page the heap grows
 * into during a pause is faulted in and locked inside that pause (G1's longest pause went from 22 ms to 1.23 s on
 * the project's machines). The heap cannot grow when its committed size is its maximum and its pages were touched
 * at start-up ({@code -XX:+AlwaysPreTouch}).
 */
final class HeapGrowth {

    /** The fix, as named in every warning. */
    static final String FIX = "start the JVM with -Xms equal to -Xmx and -XX:+AlwaysPreTouch";

    private static final boolean MANAGEMENT_PRESENT = ModuleLayer.boot().findModule("java.management").isPresent();

    private HeapGrowth() {
    }

    /**
     * The hazard of locking this JVM's memory now, if there is one.
     *
     * @return why locked memory would lengthen GC pauses, with the fix; empty when the heap is committed to its
     *     maximum and pre-touched, or when the JVM cannot tell (no {@code java.management} module)
     */
    static Optional<String> hazard() {
        if (!MANAGEMENT_PRESENT) {
            return Optional.empty();
        }
        return Management.hazard();
    }

    /**
     * The hazard for given facts, so the rule is testable without starting JVMs.
     *
     * @param committed the heap's committed bytes
     * @param max the heap's maximum bytes, or -1 when it has none
     * @param alwaysPreTouch whether -XX:+AlwaysPreTouch is on
     * @return the warning, empty when the heap cannot grow into new pages
     */
    static Optional<String> hazard(long committed, long max, boolean alwaysPreTouch) {
        boolean canGrow = max < 0 || committed < max;
        if (!canGrow && alwaysPreTouch) {
            return Optional.empty();
        }
        String growth = canGrow ? "the heap can still grow (" + mib(committed) + " committed of "
                + (max < 0 ? "no maximum" : mib(max)) + ")" : "the heap's pages were not touched at start-up";
        return Optional.of(growth + (alwaysPreTouch ? "" : " and -XX:+AlwaysPreTouch is off")
                + ": with memory locked, every page it grows into is faulted in and locked during a GC pause,"
                + " which can make pauses 50 times longer; " + FIX);
    }

    private static String mib(long bytes) {
        return (bytes >> 20) + " MiB";
    }

    /** Kept apart so that nothing links {@code java.management} where it is missing. */
    private static final class Management {

        static Optional<String> hazard() {
            try {
                MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                return HeapGrowth.hazard(heap.getCommitted(), heap.getMax(), alwaysPreTouch());
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }

        /** The flag as HotSpot reports it; other JVMs: whether it is on the command line. */
        private static boolean alwaysPreTouch() {
            try {
                Object option = ManagementFactory.getPlatformMBeanServer().invoke(
                        new ObjectName("com.sun.management:type=HotSpotDiagnostic"), "getVMOption",
                        new Object[] {"AlwaysPreTouch"}, new String[] {String.class.getName()});
                return Boolean.parseBoolean(String.valueOf(((CompositeData) option).get("value")));
            } catch (Exception | LinkageError e) {
                List<String> arguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
                return arguments.lastIndexOf("-XX:+AlwaysPreTouch") > arguments.lastIndexOf("-XX:-AlwaysPreTouch");
            }
        }
    }
}
