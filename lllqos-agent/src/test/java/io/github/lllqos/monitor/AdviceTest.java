package io.github.lllqos.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdviceTest {

    @Test
    void pauses_with_most_of_the_excess_under_g1_suggest_zgc_with_the_share() {
        List<String> advice = Advice.of(facts(Map.of(LatenessCause.JVM_PAUSE, 97, LatenessCause.UNEXPLAINED, 3),
                "G1CollectForAllocation (G1 Evacuation Pause)", "G1", 0, Optional.empty()));

        assertThat(advice).first().asString().startsWith("97% of the excess lateness was in JVM pauses")
                .contains("G1 Evacuation Pause").contains("-XX:+UseZGC");
        assertThat(advice).hasSize(1);
    }

    @Test
    void pauses_under_a_concurrent_collector_suggest_less_allocation_not_another_collector() {
        List<String> advice = Advice.of(facts(Map.of(LatenessCause.JVM_PAUSE, 80), "ZMarkStart", "ZGC", 0,
                Optional.empty()));

        assertThat(advice.get(0)).contains("already concurrent").doesNotContain("UseZGC");
    }

    @Test
    void locked_memory_with_a_heap_that_can_grow_is_named_with_its_fix() {
        List<String> advice = Advice.of(facts(Map.of(LatenessCause.JVM_PAUSE, 80), "G1CollectForAllocation", "G1",
                64L << 20, Optional.of("the heap can still grow; start the JVM with -Xms equal to -Xmx and"
                        + " -XX:+AlwaysPreTouch")));

        assertThat(advice).anySatisfy(line -> assertThat(line).startsWith("memory is locked (64 MiB)")
                .contains("-XX:+AlwaysPreTouch"));
    }

    @Test
    void causes_below_a_quarter_of_the_excess_get_no_line_of_their_own() {
        List<String> advice = Advice.of(facts(Map.of(LatenessCause.PREEMPTED, 60, LatenessCause.STEAL, 30,
                LatenessCause.UNEXPLAINED, 10), "", "G1", 0, Optional.empty()));

        assertThat(advice).hasSize(2);
        assertThat(advice.get(0)).startsWith("60%").contains("waiting for a CPU");
        assertThat(advice.get(1)).startsWith("30%").contains("steal");
    }

    @Test
    void no_late_wake_up_means_nothing_to_change() {
        assertThat(Advice.of(facts(Map.of(), "", "G1", 0, Optional.empty())))
                .containsExactly("no wake-up was late: nothing to change");
    }

    private static Advice.Facts facts(Map<LatenessCause, Integer> excessMillis, String worstPause, String gc,
                                      long locked, Optional<String> hazard) {
        Map<LatenessCause, MonitorReport.CauseTally> causes = new EnumMap<>(LatenessCause.class);
        for (LatenessCause cause : LatenessCause.values()) {
            int millis = excessMillis.getOrDefault(cause, 0);
            causes.put(cause, new MonitorReport.CauseTally(millis == 0 ? 0 : 1, millis * 1_000_000L,
                    millis * 1_000_000L));
        }
        return new Advice.Facts(causes, worstPause, gc, locked, hazard, true, Optional.empty());
    }
}
