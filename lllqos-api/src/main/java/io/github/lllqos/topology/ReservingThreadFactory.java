package io.github.lllqos.topology;

import io.github.lllqos.realtime.PriorityChange;
import io.github.lllqos.realtime.Realtime;
import io.github.lllqos.realtime.SchedPolicy;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ThreadFactory} whose threads each reserve a CPU (or a whole core) when they start, optionally take a
 * real-time policy, and release the reservation when they end.
 *
 * <pre>{@code
 * ThreadFactory factory = ReservingThreadFactory.named("stage")
 *         .strategies(CpuStrategy.SAME_SOCKET, CpuStrategy.ANY)   // each thread near the previous one
 *         .realtime(SchedPolicy.FIFO, 80)
 *         .build();
 * ExecutorService stages = Executors.newFixedThreadPool(3, factory);
 * }</pre>
 *
 * <p>A thread whose reservation cannot be had still runs, unpinned, with a warning naming who holds the CPUs; a
 * task sees its reservation through {@link #currentReservation()}. Each new reservation tries the strategies in
 * order, relative to the newest reservation of this factory that is still held; without one, any reservable CPU.
 */
public final class ReservingThreadFactory implements ThreadFactory {

    private static final System.Logger LOG = System.getLogger(ReservingThreadFactory.class.getName());
    private static final ThreadLocal<CpuReservation> CURRENT = new ThreadLocal<>();

    private final String prefix;
    private final boolean wholeCore;
    private final List<CpuStrategy> strategies;
    private final SchedPolicy policy;
    private final int priority;
    private final boolean daemon;
    private final AtomicInteger count = new AtomicInteger();
    /** The reservations of this factory's threads that are running, oldest first. */
    private final ConcurrentLinkedDeque<CpuReservation> held = new ConcurrentLinkedDeque<>();

    private ReservingThreadFactory(Builder builder) {
        this.prefix = builder.prefix;
        this.wholeCore = builder.wholeCore;
        this.strategies = builder.strategies;
        this.policy = builder.policy;
        this.priority = builder.priority;
        this.daemon = builder.daemon;
    }

    /**
     * Starts a factory whose threads are named {@code prefix-0}, {@code prefix-1}, ...
     *
     * @param prefix the thread name prefix
     * @return a builder
     */
    public static Builder named(String prefix) {
        return new Builder(Objects.requireNonNull(prefix, "prefix"));
    }

    /**
     * The reservation of the calling thread, when a {@link ReservingThreadFactory} made it.
     *
     * @return the reservation (acquired or not), empty on other threads
     */
    public static Optional<CpuReservation> currentReservation() {
        return Optional.ofNullable(CURRENT.get());
    }

    @Override
    public Thread newThread(Runnable task) {
        Objects.requireNonNull(task, "task");
        Thread thread = new Thread(() -> runReserved(task), prefix + "-" + count.getAndIncrement());
        thread.setDaemon(daemon);
        return thread;
    }

    private void runReserved(Runnable task) {
        CpuReservation reservation = reserve();
        try (reservation) {
            CURRENT.set(reservation);
            if (reservation.acquired()) {
                held.addLast(reservation);
            } else {
                LOG.log(System.Logger.Level.WARNING, Thread.currentThread().getName() + " runs without a reserved"
                        + " CPU: " + reservation.notAcquiredReason().orElse(""));
            }
            if (policy != null) {
                PriorityChange change = Realtime.elevatePriority(policy, priority);
                if (!change.realtime()) {
                    LOG.log(System.Logger.Level.WARNING, Thread.currentThread().getName() + " runs without "
                            + policy.cName() + " " + priority + ": " + change.reason().orElse(""));
                }
            }
            task.run();
        } finally {
            held.remove(reservation);
            CURRENT.remove();
        }
    }

    private CpuReservation reserve() {
        CpuReservation relativeTo = newestHeld();
        if (relativeTo == null) {
            return wholeCore ? CpuReservation.acquireCore() : CpuReservation.acquire();
        }
        CpuReservation last = null;
        for (CpuStrategy strategy : strategies) {
            last = wholeCore ? CpuReservation.acquireCore(strategy, relativeTo)
                    : CpuReservation.acquire(strategy, relativeTo);
            if (last.acquired()) {
                return last;
            }
        }
        return last;
    }

    /** The newest reservation of a running thread that still holds its CPUs, or null. */
    private CpuReservation newestHeld() {
        for (Iterator<CpuReservation> newestFirst = held.descendingIterator(); newestFirst.hasNext(); ) {
            CpuReservation reservation = newestFirst.next();
            if (reservation.acquired()) {
                return reservation;
            }
        }
        return null;
    }

    /** Settings of a {@link ReservingThreadFactory}. */
    public static final class Builder {

        private final String prefix;
        private boolean wholeCore;
        private List<CpuStrategy> strategies = List.of(CpuStrategy.ANY);
        private SchedPolicy policy;
        private int priority;
        private boolean daemon;

        private Builder(String prefix) {
            this.prefix = prefix;
        }

        /**
         * Makes each thread reserve a whole core ({@link CpuReservation#acquireCore()}) instead of one CPU.
         *
         * @return this builder
         */
        public Builder wholeCore() {
            this.wholeCore = true;
            return this;
        }

        /**
         * The strategies each new thread tries in order, relative to the newest held reservation of this factory.
         *
         * @param strategies at least one; {@link CpuStrategy#ANY} by default
         * @return this builder
         * @throws IllegalArgumentException when none is given
         */
        public Builder strategies(CpuStrategy... strategies) {
            if (strategies.length == 0) {
                throw new IllegalArgumentException("the strategies are empty: name at least one, such as ANY");
            }
            this.strategies = List.of(strategies);
            return this;
        }

        /**
         * Gives each thread a real-time policy, with the fallbacks of
         * {@link Realtime#elevatePriority(SchedPolicy, int)}.
         *
         * @param policy {@link SchedPolicy#FIFO} or {@link SchedPolicy#RR}
         * @param priority 1..99
         * @return this builder
         * @throws IllegalArgumentException for a time-sharing policy or a priority outside 1..99
         */
        public Builder realtime(SchedPolicy policy, int priority) {
            if (!policy.isRealtime()) {
                throw new IllegalArgumentException("realtime needs FIFO or RR, was " + policy);
            }
            policy.checkPriority(priority);
            this.policy = policy;
            this.priority = priority;
            return this;
        }

        /**
         * Makes the threads daemon threads.
         *
         * @param daemon whether the JVM may exit while they run
         * @return this builder
         */
        public Builder daemon(boolean daemon) {
            this.daemon = daemon;
            return this;
        }

        /**
         * Makes the factory.
         *
         * @return the factory
         */
        public ReservingThreadFactory build() {
            return new ReservingThreadFactory(this);
        }
    }
}
