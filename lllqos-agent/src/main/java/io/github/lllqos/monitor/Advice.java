package io.github.lllqos.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Advice drawn from the figures: the cause with most of the excess lateness first, then the traps seen. */
final class Advice {

    /** A cause's share of the excess lateness from which it gets its own line. */
    static final double NOTABLE_SHARE = 0.25;

    /**
     * What the advice is drawn from.
     *
     * @param causes the late wake-ups per cause
     * @param worstPause the pause description with the most excess, empty if none
     * @param collector the collector's name as the JVM reports it ({@code "G1"}, {@code "ZGC"}, ...)
     * @param lockedBytes memory this process has locked ({@code VmLck})
     * @param heapHazard why locked memory lengthens pauses here, if it does
     * @param realtimeMonitor whether the monitor thread got a real-time policy
     * @param pausesUnseenReason why JVM pauses could not be seen, if they could not
     */
    record Facts(Map<LatenessCause, MonitorReport.CauseTally> causes, String worstPause, String collector,
                 long lockedBytes, Optional<String> heapHazard, boolean realtimeMonitor,
                 Optional<String> pausesUnseenReason) {
    }

    private Advice() {
    }

    static List<String> of(Facts facts) {
        List<String> advice = new ArrayList<>();
        long total = facts.causes().values().stream().mapToLong(MonitorReport.CauseTally::excessNanos).sum();
        long late = facts.causes().values().stream().mapToLong(MonitorReport.CauseTally::count).sum();
        facts.pausesUnseenReason().ifPresent(reason -> advice.add("JVM pauses were not observed (" + reason
                + "): late wake-ups they caused count as unexplained"));
        if (facts.lockedBytes() > 0 && facts.heapHazard().isPresent()) {
            advice.add("memory is locked (" + (facts.lockedBytes() >> 20) + " MiB) and " + facts.heapHazard().get());
        }
        if (late == 0) {
            advice.add("no wake-up was late: nothing to change");
            return advice;
        }
        if (!facts.realtimeMonitor()) {
            advice.add("the monitor thread ran without a real-time policy, so its lateness includes the scheduler's:"
                    + " run as root or grant CAP_SYS_NICE (or an RLIMIT_RTPRIO) to measure what a real-time thread"
                    + " would see");
        }
        boolean first = true;
        for (LatenessCause cause : byShare(facts.causes())) {
            double share = total == 0 ? 0 : (double) facts.causes().get(cause).excessNanos() / total;
            boolean notable = first || share >= NOTABLE_SHARE;
            first = false;
            if (!notable || facts.causes().get(cause).count() == 0) {
                continue;
            }
            String percent = String.format(Locale.ROOT, "%.0f%% of the excess lateness", share * 100);
            advice.add(switch (cause) {
                case JVM_PAUSE -> percent + " was in JVM pauses" + (facts.worstPause().isEmpty() ? ""
                        : ", mostly " + facts.worstPause()) + ": " + pauseFix(facts.collector(), facts.worstPause());
                case PREEMPTED -> percent + " was the monitor thread waiting for a CPU: give time-critical threads"
                        + " SCHED_FIFO and a CPU of their own (isolcpus, or pin the rest of the work elsewhere)";
                case STEAL -> percent + " was steal time: the hypervisor ran something else on this CPU; ask for"
                        + " dedicated or pinned vCPUs";
                case UNEXPLAINED -> percent + " had no cause the JVM or the scheduler shows: interrupts, idle-state"
                        + " exit latency or firmware; hold a CPU latency request (latency=0) and look with"
                        + " cyclictest or rtla timerlat";
            });
        }
        return advice;
    }

    private static List<LatenessCause> byShare(Map<LatenessCause, MonitorReport.CauseTally> causes) {
        List<LatenessCause> order = new ArrayList<>(List.of(LatenessCause.values()));
        order.sort((a, b) -> Long.compare(causes.get(b).excessNanos(), causes.get(a).excessNanos()));
        return order;
    }

    private static String pauseFix(String collector, String worstPause) {
        String gc = collector.toUpperCase(Locale.ROOT);
        if (!worstPause.isEmpty() && !looksLikeCollection(worstPause)) {
            return "these safepoints are no collection: look for what requests them (thread dumps, class"
                    + " redefinition, deoptimisation) with JFR's jdk.ExecuteVMOperation events";
        }
        if (gc.contains("ZGC") || gc.contains("SHENANDOAH")) {
            return "the collector is already concurrent: allocate less or give it more heap room (-Xmx) so it keeps"
                    + " up without stalling";
        }
        return "try -XX:+UseZGC (or -XX:+UseShenandoahGC), whose pauses stay under a millisecond, or allocate less";
    }

    private static boolean looksLikeCollection(String pause) {
        String p = pause.toUpperCase(Locale.ROOT);
        return p.contains("GC") || p.contains("COLLECT") || p.contains("G1") || p.contains("PAUSE")
                || p.contains("SHENANDOAH") || p.startsWith("Z") || p.contains("PARALLEL") || p.contains("EVAC");
    }
}
