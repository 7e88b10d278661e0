package io.github.lllqos.spi.support;

import io.github.lllqos.spi.CpuLock;
import io.github.lllqos.spi.CpuLocks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@link CpuLocks} as lock files in a directory that every process (and every container that mounts it) shares:
 * {@code cpu-N.lock}, locked with {@code fcntl} record locks ({@link FileChannel#tryLock(long, long, boolean)}),
 * which the kernel drops when the holding process dies. A file left behind by a dead process is therefore free;
 * files are never deleted (deleting a held lock file would let a second holder lock a new file of the same name).
 *
 * <p>A file has two lock bytes. Byte 0 is the claim: a holder takes it exclusively, and whoever has it has the CPU.
 * Byte 1 says so to readers: the holder takes it exclusively once its record is written, and a reader of
 * {@link #holderRecord(int)} tries a shared lock on byte 1 only, so a CPU is held where that fails. A reader thus
 * never touches the claim, and never makes a holder fail to take a CPU; a holder waits the few microseconds a
 * reader holds byte 1. (A lock of the whole file, as taken by earlier versions, covers both bytes and keeps its
 * meaning.)
 *
 * <p>Within one JVM, {@code fcntl} locks belong to the process, and closing any descriptor of a file drops the
 * process's locks on it. So every operation on a lock file goes through one in-process slot per file: a CPU
 * held by one thread is refused to the others without touching the file, and no descriptor of a held file is ever
 * opened or closed beside the holder's.
 *
 * <p>The directory is created with mode {@code 1777} (like {@code /tmp}) and the files with {@code 0666}, so
 * processes of different users can share it.
 */
public final class CpuLockFiles implements CpuLocks {

    /** The byte whose exclusive lock holds the CPU. */
    private static final long CLAIM = 0;
    /** The byte a holder locks once its record is written, and readers probe with a shared lock. */
    private static final long HELD = 1;
    /** How long a holder waits for readers to leave {@link #HELD} between tries. */
    private static final long READER_WAIT_NANOS = TimeUnit.MICROSECONDS.toNanos(20);
    /** How long readers may keep a holder from showing itself before the lock directory is called unusable. */
    private static final long READERS_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** Slots by lock file, for the whole JVM (as far as this class is loaded once). */
    private static final ConcurrentHashMap<Path, Slot> SLOTS = new ConcurrentHashMap<>();

    /**
     * Channels that another copy of this class in the same JVM holds a lock through: closing ours would drop
     * that lock, so they stay open.
     */
    private static final List<FileChannel> KEPT_OPEN = new CopyOnWriteArrayList<>();

    private final Path directory;

    /**
     * Locks in a directory, created on first use.
     *
     * @param directory such as {@code /run/lllqos/cpus}
     */
    public CpuLockFiles(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    @Override
    public String location() {
        return directory.toString();
    }

    @Override
    public Optional<CpuLock> tryLock(int cpu, String holderRecord) throws IOException {
        Slot slot = slot(cpu, true);
        synchronized (slot) {
            if (slot.lock != null) {
                return Optional.empty();
            }
            FileChannel channel = open(slot.file);
            FileLock claim;
            try {
                claim = channel.tryLock(CLAIM, 1, false);
            } catch (OverlappingFileLockException e) {
                KEPT_OPEN.add(channel);
                return Optional.empty();
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            if (claim == null) {
                channel.close();
                return Optional.empty();
            }
            FileLock held;
            try {
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(holderRecord.getBytes(StandardCharsets.UTF_8)), 0);
                held = lockHeldByte(channel, slot.file);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            slot.channel = channel;
            slot.lock = claim;
            slot.held = held;
            slot.record = holderRecord;
            return Optional.of(new HeldLock(cpu, slot));
        }
    }

    /**
     * Shows the claim to readers: takes {@link #HELD} exclusively, trying again while readers hold it shared. No one
     * else ever holds it exclusively, as only the holder of the claim takes it, so the wait is as short as a read.
     */
    private static FileLock lockHeldByte(FileChannel channel, Path file) throws IOException {
        long deadline = System.nanoTime() + READERS_TIMEOUT_NANOS;
        while (true) {
            try {
                FileLock held = channel.tryLock(HELD, 1, false);
                if (held != null) {
                    return held;
                }
            } catch (OverlappingFileLockException e) {
                // a reader in another copy of this class in this JVM: gone as soon as it has read
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("byte " + HELD + " of " + file + " stayed locked by readers for "
                        + TimeUnit.NANOSECONDS.toSeconds(READERS_TIMEOUT_NANOS) + " s");
            }
            LockSupport.parkNanos(READER_WAIT_NANOS);
        }
    }

    /**
     * Creates nothing: a CPU whose lock file (or directory) does not exist is free. Probes with a shared lock of
     * {@link #HELD} only, so it never makes a holder's {@link #tryLock(int, String)} fail.
     */
    @Override
    public Optional<String> holderRecord(int cpu) throws IOException {
        Slot slot = slot(cpu, false);
        synchronized (slot) {
            if (slot.lock != null) {
                return Optional.of(slot.record);
            }
            if (!Files.exists(slot.file)) {
                return Optional.empty();
            }
            FileChannel channel = open(slot.file);
            try {
                FileLock probe = channel.tryLock(HELD, 1, true);
                if (probe != null) {
                    probe.release();
                    channel.close();
                    return Optional.empty();
                }
            } catch (OverlappingFileLockException e) {
                KEPT_OPEN.add(channel);
                return Optional.of("");
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            try (channel) {
                ByteBuffer content = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
                while (content.hasRemaining() && channel.read(content, content.position()) > 0) {
                    // read until full or end of file
                }
                return Optional.of(new String(content.array(), 0, content.position(), StandardCharsets.UTF_8));
            }
        }
    }

    private Slot slot(int cpu, boolean create) throws IOException {
        if (cpu < 0) {
            throw new IllegalArgumentException("CPU " + cpu + " is not a CPU number: CPU numbers are 0 or more");
        }
        if (create) {
            createDirectory();
        }
        return SLOTS.computeIfAbsent(directory.resolve("cpu-" + cpu + ".lock"), Slot::new);
    }

    private void createDirectory() throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Files.createDirectories(directory.getParent());
        try {
            Files.createDirectory(directory);
        } catch (FileAlreadyExistsException e) {
            return;
        }
        try {
            Files.setAttribute(directory, "unix:mode", 01777);
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
    }

    /** Opens a lock file for reading and writing, creating it readable and writable by all. */
    private static FileChannel open(Path file) throws IOException {
        try {
            Files.createFile(file);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        } catch (FileAlreadyExistsException e) {
            // made by another holder before
        }
        return FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    @Override
    public String toString() {
        return "CpuLockFiles[" + directory + "]";
    }

    /** The in-process state of one lock file. */
    private static final class Slot {
        final Path file;
        FileChannel channel;
        FileLock lock;
        FileLock held;
        String record;

        Slot(Path file) {
            this.file = file;
        }
    }

    /** A lock this process holds. */
    private static final class HeldLock implements CpuLock {
        private final int cpu;
        private final Slot slot;
        private boolean released;

        HeldLock(int cpu, Slot slot) {
            this.cpu = cpu;
            this.slot = slot;
        }

        @Override
        public int cpu() {
            return cpu;
        }

        @Override
        public void release() {
            synchronized (slot) {
                if (released) {
                    return;
                }
                released = true;
                FileChannel channel = slot.channel;
                FileLock held = slot.held;
                slot.channel = null;
                slot.lock = null;
                slot.held = null;
                slot.record = null;
                try (channel) {
                    held.release();
                    channel.truncate(0);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot release the lock of CPU " + cpu + " in " + slot.file, e);
                }
            }
        }
    }
}
