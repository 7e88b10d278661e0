package io.github.lllqos.internal;

import io.github.lllqos.Refusal;
import io.github.lllqos.spi.CpuLatencyQos;
import io.github.lllqos.spi.CpuLatencyRequest;
import io.github.lllqos.spi.LowLatencyProvider;
import io.github.lllqos.spi.RealtimeBackend;
import io.github.lllqos.spi.RequestRefusedException;
import io.github.lllqos.spi.support.UnsupportedRealtime;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The provider chosen when nothing applies: every lease is not acquired and every real-time call is a no-op,
 * with the selection's reason.
 */
public final class NoProvider implements LowLatencyProvider, CpuLatencyQos {

    /** The name of this provider. */
    public static final String NAME = "none";

    private final Refusal refusal;

    /**
     * A provider that holds nothing.
     *
     * @param refusal why, for every lease and real-time call
     */
    public NoProvider(Refusal refusal) {
        this.refusal = refusal;
    }

    /**
     * Why nothing is held.
     *
     * @return the refusal every lease gets
     */
    public Optional<Refusal> refusal() {
        return Optional.of(refusal);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return Integer.MIN_VALUE;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.of(refusal.message());
    }

    @Override
    public CpuLatencyQos cpuLatencyQos() {
        return this;
    }

    @Override
    public RealtimeBackend realtime() {
        return new UnsupportedRealtime("no real-time support: " + refusal.message());
    }

    @Override
    public CpuLatencyRequest addRequest(int targetMicros) throws RequestRefusedException {
        throw new RequestRefusedException(refusal);
    }

    @Override
    public OptionalInt effectiveLimit() {
        return OptionalInt.empty();
    }
}
