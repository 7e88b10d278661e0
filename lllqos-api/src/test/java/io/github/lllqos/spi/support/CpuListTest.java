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
    void a_list_typed_by_a_user_keeps_its_order_and_repeats() {
        assertThat(CpuList.parse("3-5,0,3")).containsExactly(3, 4, 5, 0, 3);
    }

    @Test
    void signs_empty_parts_backward_ranges_and_huge_numbers_are_refused() {
        for (String refused : List.of("+3", "-1", "1,,2", "5-3", "1-2-3", "0-", "99999", "8192")) {
            assertThatThrownBy(() -> CpuList.parse(refused)).as(refused).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + refused + "'");
        }
        assertThat(CpuList.parse("8191")).containsExactly(8191);
    }

    @Test
    void text_that_is_no_cpu_list_is_refused_naming_it() {
        assertThatThrownBy(() -> CpuList.parse("0-x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'0-x'");
    }
}
