package io.github.lllqos.spi.support;

import io.github.lllqos.realtime.SchedPolicy;
import io.github.lllqos.spi.AbsoluteSleeper;
import io.github.lllqos.spi.RealtimeBackend;
import java.util.Optional;
import java.util.Set;

/** The backend of providers without real-time support: it states why, and refuses every operation. */
public final class UnsupportedRealtime implements RealtimeBackend {

    private final String reason;

    /**
     * A backend that refuses everything.
     *
     * @param reason why there is no real-time support
     */
    public UnsupportedRealtime(String reason) {
        this.reason = reason;
    }

    @Override
    public Optional<String> unsupportedReason() {
        return Optional.of(reason);
    }

    private UnsupportedOperationException refused() {
        return new UnsupportedOperationException(reason);
    }

    @Override
    public long currentThreadId() {
        throw refused();
    }

    @Override
    public Set<Integer> onlineCpus() {
        throw refused();
    }

    @Override
    public Set<Integer> isolatedCpus() {
        throw refused();
    }

    @Override
    public int currentCpu() {
        throw refused();
    }

    @Override
    public void setScheduler(long tid, SchedPolicy policy, int priority) {
        throw refused();
    }

    @Override
    public SchedPolicy policy(long tid) {
        throw refused();
    }

    @Override
    public int priority(long tid) {
        throw refused();
    }

    @Override
    public void setNice(long tid, int nice) {
        throw refused();
    }

    @Override
    public int nice(long tid) {
        throw refused();
    }

    @Override
    public boolean raiseRtprioLimit(int priority) {
        throw refused();
    }

    @Override
    public void setAffinity(long tid, Set<Integer> cpus) {
        throw refused();
    }

    @Override
    public Set<Integer> affinity(long tid) {
        throw refused();
    }

    @Override
    public void lockMemory() {
        throw refused();
    }

    @Override
    public void unlockMemory() {
        throw refused();
    }

    @Override
    public long lockedMemoryBytes() {
        throw refused();
    }

    @Override
    public void setTimerSlack(long nanos) {
        throw refused();
    }

    @Override
    public long timerSlack() {
        throw refused();
    }

    @Override
    public AbsoluteSleeper newSleeper() {
        throw refused();
    }
}
