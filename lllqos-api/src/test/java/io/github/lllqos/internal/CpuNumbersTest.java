package io.github.lllqos.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CpuNumbersTest {

    @Test
    void cpu_numbers_come_back_ascending_without_repeats_and_unmodifiable() {
        assertThat(CpuNumbers.checked(List.of(3, 1, 3, 0))).containsExactly(0, 1, 3);
        assertThatThrownBy(() -> CpuNumbers.checked(List.of(1)).add(2))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void no_cpu_a_negative_one_or_a_null_is_refused_naming_it() {
        assertThatThrownBy(() -> CpuNumbers.checked(Set.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the CPU set is empty: name at least one CPU");
        assertThatThrownBy(() -> CpuNumbers.checked(List.of(1, -2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CPU -2 in [1, -2] is not a CPU number: CPU numbers are 0 or more");
        assertThatThrownBy(() -> CpuNumbers.checked(Arrays.asList(0, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CPU null");
    }

    @Test
    void the_first_cpu_outside_those_there_are_is_named() {
        CpuNumbers.requireAmong(List.of(0, 2), Set.of(0, 1, 2), "is not online");

        assertThatThrownBy(() -> CpuNumbers.requireAmong(List.of(0, 5, 7), Set.of(0, 1), "is not online: 0-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("CPU 5 is not online: 0-1");
    }
}
