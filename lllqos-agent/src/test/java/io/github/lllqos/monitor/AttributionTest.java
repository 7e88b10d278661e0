package io.github.lllqos.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AttributionTest {

    private static final long MS = 1_000_000;

    private final PauseTallies tallies = new PauseTallies();
    private final PauseHistory history = new PauseHistory(tallies);

    @Test
    void a_wake_up_inside_a_gc_pause_is_a_jvm_pause_named_by_operation_and_cause() {
        history.safepointBegan(1, 100 * MS);
        history.operationRan(1, "G1CollectForAllocation");
        history.collected(100 * MS + 10_000, 130 * MS, "G1 Evacuation Pause");
        history.safepointEnded(1, 130 * MS);

        Attribution.Verdict verdict = attribute(new LateWakeup(105 * MS, 130 * MS + 20_000, 0, 0, 0, 0));

        assertThat(verdict.cause()).isEqualTo(LatenessCause.JVM_PAUSE);
        assertThat(verdict.pause().description()).isEqualTo("G1CollectForAllocation (G1 Evacuation Pause)");
    }

    @Test
    void a_pause_that_ended_before_the_deadline_explains_nothing() {
        pause(1, 100 * MS, 101 * MS, "G1CollectForAllocation");

        assertThat(attribute(new LateWakeup(102 * MS, 103 * MS, 0, 0, 0, 0)).cause())
                .isEqualTo(LatenessCause.UNEXPLAINED);
    }

    @Test
    void a_pause_that_began_after_the_wake_up_explains_nothing() {
        pause(1, 110 * MS, 120 * MS, "G1CollectForAllocation");

        assertThat(attribute(new LateWakeup(100 * MS, 101 * MS, 0, 0, 0, 0)).cause())
                .isEqualTo(LatenessCause.UNEXPLAINED);
    }

    @Test
    void run_queue_wait_larger_than_the_pause_overlap_is_preemption() {
        pause(1, 100 * MS, 100 * MS + 50_000, "Cleanup");

        LateWakeup wakeup = new LateWakeup(100 * MS, 105 * MS, 4 * MS, 3, 0, 0);

        assertThat(attribute(wakeup).cause()).isEqualTo(LatenessCause.PREEMPTED);
    }

    @Test
    void a_pause_overlap_larger_than_the_run_queue_wait_is_a_jvm_pause() {
        pause(1, 99 * MS, 104 * MS, "G1CollectForAllocation");

        assertThat(attribute(new LateWakeup(100 * MS, 105 * MS, 200_000, 1, 0, 0)).cause())
                .isEqualTo(LatenessCause.JVM_PAUSE);
    }

    @Test
    void a_short_safepoint_inside_a_longer_stall_of_no_known_kind_leaves_it_unexplained() {
        pause(1, 100 * MS + 300_000, 100 * MS + 350_000, "Cleanup");

        assertThat(attribute(new LateWakeup(100 * MS, 100 * MS + 420_000, 0, 0, 0, 0)).cause())
                .isEqualTo(LatenessCause.UNEXPLAINED);
    }

    @Test
    void an_involuntary_switch_counts_as_preemption_where_schedstat_is_missing() {
        assertThat(attribute(new LateWakeup(100 * MS, 101 * MS, 0, 1, 0, 0)).cause())
                .isEqualTo(LatenessCause.PREEMPTED);
    }

    @Test
    void steal_time_that_rose_without_pause_or_preemption_is_steal() {
        assertThat(attribute(new LateWakeup(100 * MS, 103 * MS, 0, 0, 10 * MS, 80 * MS)).cause())
                .isEqualTo(LatenessCause.STEAL);
    }

    @Test
    void steal_capped_at_the_lateness_loses_a_tie_to_the_pause() {
        pause(1, 90 * MS, 110 * MS, "G1CollectForAllocation");

        assertThat(attribute(new LateWakeup(100 * MS, 103 * MS, 0, 0, 10 * MS, 80 * MS)).cause())
                .isEqualTo(LatenessCause.JVM_PAUSE);
    }

    @Test
    void the_pause_that_overlapped_most_names_the_wake_up() {
        pause(1, 100 * MS, 100 * MS + 100_000, "Cleanup");
        pause(2, 101 * MS, 108 * MS, "G1CollectForAllocation");

        assertThat(attribute(new LateWakeup(100 * MS, 108 * MS, 0, 0, 0, 0)).pause().operation())
                .isEqualTo("G1CollectForAllocation");
    }

    @Test
    void a_safepoint_end_without_its_beginning_is_not_a_pause() {
        assertThat(history.safepointEnded(9, 100 * MS)).isNull();
        assertThat(tallies.total().count()).isZero();
    }

    @Test
    void every_pause_is_tallied_overall_and_per_operation() {
        pause(1, 0, 5 * MS, "G1CollectForAllocation");
        pause(2, 10 * MS, 12 * MS, "G1CollectForAllocation");
        pause(3, 20 * MS, 20 * MS + 30_000, "Cleanup");

        assertThat(tallies.total()).isEqualTo(new MonitorReport.PauseTally(3, 5 * MS, 7 * MS + 30_000));
        assertThat(tallies.kinds()).extracting(MonitorReport.PauseKind::operation)
                .containsExactly("G1CollectForAllocation", "Cleanup");
        assertThat(tallies.kinds().get(0).tally()).isEqualTo(new MonitorReport.PauseTally(2, 5 * MS, 7 * MS));
    }

    @Test
    void a_collection_that_arrives_after_its_pause_still_names_the_cause() {
        pause(1, 100 * MS, 110 * MS, "ZMarkStart");
        history.collected(99 * MS, 300 * MS, "Allocation Rate");

        assertThat(history.overlapping(105 * MS, 106 * MS)).singleElement()
                .extracting(Pause::gcCause).isEqualTo("Allocation Rate");
    }

    @Test
    void wake_ups_are_decidable_up_to_what_the_stream_delivered() {
        assertThat(history.decidableUpTo()).isEqualTo(Long.MIN_VALUE);
        history.deliveredUpTo(500 * MS);

        assertThat(history.decidableUpTo()).isEqualTo(500 * MS);
    }

    @Test
    void a_safepoint_whose_end_has_not_arrived_holds_decisions_back_to_its_start() {
        // Threads are let go before JFR records the end: a wake-up after the start may still be inside the pause.
        history.safepointBegan(7, 300 * MS);
        history.deliveredUpTo(500 * MS);
        assertThat(history.decidableUpTo()).isEqualTo(300 * MS);

        history.safepointEnded(7, 320 * MS);
        assertThat(history.decidableUpTo()).isEqualTo(500 * MS);
    }

    @Test
    void pauses_long_past_are_forgotten() {
        pause(1, 0, MS, "Cleanup");
        history.forgetBefore(PauseHistory.RETENTION_NANOS + 2 * MS);

        assertThat(history.overlapping(0, 2 * MS)).isEmpty();
    }

    @Test
    void a_synthetic_stream_of_pauses_and_wake_ups_is_attributed_wake_up_by_wake_up() {
        // Safepoints every 50 ms lasting 3 ms; wake-ups every 1 ms, late by 4 ms when they fall inside one.
        LateWakeupRing ring = new LateWakeupRing(1024);
        CauseTallies causes = new CauseTallies(100_000);
        for (int i = 0; i < 20; i++) {
            pause(i, i * 50 * MS, i * 50 * MS + 3 * MS, "G1CollectForAllocation");
        }
        for (long deadline = MS; deadline < 1000 * MS; deadline += MS) {
            long phase = deadline % (50 * MS);
            if (phase < 3 * MS) {
                ring.offer(deadline, deadline + (3 * MS - phase) + 10_000, 0, 0, 0, 0);
            } else if (deadline % (97 * MS) == 0) {
                ring.offer(deadline, deadline + 300_000, 0, 0, 0, 0);
            }
        }
        ring.drainUpTo(Long.MAX_VALUE, w -> causes.add(attribute(w), w.latenessNanos()));

        var tally = causes.snapshot();
        assertThat(tally.get(LatenessCause.JVM_PAUSE).count()).isEqualTo(2 + 19 * 3);
        assertThat(tally.get(LatenessCause.UNEXPLAINED).count()).isEqualTo(10);
        assertThat(tally.get(LatenessCause.JVM_PAUSE).maxNanos()).isEqualTo(3 * MS + 10_000);
        assertThat(causes.worstPause()).isEqualTo("G1CollectForAllocation");
    }

    private void pause(long id, long start, long end, String operation) {
        history.safepointBegan(id, start);
        history.operationRan(id, operation);
        history.safepointEnded(id, end);
    }

    private Attribution.Verdict attribute(LateWakeup wakeup) {
        List<Pause> pauses = history.overlapping(wakeup.deadline(), wakeup.woke());
        return Attribution.attribute(wakeup, pauses);
    }
}
