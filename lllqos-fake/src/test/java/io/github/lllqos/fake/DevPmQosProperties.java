package io.github.lllqos.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.lllqos.fake.property.PropertyRuns;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** The per-device lists against plain models. */
class DevPmQosProperties {

    private static final Gen<List<Integer>> FLAG_SETS = lists().of(integers().between(0, 0b1111)).ofSizeBetween(0, 20);
    private static final Gen<Integer> MASKS = integers().between(1, 0b1111);
    /**
     * Small values and negatives, any int, and the edges uniform draws miss: {@code S32_MAX} is the no-constraint
     * value, so a request there changes nothing and must notify no one.
     */
    private static final Gen<List<Integer>> LATENCIES = lists().of(Generate.oneOf(integers().between(-3, 500),
            integers().all(), arbitrary().pick(Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE - 1, Integer.MAX_VALUE)))
            .ofSizeBetween(0, 30);

    @Test
    void the_flags_aggregate_is_the_or_of_live_requests() {
        PropertyRuns.qt(1000).forAll(FLAG_SETS, FLAG_SETS, MASKS).checkAssert(this::flagsAggregate);
    }

    private void flagsAggregate(List<Integer> flags, List<Integer> updates, int mask) {
        SimulatedKernel kernel = new SimulatedKernel();
        DevPmQos devPmQos = kernel.devices().devPmQos();
        SimulatedDevice device = kernel.devices().add("device", null);
        List<DevPmQosRequest> requests = new ArrayList<>();
        List<Integer> model = new ArrayList<>();
        for (int value : flags) {
            DevPmQosRequest request = new DevPmQosRequest();
            devPmQos.addRequest(device, request, DevPmQosReqType.FLAGS, value);
            requests.add(request);
            model.add(value);
        }
        for (int i = 0; i < updates.size() && i < requests.size(); i++) {
            devPmQos.updateRequest(requests.get(i), updates.get(i));
            model.set(i, updates.get(i));
        }
        while (true) {
            int or = model.stream().reduce(0, (a, b) -> a | b);
            assertThat(devPmQos.effectiveFlags(device)).isEqualTo(or);
            assertThat(devPmQos.flags(device, mask)).isEqualTo(model.isEmpty() ? PmQosFlagsStatus.UNDEFINED
                    : (or & mask) == 0 ? PmQosFlagsStatus.NONE
                    : (or & mask) == mask ? PmQosFlagsStatus.ALL : PmQosFlagsStatus.SOME);
            if (requests.isEmpty()) {
                break;
            }
            devPmQos.removeRequest(requests.remove(0));
            model.remove(0);
        }
    }

    @Test
    void resume_latency_is_the_minimum_and_notifies_exactly_on_changes() {
        PropertyRuns.qt(1000).forAll(LATENCIES).checkAssert(this::resumeLatency);
    }

    private void resumeLatency(List<Integer> values) {
        SimulatedKernel kernel = new SimulatedKernel();
        DevPmQos devPmQos = kernel.devices().devPmQos();
        SimulatedDevice cpu = kernel.devices().cpu(0).device();
        List<Integer> notified = new ArrayList<>();
        devPmQos.addNotifier(cpu, notified::add, DevPmQosReqType.RESUME_LATENCY);
        List<Integer> changes = new ArrayList<>();
        List<DevPmQosRequest> requests = new ArrayList<>();
        int expected = PmQos.PM_QOS_RESUME_LATENCY_NO_CONSTRAINT;
        for (int value : values) {
            DevPmQosRequest request = new DevPmQosRequest();
            int before = devPmQos.readValue(cpu, DevPmQosReqType.RESUME_LATENCY);
            devPmQos.addRequest(cpu, request, DevPmQosReqType.RESUME_LATENCY, value);
            requests.add(request);
            expected = Math.min(expected, Math.max(0, value));
            assertThat(devPmQos.readValue(cpu, DevPmQosReqType.RESUME_LATENCY)).isEqualTo(expected);
            if (expected != before) {
                changes.add(expected);
            }
        }
        for (DevPmQosRequest request : requests) {
            int before = devPmQos.readValue(cpu, DevPmQosReqType.RESUME_LATENCY);
            devPmQos.removeRequest(request);
            int after = devPmQos.readValue(cpu, DevPmQosReqType.RESUME_LATENCY);
            if (after != before) {
                changes.add(after);
            }
        }
        assertThat(devPmQos.readValue(cpu, DevPmQosReqType.RESUME_LATENCY))
                .isEqualTo(PmQos.PM_QOS_RESUME_LATENCY_NO_CONSTRAINT);
        assertThat(notified).isEqualTo(changes);
    }
}
