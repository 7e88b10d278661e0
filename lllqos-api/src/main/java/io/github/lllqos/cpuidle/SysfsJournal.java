package io.github.lllqos.cpuidle;

import io.github.lllqos.Errno;
import io.github.lllqos.LowLatencyException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every sysfs change of the leases goes through here: journalled first, written second, and put back by what
 * the remaining holders want once a holder ends, or by whoever comes next once its process has died.
 *
 * <p>Each transaction first puts back what holders that died left changed ({@link #restoreAbandoned(boolean)}),
 * and says so in one log line. A file that reads something else than its newest holder set was changed by
 * someone else: it is left alone, with a warning.
 */
final class SysfsJournal {

    private static final System.Logger LOG = System.getLogger(SysfsJournal.class.getName());

    private final SysfsAccess sysfs;
    private final JournalFile file;

    SysfsJournal(SysfsAccess sysfs, Path directory) {
        this.sysfs = sysfs;
        this.file = new JournalFile(directory);
    }

    Path directory() {
        return file.directory();
    }

    /**
     * A value a lease wants in a file.
     *
     * @param attribute the file, relative to the CPU attribute directory
     * @param value the value to set
     * @param onlyIfJournalled when the file already reads the value and no lease holds it, leave it out: it is
     *     someone else's setting (an idle state disabled by hand)
     */
    record Wanted(String attribute, String value, boolean onlyIfJournalled) {
    }

    /**
     * A value a lease holds.
     *
     * @param attribute the file, relative to the CPU attribute directory
     * @param before what it read before this lease
     * @param value what this lease set
     */
    record Held(String attribute, String before, String value) {
    }

    /**
     * Journals the values for a new holder, then writes them. A file that no longer reads what its newest holder set
     * was changed by someone else: that value is journalled as {@linkplain JournalEntry.Hold#kept(String) kept}
     * beneath the new holder, with a warning, so that the new holder puts it back, not what lllqos had set.
     *
     * @param holder the new holder
     * @param wanted the values
     * @return the values held; fewer than wanted where {@link Wanted#onlyIfJournalled()} left some out
     * @throws LowLatencyException when the journal or a file cannot be written, naming it; then nothing is left
     *     changed: files already written are put back and the journal is as before
     */
    List<Held> hold(JournalHolder holder, List<Wanted> wanted) {
        return file.update(transaction -> hold(transaction, holder, wanted));
    }

    /** {@link #hold(JournalHolder, List)} in a transaction. */
    private List<Held> hold(JournalFile.Transaction transaction, JournalHolder holder, List<Wanted> wanted) {
        restoreAbandoned(transaction, false, true);
        Map<String, JournalEntry> entries = transaction.entries();
        Map<String, JournalEntry> before = new LinkedHashMap<>(entries);
        List<Held> held = new ArrayList<>();
        for (Wanted value : wanted) {
            String path = sysfs.pathOf(value.attribute());
            String current = sysfs.read(value.attribute());
            JournalEntry entry = entries.get(path);
            if (entry == null && value.onlyIfJournalled() && current.equals(value.value())) {
                continue;
            }
            JournalEntry.Hold hold = new JournalEntry.Hold(holder, value.value());
            if (entry == null) {
                entries.put(path, new JournalEntry(path, value.attribute(), current, List.of(hold)));
            } else if (!current.equals(entry.valueInForce())) {
                LOG.log(System.Logger.Level.WARNING, "found " + path + " reading " + current + ", not the "
                        + entry.valueInForce() + " lllqos set; someone else changed it since, and it gets " + current
                        + " back once the new lease ends");
                entries.put(path, entry.with(JournalEntry.Hold.kept(current)).with(hold));
            } else {
                entries.put(path, entry.with(hold));
            }
            held.add(new Held(value.attribute(), current, value.value()));
        }
        if (held.isEmpty()) {
            return held;
        }
        transaction.save();
        Map<String, String> written = new LinkedHashMap<>();
        try {
            for (Held value : held) {
                if (!value.before().equals(value.value())) {
                    sysfs.write(value.attribute(), value.value());
                    written.put(value.attribute(), value.before());
                }
            }
        } catch (LowLatencyException e) {
            writeBack(written, e);
            entries.clear();
            entries.putAll(before);
            transaction.save();
            throw e;
        }
        return List.copyOf(held);
    }

    /**
     * Writes values that no lease holds, which stay as if written by hand: journalled for a holder of their own, as a
     * lease's are, which is kept ({@link #forget}) right after the writes, in the same transaction. So a crash
     * midway leaves that holder dead in the journal, for the next restore to put back what it had written; once done,
     * no one puts them back.
     *
     * @param values the values
     * @throws LowLatencyException when the journal or a file cannot be written, naming it; files already written are
     *     written back first (a failure to do so is suppressed in the exception) and the journal is as before
     */
    void set(List<Wanted> values) {
        JournalHolder holder = JournalHolder.next();
        file.update(transaction -> {
            if (!hold(transaction, holder, values).isEmpty()) {
                forget(transaction, holder);
            }
            return null;
        });
    }

    /**
     * Ends a holder: each file it was the newest holder of gets the value the remaining holders want, or its
     * original once none remains, unless someone else changed it meanwhile (then it is left alone, with a warning).
     *
     * @param holder the holder
     * @throws LowLatencyException naming each file that could not be put back and how to do it by hand; those
     *     stay in the journal under this holder, for {@code lllqos restore} once this process has ended
     */
    void release(JournalHolder holder) {
        file.update(transaction -> {
            restoreAbandoned(transaction, false, true);
            List<String> failures = new ArrayList<>();
            for (JournalEntry entry : List.copyOf(transaction.entries().values())) {
                List<JournalEntry.Hold> remaining = new ArrayList<>(entry.holds());
                if (!remaining.removeIf(hold -> hold.holder().equals(holder))) {
                    continue;
                }
                boolean wasInForce = entry.holds().get(entry.holds().size() - 1).holder().equals(holder);
                if (wasInForce) {
                    String wanted = JournalEntry.wantedBy(remaining, entry.original());
                    try {
                        putBack(entry, entry.valueInForce(), wanted);
                    } catch (LowLatencyException e) {
                        failures.add(e.getMessage() + "; put it back by hand: echo " + wanted + " > " + entry.path()
                                + " (or as root with lllqos's restore command once this process has ended)");
                        continue;
                    }
                }
                replace(transaction.entries(), entry, remaining);
            }
            transaction.save();
            if (!failures.isEmpty()) {
                throw new LowLatencyException("could not put back what a lease set: " + String.join("; ", failures));
            }
            return null;
        });
    }

    /**
     * Ends a holder without putting anything back: what it set stays, as if someone had written it by hand. Its
     * value becomes a {@linkplain JournalEntry.Hold#kept(String) kept} hold, which the file gets once the holders
     * above it end, and the original once it is beneath every holder; a file no one else holds leaves the journal.
     *
     * @param holder the holder
     */
    void forget(JournalHolder holder) {
        file.update(transaction -> {
            forget(transaction, holder);
            return null;
        });
    }

    /** {@link #forget(JournalHolder)} in a transaction. */
    private static void forget(JournalFile.Transaction transaction, JournalHolder holder) {
        boolean changed = false;
        for (JournalEntry entry : List.copyOf(transaction.entries().values())) {
            List<JournalEntry.Hold> remaining = entry.holds().stream().map(hold -> hold.holder().equals(holder)
                    ? JournalEntry.Hold.kept(hold.value()) : hold).toList();
            if (!remaining.equals(entry.holds())) {
                replace(transaction.entries(), entry, remaining);
                changed = true;
            }
        }
        if (changed) {
            transaction.save();
        }
    }

    /**
     * Puts back, or tells what it would put back, the values whose newest holders have died; the caller reports it.
     *
     * @param dryRun only tell
     * @return each value put back or left alone; without a journal file, none, and nothing is created
     * @throws LowLatencyException when the journal or a file cannot be written, naming it; nothing is left half
     *     done then: files already put back in this call are written again as they were, the journal unchanged
     */
    List<AbandonedValue> restoreAbandoned(boolean dryRun) {
        if (!Files.exists(file.file())) {
            return List.of();
        }
        return dryRun ? file.read(transaction -> restoreAbandoned(transaction, true, false))
                : file.update(transaction -> restoreAbandoned(transaction, false, false));
    }

    /**
     * The restore, logged (one line for what was put back, a warning per file left alone) when {@code log}. A file
     * that cannot be read or written, or a journal that cannot be saved, stops it: the files put back so far are
     * written back as they were found, and the journal is left as it was.
     */
    private List<AbandonedValue> restoreAbandoned(JournalFile.Transaction transaction, boolean dryRun, boolean log) {
        Map<JournalHolder, Boolean> alive = new HashMap<>();
        Map<String, JournalEntry> entries = transaction.entries();
        Map<String, JournalEntry> after = new LinkedHashMap<>(entries);
        List<AbandonedValue> handled = new ArrayList<>();
        Map<String, String> found = new LinkedHashMap<>();
        try {
            for (JournalEntry entry : entries.values()) {
                if (!entry.path().equals(sysfs.pathOf(entry.attribute()))) {
                    continue;
                }
                List<JournalEntry.Hold> remaining = entry.holds().stream()
                        .filter(hold -> hold.kept() || alive.computeIfAbsent(hold.holder(), JournalHolder::alive))
                        .collect(Collectors.toList());
                if (remaining.size() == entry.holds().size()) {
                    continue;
                }
                JournalEntry.Hold inForce = entry.holds().get(entry.holds().size() - 1);
                if (!remaining.isEmpty() && remaining.get(remaining.size() - 1).equals(inForce)) {
                    replace(after, entry, remaining);
                    continue;
                }
                String wanted = JournalEntry.wantedBy(remaining, entry.original());
                Optional<String> read = readIfPresent(entry);
                if (read.isEmpty()) {
                    replace(after, entry, List.of());
                    continue;
                }
                List<Long> dead = entry.holds().stream().filter(hold -> !remaining.contains(hold))
                        .map(hold -> hold.holder().pid()).distinct().collect(Collectors.toList());
                if (!read.get().equals(wanted)) {
                    AbandonedValue value = new AbandonedValue(entry.path(), read.get(), inForce.value(), wanted, dead);
                    handled.add(value);
                    if (value.putBack() && !dryRun) {
                        sysfs.write(entry.attribute(), wanted);
                        found.put(entry.attribute(), read.get());
                    }
                }
                replace(after, entry, remaining);
            }
            if (!dryRun && !after.equals(entries)) {
                entries.clear();
                entries.putAll(after);
                transaction.save();
            }
        } catch (LowLatencyException e) {
            writeBack(found, e);
            throw e;
        }
        if (log && !dryRun) {
            report(handled);
        }
        return List.copyOf(handled);
    }

    /**
     * After a failure, writes files back to what they read before: every one is tried, and one that cannot be written
     * is added to the failure as suppressed.
     */
    private void writeBack(Map<String, String> values, LowLatencyException failure) {
        values.forEach((attribute, value) -> {
            try {
                sysfs.write(attribute, value);
            } catch (LowLatencyException undoFailure) {
                failure.addSuppressed(undoFailure);
            }
        });
    }

    private static void report(List<AbandonedValue> handled) {
        List<String> putBack = handled.stream().filter(AbandonedValue::putBack).map(AbandonedValue::toString)
                .collect(Collectors.toList());
        if (!putBack.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "put back " + putBack.size() + " sysfs value"
                    + (putBack.size() == 1 ? "" : "s") + " left by processes that ended: " + String.join("; ", putBack));
        }
        handled.stream().filter(AbandonedValue::changedByOthers)
                .forEach(value -> LOG.log(System.Logger.Level.WARNING, "left alone " + value));
    }

    /** Writes the wanted value unless the file no longer reads what lllqos set, which is then left alone. */
    private void putBack(JournalEntry entry, String set, String wanted) {
        Optional<String> read = readIfPresent(entry);
        if (read.isEmpty()) {
            return;
        }
        String found = read.get();
        if (found.equals(wanted)) {
            return;
        }
        if (!found.equals(set)) {
            LOG.log(System.Logger.Level.WARNING, "left alone " + entry.path() + ": it reads " + found + ", not the "
                    + set + " lllqos set; someone else changed it since");
            return;
        }
        sysfs.write(entry.attribute(), wanted);
    }

    /** The file's value; empty, with a warning, when it no longer exists (a CPU gone, a copied tree deleted). */
    private Optional<String> readIfPresent(JournalEntry entry) {
        try {
            return Optional.of(sysfs.read(entry.attribute()));
        } catch (LowLatencyException e) {
            if (e.errno().filter(errno -> errno == Errno.ENOENT).isEmpty()) {
                throw e;
            }
            LOG.log(System.Logger.Level.WARNING, "dropped " + entry.path() + " from the journal: the file no longer"
                    + " exists");
            return Optional.empty();
        }
    }

    private static void replace(Map<String, JournalEntry> entries, JournalEntry entry,
            List<JournalEntry.Hold> remaining) {
        entry.withOnly(remaining).ifPresentOrElse(kept -> entries.put(entry.path(), kept),
                () -> entries.remove(entry.path()));
    }
}
