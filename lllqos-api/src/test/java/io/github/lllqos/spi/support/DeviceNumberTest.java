package io.github.lllqos.spi.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeviceNumberTest {

    @Test
    void the_sysfs_form_parses_with_its_newline_and_prints_back() {
        DeviceNumber number = DeviceNumber.parse("10:259\n");

        assertThat(number).isEqualTo(new DeviceNumber(10, 259));
        assertThat(number).hasToString("10:259");
    }

    @Test
    void anything_but_major_colon_minor_is_refused_naming_the_text() {
        for (String bad : new String[] {"10", ":259", "10:", "a:b", "-1:3", "10:259:1", ""}) {
            assertThatThrownBy(() -> DeviceNumber.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("MAJOR:MINOR").hasMessageContaining("'" + bad.strip() + "'");
        }
    }
}
