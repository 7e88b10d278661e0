package io.github.lllqos.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The sysfs {@code power/} attributes of simulated devices, with the string forms kernel-facts.md records. */
class PowerAttributesTest {

    private final SimulatedKernel kernel = new SimulatedKernel();
    private final SimulatedDevice cpu1 = kernel.devices().cpu(1).device();
    private final DevPmQos devPmQos = kernel.devices().devPmQos();

    @Test
    void every_cpu_starts_without_a_constraint_shown_as_0() throws IOException {
        assertThat(kernel.devices().cpuCount()).isEqualTo(4);
        for (int cpu = 0; cpu < kernel.devices().cpuCount(); cpu++) {
            assertThat(kernel.devices().cpu(cpu).number()).isEqualTo(cpu);
            assertThat(kernel.devices().cpu(cpu).device().name()).isEqualTo("cpu" + cpu);
            assertThat(kernel.devices().cpu(cpu).device().readAttribute(SimulatedDevice.RESUME_LATENCY_US)).isEqualTo("0\n");
            assertThat(kernel.devices().cpu(cpu).resumeLatency()).isEqualTo(PmQos.PM_QOS_RESUME_LATENCY_NO_CONSTRAINT);
        }
    }

    @ParameterizedTest(name = "\"{0}\" sets {1} µs")
    @CsvSource(delimiter = '|', value = {"10|10", "7\\n|7", "0x10|16", "010|8", "+5|5"})
    void a_number_sets_the_cpu_resume_latency(String written, int expected) throws IOException {
        cpu1.writeAttribute(SimulatedDevice.RESUME_LATENCY_US, written.replace("\\n", "\n"));
        assertThat(devPmQos.readValue(cpu1, DevPmQosReqType.RESUME_LATENCY)).isEqualTo(expected);
        assertThat(cpu1.readAttribute(SimulatedDevice.RESUME_LATENCY_US)).isEqualTo(expected + "\n");
        assertThat(kernel.devices().cpu(1).resumeLatency()).isEqualTo(expected);
        assertThat(kernel.devices().cpu(0).resumeLatency()).isEqualTo(PmQos.PM_QOS_RESUME_LATENCY_NO_CONSTRAINT);
    }

    @Test
    void zero_means_no_constraint_and_n_a_the_strictest() throws IOException {
        cpu1.writeAttribute(SimulatedDevice.RESUME_LATENCY_US, "n/a");
        assertThat(devPmQos.readValue(cpu1, DevPmQosReqType.RESUME_LATENCY)).isZero();
        assertThat(cpu1.readAttribute(SimulatedDevice.RESUME_LATENCY_US)).isEqualTo("n/a\n");
        cpu1.writeAttribute(SimulatedDevice.RESUME_LATENCY_US, "0");
        assertThat(devPmQos.readValue(cpu1, DevPmQosReqType.RESUME_LATENCY))
                .isEqualTo(PmQos.PM_QOS_RESUME_LATENCY_NO_CONSTRAINT);
        assertThat(cpu1.readAttribute(SimulatedDevice.RESUME_LATENCY_US)).isEqualTo("0\n");
        cpu1.writeAttribute(SimulatedDevice.RESUME_LATENCY_US, "n/a\n");
        assertThat(cpu1.readAttribute(SimulatedDevice.RESUME_LATENCY_US)).isEqualTo("n/a\n");
    }

    @ParameterizedTest(name = "\"{0}\" is EINVAL")
    @ValueSource(strings = {"2147483647", " 5", "abc", "-1", "-5", "", "n/a ", "99999999999"})
    void the_cpu_resume_latency_rejects_what_the_kernel_rejects(String written) throws IOException {
        cpu1.writeAttribute(SimulatedDevice.RESUME_LATENCY_US, "25");
        assertThatThrownBy(() -> cpu1.writeAttribute(SimulatedDevice.RESUME_LATENCY_US, written))
                .isInstanceOfSatisfying(SimulatedErrnoException.class, e -> assertThat(e.errno()).isEqualTo("EINVAL"));
        assertThat(cpu1.readAttribute(SimulatedDevice.RESUME_LATENCY_US)).isEqualTo("25\n");
    }

    @Test
    void the_cpu_resume_latency_is_the_minimum_with_kernel_requests_and_notifies_on_change() throws IOException {
        List<Integer> notified = new ArrayList<>();
        devPmQos.addNotifier(cpu1, notified::add, DevPmQosReqType.RESUME_LATENCY);
        DevPmQosRequest driver = new DevPmQosRequest();
        assertThat(devPmQos.addRequest(cpu1, driver, DevPmQosReqType.RESUME_LATENCY, 40)).isTrue();
        cpu1.writeAttribute(SimulatedDevice.RESUME_LATENCY_US, "60");
        assertThat(devPmQos.readValue(cpu1, DevPmQosReqType.RESUME_LATENCY)).isEqualTo(40);
        cpu1.writeAttribute(SimulatedDevice.RESUME_LATENCY_US, "20");
        assertThat(devPmQos.removeRequest(driver)).isFalse();
        assertThat(devPmQos.requests(cpu1, DevPmQosReqType.RESUME_LATENCY)).containsExactly(20);
        assertThat(notified).containsExactly(40, 20);
        assertThat(devPmQos.history(cpu1, DevPmQosReqType.RESUME_LATENCY))
                .containsExactly(Integer.MAX_VALUE, 40, 20);
    }

    @Test
    void latency_tolerance_takes_numbers_any_and_auto_and_drives_the_callback() throws IOException {
        SimulatedDevice controller = kernel.devices().add("controller", null);
        assertThatThrownBy(() -> devPmQos.exposeLatencyTolerance(controller))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EINVAL");
        List<Integer> hardware = new ArrayList<>();
        controller.setLatencyToleranceCallback(hardware::add);
        devPmQos.exposeLatencyTolerance(controller);
        assertThat(controller.readAttribute(SimulatedDevice.LATENCY_TOLERANCE_US)).isEqualTo("auto\n");
        controller.writeAttribute(SimulatedDevice.LATENCY_TOLERANCE_US, "100");
        assertThat(controller.readAttribute(SimulatedDevice.LATENCY_TOLERANCE_US)).isEqualTo("100\n");
        controller.writeAttribute(SimulatedDevice.LATENCY_TOLERANCE_US, "any\n");
        assertThat(controller.readAttribute(SimulatedDevice.LATENCY_TOLERANCE_US)).isEqualTo("any\n");
        controller.writeAttribute(SimulatedDevice.LATENCY_TOLERANCE_US, "auto");
        assertThat(controller.readAttribute(SimulatedDevice.LATENCY_TOLERANCE_US)).isEqualTo("auto\n");
        assertThatThrownBy(() -> controller.writeAttribute(SimulatedDevice.LATENCY_TOLERANCE_US, "-3"))
                .isInstanceOfSatisfying(SimulatedErrnoException.class, e -> assertThat(e.errno()).isEqualTo("EINVAL"));
        assertThat(hardware).containsExactly(100, Integer.MAX_VALUE, -1);
        devPmQos.hideLatencyTolerance(controller);
        assertThatThrownBy(() -> controller.readAttribute(SimulatedDevice.LATENCY_TOLERANCE_US))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void no_power_off_takes_0_or_1_and_sets_the_flag() throws IOException {
        SimulatedDevice disk = kernel.devices().add("disk", null);
        assertThatThrownBy(() -> disk.readAttribute(SimulatedDevice.NO_POWER_OFF))
                .isInstanceOf(NoSuchFileException.class);
        devPmQos.exposeFlags(disk, 0);
        assertThat(disk.readAttribute(SimulatedDevice.NO_POWER_OFF)).isEqualTo("0\n");
        assertThat(devPmQos.flags(disk, PmQos.PM_QOS_FLAG_NO_POWER_OFF)).isEqualTo(PmQosFlagsStatus.NONE);
        disk.writeAttribute(SimulatedDevice.NO_POWER_OFF, "1\n");
        assertThat(disk.readAttribute(SimulatedDevice.NO_POWER_OFF)).isEqualTo("1\n");
        assertThat(devPmQos.flags(disk, PmQos.PM_QOS_FLAG_NO_POWER_OFF)).isEqualTo(PmQosFlagsStatus.ALL);
        for (String bad : List.of("2", "yes", "-1")) {
            assertThatThrownBy(() -> disk.writeAttribute(SimulatedDevice.NO_POWER_OFF, bad))
                    .isInstanceOfSatisfying(SimulatedErrnoException.class,
                            e -> assertThat(e.errno()).isEqualTo("EINVAL"));
        }
        devPmQos.hideFlags(disk);
        assertThat(devPmQos.flags(disk, PmQos.PM_QOS_FLAG_NO_POWER_OFF)).isEqualTo(PmQosFlagsStatus.UNDEFINED);
    }

    @Test
    void hiding_the_limit_removes_the_attribute_and_its_request() throws IOException {
        cpu1.writeAttribute(SimulatedDevice.RESUME_LATENCY_US, "5");
        devPmQos.hideLatencyLimit(cpu1);
        assertThatThrownBy(() -> cpu1.writeAttribute(SimulatedDevice.RESUME_LATENCY_US, "5"))
                .isInstanceOf(NoSuchFileException.class);
        assertThat(devPmQos.requests(cpu1, DevPmQosReqType.RESUME_LATENCY)).isEmpty();
        devPmQos.exposeLatencyLimit(cpu1, 0);
        assertThat(cpu1.readAttribute(SimulatedDevice.RESUME_LATENCY_US)).isEqualTo("n/a\n");
        assertThatThrownBy(() -> devPmQos.exposeLatencyLimit(cpu1, 0)).hasMessageContaining("EEXIST");
    }
}
