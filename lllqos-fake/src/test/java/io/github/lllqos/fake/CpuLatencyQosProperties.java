package io.github.lllqos.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.lllqos.fake.property.OperationPlanner;
import io.github.lllqos.fake.property.OperationSequence;
import io.github.lllqos.fake.property.PropertyRuns;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/** The CPU latency list against a plain model: a map of live request values. */
class CpuLatencyQosProperties {

    private static final int MAX_LIVE = 8;

    @Test
    void the_limit_is_the_minimum_of_live_requests_or_the_default() {
        Gen<KernelProfile> profiles = arbitrary().enumValues(KernelProfile.class);
        PropertyRuns.qt(1000).forAll(profiles.flatMap(profile -> OperationSequence.of(() -> new Planner(profile), 60)
                .map(sequence -> new Scenario(profile, sequence)))).checkAssert(scenario -> {
                    Model model = new Model(new SimulatedKernel(scenario.profile()));
                    scenario.sequence().run(call -> call.applyTo(model), model::checkLimit);
                });
    }

    @Test
    void notifiers_fire_exactly_when_the_limit_changes() {
        PropertyRuns.qt(1000).forAll(OperationSequence.of(() -> new Planner(KernelProfile.CURRENT), 60))
                .checkAssert(sequence -> {
                    Model model = new Model(new SimulatedKernel());
                    List<Integer> notified = new ArrayList<>();
                    model.kernel.cpuLatencyQos().addNotifier(notified::add);
                    List<Integer> history = new ArrayList<>(List.of(PmQos.PM_QOS_CPU_LATENCY_DEFAULT_VALUE));
                    sequence.run(call -> {
                        int before = model.kernel.cpuLatencyQos().limit();
                        call.applyTo(model);
                        int after = model.kernel.cpuLatencyQos().limit();
                        if (after != before) {
                            history.add(after);
                        }
                    }, () -> {
                        assertThat(notified).as("notified limits").isEqualTo(history.subList(1, history.size()));
                        assertThat(model.kernel.cpuLatencyQos().history()).as("kernel's history").isEqualTo(history);
                    });
                });
    }

    /** A kernel profile and the calls made on it. */
    record Scenario(KernelProfile profile, OperationSequence<KernelCall> sequence) {
        @Override
        public String toString() {
            return "on " + profile + ":\n" + sequence;
        }
    }

    /** One kernel-side call on request {@code request}, the n-th one added. */
    sealed interface KernelCall {
        /** Makes the call on the kernel and records its expected effect in the model. */
        void applyTo(Model model);
    }

    record Add(int request, int value) implements KernelCall {
        @Override
        public void applyTo(Model model) {
            PmQosRequest handle = new PmQosRequest();
            model.kernel.cpuLatencyQos().addRequest(handle, value);
            if (model.accepts(value)) {
                model.handles.put(request, handle);
                model.live.put(request, Model.stored(value));
            }
        }

        @Override
        public String toString() {
            return "add(req" + request + ", " + value + ")";
        }
    }

    record Update(int request, int value) implements KernelCall {
        @Override
        public void applyTo(Model model) {
            model.kernel.cpuLatencyQos().updateRequest(model.handles.get(request), value);
            if (model.accepts(value)) {
                model.live.put(request, Model.stored(value));
            }
        }

        @Override
        public String toString() {
            return "update(req" + request + ", " + value + ")";
        }
    }

    record Remove(int request) implements KernelCall {
        @Override
        public void applyTo(Model model) {
            model.kernel.cpuLatencyQos().removeRequest(model.handles.remove(request));
            model.live.remove(request);
        }

        @Override
        public String toString() {
            return "remove(req" + request + ")";
        }
    }

    /** The kernel, its request handles, and the values the live ones should hold. */
    static final class Model {
        final SimulatedKernel kernel;
        final Map<Integer, PmQosRequest> handles = new HashMap<>();
        final Map<Integer, Integer> live = new HashMap<>();

        Model(SimulatedKernel kernel) {
            this.kernel = kernel;
        }

        /** Whether the profile takes {@code value}: -1 and non-negatives always, other negatives on old kernels. */
        boolean accepts(int value) {
            return accepts(kernel.profile(), value);
        }

        static boolean accepts(KernelProfile profile, int value) {
            return value >= PmQos.PM_QOS_DEFAULT_VALUE || profile == KernelProfile.NEGATIVES_INSERTED;
        }

        /** -1 stands for the default value. */
        static int stored(int value) {
            return value == PmQos.PM_QOS_DEFAULT_VALUE ? PmQos.PM_QOS_CPU_LATENCY_DEFAULT_VALUE : value;
        }

        void checkLimit() {
            int expected = live.values().stream().mapToInt(Integer::intValue).min()
                    .orElse(PmQos.PM_QOS_CPU_LATENCY_DEFAULT_VALUE);
            assertThat(kernel.cpuLatencyQos().limit()).as("limit, the minimum of live requests").isEqualTo(expected);
            assertThat(kernel.cpuLatencyQos().requests()).as("live requests")
                    .containsExactlyInAnyOrderElementsOf(live.values());
        }
    }

    /** Adds while fewer than {@value #MAX_LIVE} are live; updates and removes live requests only. */
    static final class Planner implements OperationPlanner<KernelCall> {
        private static final Gen<Kind> KINDS = arbitrary().enumValues(Kind.class);
        private static final Gen<Integer> SLOTS = integers().between(0, MAX_LIVE - 1);
        private static final Gen<Integer> VALUES = Generate.oneOf(integers().between(0, 3000),
                integers().between(0, Integer.MAX_VALUE),
                arbitrary().pick(-1, -5, Integer.MIN_VALUE, 2_000_000_000, Integer.MAX_VALUE));

        private enum Kind { ADD, UPDATE, REMOVE }

        private final KernelProfile profile;
        private final List<Integer> live = new ArrayList<>();
        private int added;

        Planner(KernelProfile profile) {
            this.profile = profile;
        }

        @Override
        public Optional<KernelCall> draw(RandomnessSource source) {
            Kind kind = KINDS.generate(source);
            int slot = SLOTS.generate(source);
            int value = VALUES.generate(source);
            if (kind == Kind.ADD ? live.size() == MAX_LIVE : live.isEmpty()) {
                return Optional.empty();
            }
            int request = kind == Kind.ADD ? added : OperationPlanner.newestFirst(live, slot);
            return Optional.of(switch (kind) {
                case ADD -> new Add(request, value);
                case UPDATE -> new Update(request, value);
                case REMOVE -> new Remove(request);
            });
        }

        @Override
        public void accept(KernelCall call) {
            if (call instanceof Add add) {
                added++;
                if (Model.accepts(profile, add.value())) {
                    live.add(add.request());
                }
            } else if (call instanceof Remove remove) {
                live.remove(Integer.valueOf(remove.request()));
            }
        }
    }
}
