package io.github.lllqos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PreemptionModelTest {

    private static final Report.Value<String> MISSING = Report.Value.unknown("/sys/kernel/realtime does not exist");

    @Test
    void the_version_string_names_the_model() {
        assertThat(model("#1 SMP PREEMPT_DYNAMIC Sat Nov 1").json()).isEqualTo("PREEMPT_DYNAMIC");
        assertThat(model("#1 SMP PREEMPT Sat Nov 1").json()).isEqualTo("PREEMPT");
        assertThat(model("#1 SMP PREEMPT_RT Sat Nov 1").json()).isEqualTo("PREEMPT_RT");
        assertThat(model("#1 SMP Debian 6.1.0").json()).isEqualTo("none");
    }

    @Test
    void sys_kernel_realtime_marks_a_real_time_kernel_whatever_the_version_says() {
        assertThat(PreemptionModel.model(Report.Value.known("1"), Report.Value.known("#1 SMP")).json())
                .isEqualTo("PREEMPT_RT");
    }

    @Test
    void the_dynamic_mode_is_the_one_in_parentheses() {
        Report.Value<String> mode = PreemptionModel.dynamicMode(model("#1 SMP PREEMPT_DYNAMIC"),
                Report.Value.known("none voluntary (full) lazy"), MISSING);

        assertThat(mode.json()).isEqualTo("full");
    }

    @Test
    void without_debugfs_the_mode_is_unknown_with_the_fix_and_the_boot_choice() {
        Report.Value<String> mode = PreemptionModel.dynamicMode(model("#1 SMP PREEMPT_DYNAMIC"),
                Report.Value.unknown("/sys/kernel/debug/sched/preempt does not exist"),
                Report.Value.known("BOOT_IMAGE=/vmlinuz root=/dev/sda1 preempt=full quiet"));

        assertThat(mode.isKnown()).isFalse();
        assertThat(mode.reason()).contains("does not exist", "mount -t debugfs", "booted with preempt=full");
    }

    private static Report.Value<String> model(String version) {
        return PreemptionModel.model(MISSING, Report.Value.known(version));
    }
}
