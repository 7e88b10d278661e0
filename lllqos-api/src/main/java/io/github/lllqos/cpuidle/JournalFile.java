package io.github.lllqos.cpuidle;

import io.github.lllqos.Errno;
import io.github.lllqos.LowLatencyException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32;

/**
 * The journal of sysfs changes on disk: {@code sysfs.journal} in its directory, replaced whole (written beside it,
 * forced to disk, renamed over it) under an exclusive lock on {@code sysfs.lock}, which the kernel drops when the
 * holding process dies. One text line per record, fields separated by tabs:
 *
 * <pre>
 * lllqos sysfs journal 1
 * file  PATH  ATTRIBUTE  ORIGINAL-VALUE
 * hold  PATH  PID  START-TIME  LEASE  VALUE          (oldest holder first)
 * kept  PATH  VALUE                                 (a value kept, with no holder, among the holds)
 * end   LINES-BEFORE  CRC32-OF-THOSE-LINES
 * </pre>
 *
 * <p>A journal that does not parse, whose end line is missing or does not match, or that holds what lllqos never
 * journals ({@link JournalRules}) is refused: nothing is read from it and nothing is written, to sysfs or to it, until
 * someone repairs or removes it. So is one that someone else than this user or root may have written
 * ({@link JournalTrust}).
 */
final class JournalFile {

    /** The journal's file name in its directory. */
    static final String NAME = "sysfs.journal";

    private static final String LOCK_NAME = "sysfs.lock";
    private static final String HEADER = "lllqos sysfs journal 1";
    private static final Map<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    private final Path directory;
    private final Path file;

    JournalFile(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
        this.file = this.directory.resolve(NAME);
    }

    Path directory() {
        return directory;
    }

    Path file() {
        return file;
    }

    /** What a transaction reads and writes: the entries by path, in the order they were first journalled. */
    interface Transaction {

        /**
         * The entries, to read and change.
         *
         * @return the mutable map of path to entry
         */
        Map<String, JournalEntry> entries();

        /** Writes the entries as they are now, atomically; before this, other processes see the previous ones. */
        void save();
    }

    /** The work done under the lock. */
    @FunctionalInterface
    interface Work<T> {

        /**
         * Does it.
         *
         * @param transaction the journal's entries
         * @return the result
         */
        T run(Transaction transaction);
    }

    /**
     * Runs work under the exclusive lock, creating the directory when needed.
     *
     * @param work reads, changes and saves the entries
     * @return its result
     * @throws LowLatencyException when the directory, lock or journal cannot be written, naming it, or when the
     *     journal is corrupt; the work does not run then
     */
    <T> T update(Work<T> work) {
        try {
            Files.createDirectories(directory, JournalTrust.directoryMode(directory));
        } catch (IOException e) {
            throw failure("create the journal directory " + directory, e);
        }
        JournalTrust.require(directory, "directory");
        return locked(false, work);
    }

    /**
     * Runs work that only reads, under a shared lock; a missing directory is an empty journal.
     *
     * @param work reads the entries; {@link Transaction#save()} is not allowed
     * @return its result
     */
    <T> T read(Work<T> work) {
        JournalTrust.require(directory, "directory");
        if (!Files.exists(directory.resolve(LOCK_NAME))) {
            return work.run(readOnly(parse(readJournal())));
        }
        return locked(true, work);
    }

    private <T> T locked(boolean shared, Work<T> work) {
        Path lockFile = directory.resolve(LOCK_NAME);
        ReentrantLock inThisJvm = IN_THIS_JVM.computeIfAbsent(lockFile, path -> new ReentrantLock());
        inThisJvm.lock();
        try (FileChannel channel = shared ? FileChannel.open(lockFile, StandardOpenOption.READ)
                : FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                        JournalTrust.fileMode(lockFile));
             FileLock lock = channel.lock(0, Long.MAX_VALUE, shared)) {
            Map<String, JournalEntry> entries = parse(readJournal());
            return work.run(shared ? readOnly(entries) : new Transaction() {
                @Override
                public Map<String, JournalEntry> entries() {
                    return entries;
                }

                @Override
                public void save() {
                    write(entries);
                }
            });
        } catch (IOException e) {
            throw failure("lock the journal " + lockFile, e);
        } finally {
            inThisJvm.unlock();
        }
    }

    private static Transaction readOnly(Map<String, JournalEntry> entries) {
        return new Transaction() {
            @Override
            public Map<String, JournalEntry> entries() {
                return entries;
            }

            @Override
            public void save() {
                throw new IllegalStateException("a read of the journal does not save it");
            }
        };
    }

    /** The journal's text, once {@link JournalTrust} trusts the file; null when there is none. */
    private String readJournal() {
        JournalTrust.require(file, "file");
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw failure("read the journal " + file, e);
        }
    }

    /** Parses the journal's text; null is no journal. */
    Map<String, JournalEntry> parse(String text) {
        Map<String, JournalEntry> entries = new LinkedHashMap<>();
        if (text == null) {
            return entries;
        }
        List<String> lines = List.of(text.split("\n", -1));
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw corrupt(1, "it does not start with '" + HEADER + "'");
        }
        int end = lines.size() - 1;
        if (!lines.get(end).isEmpty()) {
            throw corrupt(end + 1, "it does not end with a newline: it was cut short");
        }
        int endLine = end - 1;
        String[] endFields = lines.get(endLine).split("\t", -1);
        if (endLine < 1 || endFields.length != 3 || !endFields[0].equals("end")) {
            throw corrupt(endLine + 1, "its last line is not 'end LINES CRC32': it was cut short");
        }
        String body = String.join("\n", lines.subList(0, endLine)) + "\n";
        if (!endFields[1].equals(Integer.toString(endLine)) || !endFields[2].equals(crc32(body))) {
            throw corrupt(endLine + 1, "its end line does not match the lines before it (" + endLine + " lines, CRC32 "
                    + crc32(body) + "): it was changed or cut short");
        }
        for (int index = 1; index < endLine; index++) {
            String[] fields = lines.get(index).split("\t", -1);
            if (fields[0].equals("file") && fields.length == 4) {
                requireAllowed(index + 1, fields[2], fields[3]);
                entries.put(fields[1], new JournalEntry(fields[1], fields[2], fields[3], List.of()));
            } else if (fields[0].equals("hold") && fields.length == 6 && entries.containsKey(fields[1])) {
                requireAllowed(index + 1, entries.get(fields[1]).attribute(), fields[5]);
                JournalHolder holder;
                try {
                    holder = new JournalHolder(Long.parseLong(fields[2]), Long.parseLong(fields[3]),
                            Long.parseLong(fields[4]));
                } catch (NumberFormatException e) {
                    throw corrupt(index + 1, "a hold's PID, start time or lease is not a number");
                }
                if (holder.pid() < 1) {
                    throw corrupt(index + 1, "a hold's PID must be 1 or more, was " + holder.pid());
                }
                entries.put(fields[1], entries.get(fields[1]).with(new JournalEntry.Hold(holder, fields[5])));
            } else if (fields[0].equals("kept") && fields.length == 3 && entries.containsKey(fields[1])) {
                requireAllowed(index + 1, entries.get(fields[1]).attribute(), fields[2]);
                entries.put(fields[1], entries.get(fields[1]).with(JournalEntry.Hold.kept(fields[2])));
            } else {
                throw corrupt(index + 1, "it is neither 'file PATH ATTRIBUTE VALUE' nor, after its file, 'hold PATH"
                        + " PID START LEASE VALUE' or 'kept PATH VALUE'");
            }
        }
        for (JournalEntry entry : entries.values()) {
            if (entry.holds().stream().allMatch(JournalEntry.Hold::kept)) {
                throw corrupt(0, entry.path() + " has no holder");
            }
        }
        return entries;
    }

    /** Refuses a line that holds what lllqos never journals ({@link JournalRules}): someone else wrote it. */
    private void requireAllowed(int line, String attribute, String value) {
        JournalRules.violation(attribute, value).ifPresent(rule -> {
            throw corrupt(line, rule, "lllqos never journals that, so someone else wrote it: find out who could,"
                    + " put back by hand only the values you trust, then delete it");
        });
    }

    /** Refuses to journal what a journal may not hold, so that every journal lllqos writes it can read again. */
    private static void requireAllowed(Map<String, JournalEntry> entries) {
        for (JournalEntry entry : entries.values()) {
            List<String> values = new ArrayList<>(List.of(entry.original()));
            entry.holds().forEach(hold -> values.add(hold.value()));
            for (String value : values) {
                JournalRules.violation(entry.attribute(), value).ifPresent(rule -> {
                    throw new LowLatencyException("cannot journal '" + value + "' for " + entry.attribute() + ": "
                            + rule);
                });
            }
        }
    }

    /** The journal's text for the entries. */
    static String format(Map<String, JournalEntry> entries) {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        int lines = 1;
        for (JournalEntry entry : entries.values()) {
            text.append(line("file", entry.path(), entry.attribute(), entry.original()));
            lines++;
            for (JournalEntry.Hold hold : entry.holds()) {
                JournalHolder holder = hold.holder();
                text.append(hold.kept() ? line("kept", entry.path(), hold.value()) : line("hold", entry.path(),
                        Long.toString(holder.pid()), Long.toString(holder.startTime()), Long.toString(holder.lease()),
                        hold.value()));
                lines++;
            }
        }
        String body = text.toString();
        return body + "end\t" + lines + "\t" + crc32(body) + "\n";
    }

    private static String line(String... fields) {
        for (String field : fields) {
            if (field.indexOf('\t') >= 0 || field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0) {
                throw new LowLatencyException("cannot journal '" + field + "': it holds a tab or a line break");
            }
        }
        return String.join("\t", fields) + "\n";
    }

    private void write(Map<String, JournalEntry> entries) {
        requireAllowed(entries);
        try {
            if (entries.isEmpty()) {
                Files.deleteIfExists(file);
            } else {
                Path next = directory.resolve(NAME + ".next");
                Files.deleteIfExists(next);
                try (FileChannel channel = FileChannel.open(next, Set.of(StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING), JournalTrust.fileMode(next))) {
                    ByteBuffer bytes = ByteBuffer.wrap(format(entries).getBytes(StandardCharsets.UTF_8));
                    while (bytes.hasRemaining()) {
                        channel.write(bytes);
                    }
                    channel.force(true);
                }
                Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            try (FileChannel directoryChannel = FileChannel.open(directory, StandardOpenOption.READ)) {
                directoryChannel.force(true);
            } catch (IOException notSupportedHere) {
                // the rename is atomic anyway; only its durability over a power cut depends on this
            }
        } catch (IOException e) {
            throw failure("write the journal " + file, e);
        }
    }

    private static String crc32(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }

    private LowLatencyException corrupt(int line, String what) {
        return corrupt(line, what, "put back by hand the values it lists (each 'file' line's last field), then delete"
                + " it");
    }

    private LowLatencyException corrupt(int line, String what, String repair) {
        return new LowLatencyException("the journal " + file + " is corrupt" + (line > 0 ? " at line " + line : "")
                + ": " + what + ". lllqos changes and restores no sysfs value while it is: " + repair
                + " (see docs/cpuidle.md)");
    }

    private static LowLatencyException failure(String what, IOException e) {
        if (e instanceof AccessDeniedException) {
            return new LowLatencyException("cannot " + what + ": EACCES: this user (" + System.getProperty("user.name")
                    + ") lacks the permission; the journal of sysfs changes is root's: run as root or with sudo, or"
                    + " set -D" + CpuIdle.JOURNAL_DIRECTORY_PROPERTY + " to a directory this user may write",
                    Errno.EACCES);
        }
        return new LowLatencyException("cannot " + what + ": " + e);
    }
}
