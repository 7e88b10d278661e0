package io.github.lllqos;

import io.github.lllqos.spi.CpuLatencyQos;
import io.github.lllqos.spi.CpuLatencyRequest;
import io.github.lllqos.spi.LowLatencyProvider;
import io.github.lllqos.spi.RealtimeBackend;
import io.github.lllqos.spi.RequestRefusedException;
import io.github.lllqos.spi.support.UnsupportedRealtime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** A provider for the API's own tests: a plain list of requests. */
final class TestProvider implements LowLatencyProvider, CpuLatencyQos {

    static final int DEFAULT_LIMIT = 2_000_000_000;

    private final String name;
    private final int priority;
    private final boolean simulated;
    private final String unavailable;
    final List<int[]> live = new ArrayList<>();

    TestProvider(String name, int priority, boolean simulated, String unavailable) {
        this.name = name;
        this.priority = priority;
        this.simulated = simulated;
        this.unavailable = unavailable;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public boolean simulated() {
        return simulated;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailable);
    }

    @Override
    public CpuLatencyQos cpuLatencyQos() {
        return this;
    }

    @Override
    public synchronized CpuLatencyRequest addRequest(int targetMicros) throws RequestRefusedException {
        if (unavailable != null) {
            throw new RequestRefusedException(Refusal.of(Refusal.Kind.UNSUPPORTED, unavailable));
        }
        int[] request = {targetMicros};
        live.add(request);
        return new CpuLatencyRequest() {
            @Override
            public void update(int target) {
                synchronized (TestProvider.this) {
                    request[0] = target;
                }
            }

            @Override
            public int effectiveLimit() {
                return TestProvider.this.effectiveLimit().orElseThrow();
            }

            @Override
            public void remove() {
                synchronized (TestProvider.this) {
                    live.remove(request);
                }
            }
        };
    }

    @Override
    public synchronized OptionalInt effectiveLimit() {
        return OptionalInt.of(live.stream().mapToInt(r -> r[0]).min().orElse(DEFAULT_LIMIT));
    }

    synchronized int liveRequests() {
        return live.size();
    }

    @Override
    public RealtimeBackend realtime() {
        return new UnsupportedRealtime("test provider '" + name + "' has no real-time support");
    }
}
