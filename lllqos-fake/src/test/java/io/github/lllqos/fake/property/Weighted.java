package io.github.lllqos.fake.property;

import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * Constants with weights, for {@link Generate#frequency}: a choice among constants takes one draw, whichever is
 * chosen, and shrinks towards the first.
 *
 * <pre>{@code
 * Gen<String> newlines = Generate.frequency(List.of(Weighted.weight(2, ""), Weighted.weight(1, "\n")));
 * }</pre>
 */
public final class Weighted {

    private Weighted() {
    }

    /**
     * {@code value}, chosen in proportion to {@code weight}.
     *
     * @param weight the relative weight, positive
     * @param value the constant
     * @param <T> its type
     * @return the pair {@link Generate#frequency} takes
     */
    public static <T> Pair<Integer, Gen<T>> weight(int weight, T value) {
        return Pair.of(weight, SourceDSL.arbitrary().constant(value));
    }
}
