package io.github.lllqos.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The CPU latency list against a plain model: a map of live request values. */
class CpuLatencyQosProperties {

    /** One kernel-side call on request slot {@code slot}. */
    record Call(String kind, int slot, int value) {
        @Override
        public String toString() {
            return kind + "(req" + slot + (kind.equals("remove") ? "" : ", " + value) + ")";
        }
    }

    @Provide
    Arbitrary<List<Call>> calls() {
        Arbitrary<Integer> values = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 3000),
                Arbitraries.integers().between(0, Integer.MAX_VALUE),
                Arbitraries.of(-1, -5, Integer.MIN_VALUE, 2_000_000_000, Integer.MAX_VALUE));
        Arbitrary<Call> call = Combinators.combine(Arbitraries.of("add", "update", "remove"),
                Arbitraries.integers().between(0, 7), values).as(Call::new);
        return call.list().ofMaxSize(60);
    }

    @Property
    void the_limit_is_the_minimum_of_live_requests_or_the_default(@ForAll("calls") List<Call> calls,
                                                                  @ForAll KernelProfile profile) {
        SimulatedKernel kernel = new SimulatedKernel(profile);
        Map<Integer, PmQosRequest> handles = new HashMap<>();
        Map<Integer, Integer> model = new HashMap<>();
        for (Call call : calls) {
            apply(kernel, handles, model, call, profile);
            int expected = model.values().stream().mapToInt(Integer::intValue).min()
                    .orElse(PmQos.PM_QOS_CPU_LATENCY_DEFAULT_VALUE);
            assertThat(kernel.cpuLatencyQosLimit()).as("limit after %s", call).isEqualTo(expected);
            assertThat(kernel.cpuLatencyQosRequests()).containsExactlyInAnyOrderElementsOf(model.values());
        }
    }

    @Property
    void notifiers_fire_exactly_when_the_limit_changes(@ForAll("calls") List<Call> calls) {
        SimulatedKernel kernel = new SimulatedKernel();
        List<Integer> notified = new ArrayList<>();
        kernel.cpuLatencyQosAddNotifier(notified::add);
        List<Integer> changes = new ArrayList<>();
        Map<Integer, PmQosRequest> handles = new HashMap<>();
        Map<Integer, Integer> model = new HashMap<>();
        for (Call call : calls) {
            int before = kernel.cpuLatencyQosLimit();
            apply(kernel, handles, model, call, KernelProfile.CURRENT);
            int after = kernel.cpuLatencyQosLimit();
            if (after != before) {
                changes.add(after);
            }
        }
        assertThat(notified).isEqualTo(changes);
        List<Integer> history = new ArrayList<>(List.of(PmQos.PM_QOS_CPU_LATENCY_DEFAULT_VALUE));
        history.addAll(changes);
        assertThat(kernel.cpuLatencyQosHistory()).isEqualTo(history);
    }

    /** Applies a call to the kernel and to the model, skipping calls the slot's state makes invalid. */
    private static void apply(SimulatedKernel kernel, Map<Integer, PmQosRequest> handles,
                              Map<Integer, Integer> model, Call call, KernelProfile profile) {
        boolean invalid = profile != KernelProfile.NEGATIVES_INSERTED && call.value() < -1;
        int stored = call.value() == -1 ? PmQos.PM_QOS_CPU_LATENCY_DEFAULT_VALUE : call.value();
        PmQosRequest handle = handles.get(call.slot());
        switch (call.kind()) {
            case "add":
                if (handle == null) {
                    handle = new PmQosRequest();
                    kernel.cpuLatencyQosAddRequest(handle, call.value());
                    if (!invalid) {
                        handles.put(call.slot(), handle);
                        model.put(call.slot(), stored);
                    }
                }
                break;
            case "update":
                if (handle != null) {
                    kernel.cpuLatencyQosUpdateRequest(handle, call.value());
                    if (!invalid) {
                        model.put(call.slot(), stored);
                    }
                }
                break;
            default:
                if (handle != null) {
                    kernel.cpuLatencyQosRemoveRequest(handle);
                    handles.remove(call.slot());
                    model.remove(call.slot());
                }
        }
    }
}
