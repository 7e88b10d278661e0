package io.github.lllqos.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.Outcome;
import org.junit.jupiter.api.Test;

class HeapGrowthTest {

    private static final long GIB = 1L << 30;

    @Test
    void a_heap_committed_below_its_maximum_is_a_hazard_that_names_the_fix() {
        assertThat(HeapGrowth.hazard(GIB / 4, 2 * GIB, false)).hasValueSatisfying(warning -> assertThat(warning)
                .contains("256 MiB committed of 2048 MiB").contains("-XX:+AlwaysPreTouch is off")
                .contains("-Xms equal to -Xmx and -XX:+AlwaysPreTouch"));
    }

    @Test
    void a_heap_that_can_grow_is_a_hazard_even_when_pre_touched() {
        assertThat(HeapGrowth.hazard(GIB, 2 * GIB, true)).hasValueSatisfying(warning -> assertThat(warning)
                .contains("can still grow").doesNotContain("is off"));
    }

    @Test
    void a_full_heap_that_was_not_pre_touched_is_a_hazard() {
        assertThat(HeapGrowth.hazard(2 * GIB, 2 * GIB, false)).hasValueSatisfying(warning -> assertThat(warning)
                .contains("not touched at start-up"));
    }

    @Test
    void a_full_pre_touched_heap_is_no_hazard() {
        assertThat(HeapGrowth.hazard(2 * GIB, 2 * GIB, true)).isEmpty();
    }

    @Test
    void a_heap_without_maximum_can_always_grow() {
        assertThat(HeapGrowth.hazard(GIB, -1, true)).hasValueSatisfying(warning -> assertThat(warning)
                .contains("no maximum"));
    }

    @Test
    void memory_locked_in_a_jvm_whose_heap_can_grow_carries_the_warning() {
        // The test JVM runs without -XX:+AlwaysPreTouch, so the hazard is there whatever its heap sizes.
        RealtimeControl control = new RealtimeControl(new RecordingBackend(), RecordingBackend.PID);

        Outcome<Long> locked = control.lockMemory();

        assertThat(locked.applied()).isTrue();
        assertThat(locked.warning()).isEqualTo(Realtime.heapGrowthHazard()).isPresent();
        assertThat(locked.toString()).contains("warning: ");
    }
}
