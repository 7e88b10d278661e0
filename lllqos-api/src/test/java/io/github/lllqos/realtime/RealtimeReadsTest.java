package io.github.lllqos.realtime;

import io.github.lllqos.Errno;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.realtime.PriorityChange.Method;
import io.github.lllqos.spi.support.UnsupportedRealtime;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The reads of Realtime: passed through, empty without support, and read-backs that cannot fail. */
class RealtimeReadsTest {

    private final RecordingBackend backend = new RecordingBackend();
    private final RealtimeReads reads = new RealtimeReads(backend);

    @Test
    void the_readers_pass_the_backends_values_through() {
        assertThat(reads.threadId()).hasValue(7);
        assertThat(reads.policy(0)).contains(SchedPolicy.OTHER);
        assertThat(reads.priority(0)).hasValue(0);
        assertThat(reads.nice(0)).hasValue(0);
        assertThat(reads.affinity(0)).contains(Set.of(0, 1, 2, 3));
        assertThat(reads.timerSlack()).hasValue(50_000);
        backend.isolated = Set.of(3);
        assertThat(reads.isolatedCpus()).containsExactly(3);
        assertThat(reads.currentCpu()).isPresent();
    }

    @Test
    void a_read_back_of_a_thread_that_cannot_be_read_leaves_its_values_empty() {
        backend.exited.add(99L);

        PriorityChange change = reads.readBack(99, Method.NONE, "gone", Errno.ESRCH);

        assertThat(change.policy()).isEmpty();
        assertThat(change.priority()).isEmpty();
        assertThat(change.nice()).isEmpty();
        assertThat(change.reason()).contains("gone");
        assertThat(RealtimeReads.orNull(() -> backend.policy(99))).isNull();
    }

    @Test
    void without_real_time_support_every_read_is_empty() {
        RealtimeReads none = new RealtimeReads(new UnsupportedRealtime("this is Plan 9"));

        assertThat(none.supported()).isFalse();
        assertThat(none.currentCpu()).isEmpty();
        assertThat(none.isolatedCpus()).isEmpty();
        assertThat(none.threadId()).isEmpty();
        assertThat(none.policy(0)).isEmpty();
        assertThat(none.priority(0)).isEmpty();
        assertThat(none.nice(0)).isEmpty();
        assertThat(none.affinity(0)).isEmpty();
        assertThat(none.timerSlack()).isEmpty();
        assertThat(none.deadlineParameters(0)).isEmpty();
    }
}
