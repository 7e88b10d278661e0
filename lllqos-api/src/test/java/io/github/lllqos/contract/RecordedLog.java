package io.github.lllqos.contract;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The records a class logs through {@link System.Logger} while attached, for tests that check what is logged. */
public final class RecordedLog extends Handler implements AutoCloseable {

    /** What was logged, in order. */
    public final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger logger;

    private RecordedLog(Logger logger) {
        this.logger = logger;
    }

    /**
     * Starts recording what a class logs.
     *
     * @param source the class, whose name is the logger's
     * @return the recording; close it to stop
     */
    public static RecordedLog of(Class<?> source) {
        RecordedLog log = new RecordedLog(Logger.getLogger(source.getName()));
        log.logger.addHandler(log);
        return log;
    }

    /**
     * The messages logged, in order.
     *
     * @return the messages
     */
    public List<String> messages() {
        return records.stream().map(LogRecord::getMessage).toList();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    /** Stops recording. */
    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
