package io.github.lllqos.fake.property;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * A generated sequence of operations for a stateful property: each step is applied to the system and to its model,
 * and the invariant is checked after every one. QuickTheories shrinks a failing sequence by shortening it and by
 * leaving out single steps, so the counterexample it reports is a short one.
 *
 * <pre>{@code
 * PropertyRuns.qt(500).forAll(OperationSequence.of(Planner::new, 80)).checkAssert(sequence -> {
 *     Model model = new Model();
 *     sequence.run(operation -> operation.applyTo(model), model::checkLimit);
 * });
 * }</pre>
 *
 * @param steps the operations, in order
 * @param <O> the operation type
 */
public record OperationSequence<O>(List<O> steps) {

    /** One in this many drawn steps is left out; leaving a step out is where shrinking heads. */
    private static final int LEFT_OUT_ONE_IN = 10;

    /** Copies the steps. */
    public OperationSequence {
        steps = List.copyOf(steps);
    }

    /**
     * Sequences of up to {@code maxLength} drawn steps, plus the planner's closing steps.
     *
     * @param planners a new planner for each sequence
     * @param maxLength the most drawn steps
     * @param <O> the operation type
     * @return the generator
     */
    public static <O> Gen<OperationSequence<O>> of(Supplier<? extends OperationPlanner<O>> planners, int maxLength) {
        Gen<Integer> lengths = SourceDSL.integers().between(0, maxLength);
        Gen<Integer> kept = SourceDSL.integers().between(0, LEFT_OUT_ONE_IN - 1);
        return source -> {
            OperationPlanner<O> planner = planners.get();
            List<O> steps = new ArrayList<>();
            int length = lengths.generate(source);
            for (int i = 0; i < length; i++) {
                boolean keep = kept.generate(source) != 0;
                Optional<O> operation = planner.draw(source);
                if (keep && operation.isPresent()) {
                    planner.accept(operation.get());
                    steps.add(operation.get());
                }
            }
            steps.addAll(planner.finish());
            return new OperationSequence<>(steps);
        };
    }

    /**
     * Applies every step, checking {@code invariant} after each; a failure names the step it followed.
     *
     * @param apply applies one step to the system and its model, asserting its outcome
     * @param invariant what must hold between steps
     */
    public void run(Consumer<? super O> apply, Runnable invariant) {
        invariant.run();
        for (int i = 0; i < steps.size(); i++) {
            O step = steps.get(i);
            try {
                apply.accept(step);
                invariant.run();
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("step " + (i + 1) + " of " + steps.size() + ", " + step + ": "
                        + e.getMessage(), e);
            }
        }
    }

    /** The steps numbered, one a line, as a counterexample is printed. */
    @Override
    public String toString() {
        return IntStream.range(0, steps.size()).mapToObj(i -> "  " + (i + 1) + ". " + steps.get(i))
                .collect(Collectors.joining("\n", "", steps.isEmpty() ? "  (no steps)" : ""));
    }
}
