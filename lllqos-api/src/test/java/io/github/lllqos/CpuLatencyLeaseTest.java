package io.github.lllqos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class CpuLatencyLeaseTest {

    private final TestProvider provider = new TestProvider("test", 1, false, null);

    @Test
    void require_acquired_throws_with_the_reason() {
        TestProvider refusing = new TestProvider("test", 1, false, "permission denied: add a udev rule");
        CpuLatencyLease lease = CpuLatencyLease.acquire(refusing, 7);

        assertThatThrownBy(lease::requireAcquired).isInstanceOf(LowLatencyException.class)
                .hasMessageContaining("7 µs").hasMessageContaining("add a udev rule");
    }

    @Test
    void a_lease_not_acquired_records_updates_until_closed() {
        TestProvider refusing = new TestProvider("test", 1, false, "no device");
        CpuLatencyLease lease = CpuLatencyLease.acquire(refusing, 7);

        lease.update(9);
        assertThat(lease.targetMicros()).isEqualTo(9);
        lease.close();
        assertThatThrownBy(() -> lease.update(3)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void to_string_tells_the_state() {
        CpuLatencyLease lease = CpuLatencyLease.acquire(provider, 12);
        assertThat(lease).hasToString("CpuLatencyLease[12 µs, acquired]");
        lease.close();
        assertThat(lease).hasToString("CpuLatencyLease[12 µs, closed]");
    }

    @Test
    void a_leaked_lease_is_released_by_the_cleaner_and_logged_as_a_leak() throws InterruptedException {
        RecordingHandler handler = RecordingHandler.attachTo(CpuLatencyLease.class);
        try {
            leak(33);
            for (int i = 0; i < 500 && provider.liveRequests() > 0; i++) {
                System.gc();
                Thread.sleep(10);
            }
            assertThat(provider.liveRequests()).isZero();
            assertThat(handler.records).anySatisfy(record -> {
                assertThat(record.getLevel()).isEqualTo(Level.WARNING);
                assertThat(record.getMessage()).contains("33 µs").contains("never closed");
            });
        } finally {
            handler.detach();
        }
    }

    @Test
    void a_closed_lease_is_not_logged_as_a_leak() {
        RecordingHandler handler = RecordingHandler.attachTo(CpuLatencyLease.class);
        try {
            CpuLatencyLease.acquire(provider, 44).close();
            assertThat(handler.records).isEmpty();
            assertThat(provider.liveRequests()).isZero();
        } finally {
            handler.detach();
        }
    }

    private void leak(int targetMicros) {
        assertThat(CpuLatencyLease.acquire(provider, targetMicros).acquired()).isTrue();
    }

    /** Collects what a class logs through System.Logger, which goes to java.util.logging by default. */
    private static final class RecordingHandler extends Handler {

        final List<LogRecord> records = new CopyOnWriteArrayList<>();
        private final Logger logger;

        private RecordingHandler(Logger logger) {
            this.logger = logger;
        }

        static RecordingHandler attachTo(Class<?> source) {
            RecordingHandler handler = new RecordingHandler(Logger.getLogger(source.getName()));
            handler.logger.addHandler(handler);
            return handler;
        }

        void detach() {
            logger.removeHandler(this);
        }

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
