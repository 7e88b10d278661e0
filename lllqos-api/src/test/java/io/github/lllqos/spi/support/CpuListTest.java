package io.github.lllqos.spi.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.TreeSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class CpuListTest {

    @Test
    void ranges_and_single_cpus_are_read_in_order() {
        assertThat(CpuList.parse("0-3,6,8-9\n")).containsExactly(0, 1, 2, 3, 6, 8, 9);
        assertThat(CpuList.parse("")).isEmpty();
    }

    @Test
    void consecutive_cpus_are_written_as_ranges() {
        assertThat(CpuList.format(new TreeSet<>(List.of(0, 1, 2, 3, 6, 8, 9)))).isEqualTo("0-3,6,8-9");
        assertThat(CpuList.format(new TreeSet<>(List.of(5)))).isEqualTo("5");
    }

    @Test
    void text_that_is_no_cpu_list_is_refused_naming_it() {
        assertThatThrownBy(() -> CpuList.parse("0-x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'0-x'");
    }
}
