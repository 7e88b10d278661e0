package io.github.lllqos.cpuidle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lllqos.LowLatencyException;
import io.github.lllqos.contract.RealEnvironment;
import io.github.lllqos.contract.RecordedLog;
import io.github.lllqos.spi.CpuSysfs;
import io.github.lllqos.spi.SysfsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal of sysfs changes on files in memory: nested holders, holders that died, and a damaged journal. */
class SysfsJournalTest {

    private static final String CPU1_LATENCY = "cpu1/power/pm_qos_resume_latency_us";
    private static final String CPU1_C6 = "cpu1/cpuidle/state3/disable";
    /** No process has this PID: it is above every pid_max. */
    private static final long ENDED_PID = Integer.MAX_VALUE;

    @TempDir
    Path journalDirectory;

    private final TestCpuSysfs sysfs = TestCpuSysfs.withCpus(2).withState(1, 0, "POLL", 0)
            .withState(1, 1, "C1", 2).withState(1, 2, "C1E", 10).withState(1, 3, "C6", 133);

    private CpuIdle idle() {
        return CpuIdle.of(sysfs, journalDirectory);
    }

    private Path journal() {
        return journalDirectory.resolve(JournalFile.NAME);
    }

    @Test
    void the_first_holder_ending_first_leaves_the_second_holders_value_and_the_second_puts_back_the_original() {
        ResumeLatencyLease first = idle().setResumeLatency(List.of(1), ResumeLatency.ofMicros(20));
        ResumeLatencyLease second = idle().setResumeLatency(List.of(1), ResumeLatency.ofMicros(10));

        first.close();
        assertThat(sysfs.files.get(CPU1_LATENCY)).isEqualTo("10");
        second.close();

        assertThat(sysfs.files.get(CPU1_LATENCY)).isEqualTo("0");
        assertThat(journal()).doesNotExist();
    }

    @Test
    void the_second_holder_ending_first_puts_back_the_first_holders_value_and_the_first_the_original() {
        ResumeLatencyLease first = idle().setResumeLatency(List.of(1), ResumeLatency.ofMicros(20));
        ResumeLatencyLease second = idle().setResumeLatency(List.of(1), ResumeLatency.ofMicros(10));

        second.close();
        assertThat(sysfs.files.get(CPU1_LATENCY)).isEqualTo("20");
        first.close();

        assertThat(sysfs.files.get(CPU1_LATENCY)).isEqualTo("0");
        assertThat(first.previousValues()).containsEntry(1, ResumeLatency.noConstraint());
        assertThat(second.previousValues()).containsEntry(1, ResumeLatency.ofMicros(20));
    }

    @Test
    void a_state_another_lease_holds_disabled_stays_disabled_until_both_leases_end_in_either_order() {
        for (boolean firstEndsFirst : List.of(true, false)) {
            IdleStateLease first = idle().disableIdleStatesDeeperThan(List.of(1), 10);
            IdleStateLease second = idle().disableIdleStatesDeeperThan(List.of(1), 2);
            assertThat(second.disabledStates()).extracting(IdleState::name).containsExactly("C1E", "C6");

            (firstEndsFirst ? first : second).close();
            assertThat(sysfs.files.get(CPU1_C6)).as("C6 while one lease is open").isEqualTo("1");
            assertThat(sysfs.files.get("cpu1/cpuidle/state2/disable")).as("C1E, held by the second only")
                    .isEqualTo(firstEndsFirst ? "1" : "0");
            (firstEndsFirst ? second : first).close();

            assertThat(sysfs.files.get(CPU1_C6)).isEqualTo("0");
            assertThat(sysfs.files.get("cpu1/cpuidle/state2/disable")).isEqualTo("0");
        }
    }

    @Test
    void leases_opened_and_closed_on_one_file_from_many_threads_leave_its_original_value() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                int micros = 10 + thread;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        try (ResumeLatencyLease lease = idle().setResumeLatency(List.of(1),
                                ResumeLatency.ofMicros(micros))) {
                            assertThat(sysfs.files.get(CPU1_LATENCY)).isNotEqualTo("0");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> thread : done) {
                thread.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(sysfs.files.get(CPU1_LATENCY)).isEqualTo("0");
        assertThat(journal()).doesNotExist();
    }

    @Test
    void every_change_is_journalled_with_the_value_before_the_value_set_and_the_holder() throws IOException {
        try (ResumeLatencyLease lease = idle().setResumeLatency(List.of(1), ResumeLatency.ofMicros(20))) {
            String text = Files.readString(journal());

            assertThat(text).startsWith("lllqos sysfs journal 1\n")
                    .contains("file\t/test/cpu/" + CPU1_LATENCY + "\t" + CPU1_LATENCY + "\t0\n")
                    .contains("hold\t/test/cpu/" + CPU1_LATENCY + "\t" + ProcessHandle.current().pid() + "\t"
                            + JournalHolder.startTimeOf(ProcessHandle.current().pid()).orElseThrow() + "\t");
            assertThat(text).endsWith("\t20\nend\t3\t" + text.substring(text.lastIndexOf('\t') + 1));
        }
    }

    @Test
    void a_value_whose_holder_died_is_put_back_and_returned() throws IOException {
        sysfs.files.put(CPU1_LATENCY, "20");
        writeJournal(entry(CPU1_LATENCY, "0", ENDED_PID, "20"));

        try (RecordedLog log = RecordedLog.of(SysfsJournal.class)) {
            List<AbandonedValue> restored = idle().restoreAbandoned();

            assertThat(restored).containsExactly(new AbandonedValue("/test/cpu/" + CPU1_LATENCY, "20", "20", "0",
                    List.of(ENDED_PID)));
            assertThat(log.records).as("the caller reports what it asked for").isEmpty();
        }
        assertThat(sysfs.files.get(CPU1_LATENCY)).isEqualTo("0");
        assertThat(journal()).doesNotExist();
        assertThat(idle().restoreAbandoned()).as("a second restore").isEmpty();
    }

    @Test
    void a_new_lease_first_puts_back_what_a_dead_holder_left_and_says_so_in_one_line() throws IOException {
        sysfs.files.put(CPU1_C6, "1");
        writeJournal(entry(CPU1_C6, "0", ENDED_PID, "1"));

        try (RecordedLog log = RecordedLog.of(SysfsJournal.class);
             ResumeLatencyLease lease = idle().setResumeLatency(List.of(0), ResumeLatency.ofMicros(3))) {
            assertThat(sysfs.files.get(CPU1_C6)).isEqualTo("0");
            assertThat(journal()).content().doesNotContain(CPU1_C6);
            assertThat(log.messages()).containsExactly("put back 1 sysfs value left by processes that ended:"
                    + " /test/cpu/" + CPU1_C6 + ": 1 -> 0 (PID " + ENDED_PID + " ended)");
        }
    }

    @Test
    void enabling_idle_states_is_a_change_too_and_first_puts_back_what_a_dead_holder_left() throws IOException {
        sysfs.files.put(CPU1_LATENCY, "20");
        sysfs.files.put(CPU1_C6, "1");
        writeJournal(entry(CPU1_LATENCY, "0", ENDED_PID, "20"));

        assertThat(idle().enableIdleStates(List.of(1)).applied()).isTrue();

        assertThat(sysfs.files.get(CPU1_C6)).isEqualTo("0");
        assertThat(sysfs.files.get(CPU1_LATENCY)).isEqualTo("0");
        assertThat(journal()).doesNotExist();
    }

    @Test
    void enabling_idle_states_is_journalled_while_it_writes_so_a_crash_midway_is_put_back_and_then_leaves_nothing()
            throws IOException {
        String c1e = "cpu1/cpuidle/state2/disable";
        sysfs.files.put(c1e, "1");
        sysfs.files.put(CPU1_C6, "1");
        List<String> journalMidway = new ArrayList<>();
        sysfs.afterWrite = attribute -> {
            if (journalMidway.isEmpty()) {
                journalMidway.add(readString(journal()));
            }
        };

        assertThat(idle().enableIdleStates(List.of(1)).applied()).isTrue();
        assertThat(journal()).as("once written, the change is no one's to put back").doesNotExist();

        Map<String, JournalEntry> midway = new JournalFile(journalDirectory).parse(journalMidway.get(0));
        assertThat(midway.values()).extracting(JournalEntry::original).containsExactly("1", "1");
        assertThat(midway.values()).flatExtracting(JournalEntry::holds).extracting(hold -> hold.holder().pid())
                .containsOnly(ProcessHandle.current().pid());
        Map<String, JournalEntry> crashed = new LinkedHashMap<>();
        midway.forEach((path, entry) -> crashed.put(path, new JournalEntry(path, entry.attribute(), entry.original(),
                List.of(new JournalEntry.Hold(new JournalHolder(ENDED_PID, 12345, 1), entry.valueInForce())))));
        writeJournal(crashed);
        sysfs.files.put(CPU1_C6, "1");
        sysfs.afterWrite = attribute -> { };

        assertThat(idle().restoreAbandoned()).extracting(AbandonedValue::file).containsExactly("/test/cpu/" + c1e);
        assertThat(sysfs.files.get(c1e)).isEqualTo("1");
        assertThat(sysfs.files.get(CPU1_C6)).isEqualTo("1");
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void a_pid_now_running_another_process_is_not_taken_for_the_holder() throws IOException {
        long startOfInit = JournalHolder.startTimeOf(1).orElseThrow();
        sysfs.files.put(CPU1_LATENCY, "20");
        writeJournal(Map.of("/test/cpu/" + CPU1_LATENCY, new JournalEntry("/test/cpu/" + CPU1_LATENCY, CPU1_LATENCY,
                "0", List.of(new JournalEntry.Hold(new JournalHolder(1, startOfInit + 1, 1), "20")))));

        assertThat(idle().abandonedValues()).extracting(AbandonedValue::endedHolders).containsExactly(List.of(1L));
        assertThat(idle().restoreAbandoned()).hasSize(1);
        assertThat(sysfs.files.get(CPU1_LATENCY)).isEqualTo("0");
    }

    @Test
    void a_holder_whose_process_runs_keeps_its_value() throws IOException {
        long startOfInit = JournalHolder.startTimeOf(1).orElseThrow();
        sysfs.files.put(CPU1_LATENCY, "20");
        writeJournal(Map.of("/test/cpu/" + CPU1_LATENCY, new JournalEntry("/test/cpu/" + CPU1_LATENCY, CPU1_LATENCY,
                "0", List.of(new JournalEntry.Hold(new JournalHolder(1, startOfInit, 1), "20")))));

        assertThat(idle().restoreAbandoned()).isEmpty();
        assertThat(sysfs.files.get(CPU1_LATENCY)).isEqualTo("20");
    }

    @Test
    void a_dead_newest_holder_gives_way_to_the_live_holder_beneath_it() {
        ResumeLatencyLease live = idle().setResumeLatency(List.of(1), ResumeLatency.ofMicros(20));
        setByAnEndedProcess("7");

        assertThat(idle().restoreAbandoned()).extracting(AbandonedValue::restoredValue).containsExactly("20");
        assertThat(sysfs.files.get(CPU1_LATENCY)).isEqualTo("20");
        live.close();
        assertThat(sysfs.files.get(CPU1_LATENCY)).isEqualTo("0");
    }

    @Test
    void a_value_someone_else_changed_since_is_left_alone_with_a_warning() throws IOException {
        sysfs.files.put(CPU1_LATENCY, "50");
        writeJournal(entry(CPU1_LATENCY, "0", ENDED_PID, "20"));

        try (RecordedLog log = RecordedLog.of(SysfsJournal.class);
             ResumeLatencyLease lease = idle().setResumeLatency(List.of(0), ResumeLatency.ofMicros(3))) {
            assertThat(log.records).singleElement().satisfies(record -> {
                assertThat(record.getLevel()).isEqualTo(java.util.logging.Level.WARNING);
                assertThat(record.getMessage()).isEqualTo("left alone /test/cpu/" + CPU1_LATENCY + ": it reads 50,"
                        + " not the 20 PID " + ENDED_PID + " set; someone else changed it since");
            });
        }
        assertThat(sysfs.files.get(CPU1_LATENCY)).isEqualTo("50");
        assertThat(sysfs.writes).noneMatch(write -> write.startsWith(CPU1_LATENCY));
        assertThat(journal()).doesNotExist();
    }

    @Test
    void a_value_someone_else_changed_is_returned_as_left_alone() throws IOException {
        sysfs.files.put(CPU1_LATENCY, "50");
        writeJournal(entry(CPU1_LATENCY, "0", ENDED_PID, "20"));

        assertThat(idle().restoreAbandoned()).singleElement().satisfies(value -> {
            assertThat(value.changedByOthers()).isTrue();
            assertThat(value).hasToString("/test/cpu/" + CPU1_LATENCY + ": it reads 50, not the 20 PID " + ENDED_PID
                    + " set; someone else changed it since");
        });
        assertThat(sysfs.files.get(CPU1_LATENCY)).isEqualTo("50");
    }

    @Test
    void a_lease_closing_on_a_value_someone_else_changed_leaves_it_alone_with_a_warning() {
        ResumeLatencyLease lease = idle().setResumeLatency(List.of(1), ResumeLatency.ofMicros(20));
        sysfs.files.put(CPU1_LATENCY, "33");

        try (RecordedLog log = RecordedLog.of(SysfsJournal.class)) {
            lease.close();

            assertThat(log.records).singleElement().satisfies(record -> {
                assertThat(record.getLevel()).isEqualTo(java.util.logging.Level.WARNING);
                assertThat(record.getMessage()).isEqualTo("left alone /test/cpu/" + CPU1_LATENCY + ": it reads 33,"
                        + " not the 20 lllqos set; someone else changed it since");
            });
        }
        assertThat(sysfs.files.get(CPU1_LATENCY)).isEqualTo("33");
        assertThat(journal()).doesNotExist();
    }

    @Test
    void a_lease_made_on_a_value_someone_else_wrote_over_another_lease_puts_that_value_back_whichever_ends_first() {
        for (boolean olderEndsFirst : List.of(true, false)) {
            ResumeLatencyLease older = idle().setResumeLatency(List.of(1), ResumeLatency.ofMicros(20));
            sysfs.files.put(CPU1_LATENCY, "50");
            ResumeLatencyLease newer;
            try (RecordedLog log = RecordedLog.of(SysfsJournal.class)) {
                newer = idle().setResumeLatency(List.of(1), ResumeLatency.ofMicros(10));

                assertThat(log.records).singleElement().satisfies(record -> {
                    assertThat(record.getLevel()).isEqualTo(java.util.logging.Level.WARNING);
                    assertThat(record.getMessage()).isEqualTo("found /test/cpu/" + CPU1_LATENCY + " reading 50, not"
                            + " the 20 lllqos set; someone else changed it since, and it gets 50 back once the new"
                            + " lease ends");
                });
            }
            assertThat(newer.previousValues()).containsEntry(1, ResumeLatency.ofMicros(50));

            (olderEndsFirst ? older : newer).close();
            assertThat(sysfs.files.get(CPU1_LATENCY)).isEqualTo(olderEndsFirst ? "10" : "50");
            (olderEndsFirst ? newer : older).close();

            assertThat(sysfs.files.get(CPU1_LATENCY)).as("older ends first: " + olderEndsFirst).isEqualTo("50");
            assertThat(journal()).doesNotExist();
            sysfs.files.put(CPU1_LATENCY, "0");
        }
    }

    @Test
    void a_journalled_file_that_no_longer_exists_is_dropped_and_the_others_are_put_back() throws IOException {
        sysfs.files.put(CPU1_LATENCY, "20");
        Map<String, JournalEntry> entries = new LinkedHashMap<>(entry("cpu7/power/pm_qos_resume_latency_us", "0",
                ENDED_PID, "5"));
        entries.putAll(entry(CPU1_LATENCY, "0", ENDED_PID, "20"));
        writeJournal(entries);

        assertThat(idle().restoreAbandoned()).extracting(AbandonedValue::file)
                .containsExactly("/test/cpu/" + CPU1_LATENCY);
        assertThat(sysfs.files.get(CPU1_LATENCY)).isEqualTo("0");
        assertThat(journal()).doesNotExist();
    }

    @Test
    void a_restore_without_a_journal_finds_nothing_and_creates_nothing() {
        Path absent = journalDirectory.resolve("absent");

        assertThat(CpuIdle.of(sysfs, absent).restoreAbandoned()).isEmpty();
        assertThat(CpuIdle.of(sysfs, absent).abandonedValues()).isEmpty();
        assertThat(absent).doesNotExist();
    }

    @Test
    void files_without_a_journal_of_their_own_use_the_shared_one_that_the_property_names() {
        CpuSysfs shared = new CpuSysfs() {
            @Override
            public String pathOf(String attribute) {
                return sysfs.pathOf(attribute);
            }

            @Override
            public String read(String attribute) throws SysfsException {
                return sysfs.read(attribute);
            }

            @Override
            public void write(String attribute, String value) throws SysfsException {
                sysfs.write(attribute, value);
            }

            @Override
            public List<String> list(String directory) throws SysfsException {
                return sysfs.list(directory);
            }
        };
        String property = System.getProperty(CpuIdle.JOURNAL_DIRECTORY_PROPERTY);

        assertThat(CpuIdle.of(sysfs).journalDirectory()).isEqualTo(sysfs.journal.toAbsolutePath());
        assertThat(CpuIdle.of(shared).journalDirectory()).isEqualTo(property == null
                ? CpuIdle.DEFAULT_JOURNAL_DIRECTORY : Path.of(property).toAbsolutePath().normalize());
        assertThat(CpuIdle.DEFAULT_JOURNAL_DIRECTORY).isEqualTo(Path.of("/run/lllqos"));
    }

    @Test
    void a_dry_run_tells_what_it_would_put_back_and_changes_nothing() throws IOException {
        sysfs.files.put(CPU1_C6, "1");
        writeJournal(entry(CPU1_C6, "0", ENDED_PID, "1"));
        String before = Files.readString(journal());

        assertThat(idle().abandonedValues()).extracting(AbandonedValue::toString)
                .containsExactly("/test/cpu/" + CPU1_C6 + ": 1 -> 0 (PID " + ENDED_PID + " ended)");

        assertThat(sysfs.files.get(CPU1_C6)).isEqualTo("1");
        assertThat(Files.readString(journal())).isEqualTo(before);
    }

    @Test
    void a_kept_lease_leaves_its_value_and_nothing_puts_it_back_after_its_process_ends() {
        ResumeLatencyLease lease = idle().setResumeLatency(List.of(1), ResumeLatency.ofMicros(20));

        lease.keep();

        assertThat(journal()).doesNotExist();
        assertThat(sysfs.files.get(CPU1_LATENCY)).isEqualTo("20");
    }

    @Test
    void a_kept_lease_leaves_its_value_whichever_order_the_leases_on_the_file_end_in() {
        assertThat(afterEnding(List.of(20, 10), keep(0), close(1))).as("older kept, newer closed").isEqualTo("20");
        assertThat(afterEnding(List.of(20, 10), keep(0), keep(1))).as("both kept, older first").isEqualTo("10");
        assertThat(afterEnding(List.of(20, 10), keep(1), close(0))).as("newer kept, older closed").isEqualTo("10");
        assertThat(afterEnding(List.of(20, 10), keep(1), keep(0))).as("both kept, newer first").isEqualTo("10");
        assertThat(afterEnding(List.of(20, 10), close(1), keep(0))).as("newer closed, older kept").isEqualTo("20");
        assertThat(afterEnding(List.of(20, 10), close(0), keep(1))).as("older closed, newer kept").isEqualTo("10");
        assertThat(afterEnding(List.of(20, 10, 5), keep(1), close(2), close(0))).as("middle kept, newest closed first")
                .isEqualTo("10");
        assertThat(afterEnding(List.of(20, 10, 5), keep(1), close(0), close(2))).as("middle kept, oldest closed first")
                .isEqualTo("10");
        assertThat(afterEnding(List.of(20, 10, 5), keep(0), close(2), close(1))).as("oldest kept").isEqualTo("20");
        assertThat(afterEnding(List.of(20, 10, 5), keep(2), close(1), close(0))).as("newest kept").isEqualTo("5");
    }

    @Test
    void a_value_kept_beneath_a_newer_lease_is_journalled_without_a_holder_and_put_back_when_that_lease_ends()
            throws IOException {
        try (ResumeLatencyLease oldest = idle().setResumeLatency(List.of(1), ResumeLatency.ofMicros(20));
             ResumeLatencyLease kept = idle().setResumeLatency(List.of(1), ResumeLatency.ofMicros(10));
             ResumeLatencyLease newest = idle().setResumeLatency(List.of(1), ResumeLatency.ofMicros(5))) {
            kept.keep();

            assertThat(Files.readString(journal())).contains("\t20\nkept\t/test/cpu/" + CPU1_LATENCY
                    + "\t10\nhold\t");
            newest.close();
            assertThat(sysfs.files.get(CPU1_LATENCY)).as("put back by the newest lease").isEqualTo("10");
        }
        assertThat(sysfs.files.get(CPU1_LATENCY)).as("after the oldest lease").isEqualTo("10");
    }

    @Test
    void a_dead_holder_above_a_kept_value_gives_way_to_it() {
        ResumeLatencyLease live = idle().setResumeLatency(List.of(1), ResumeLatency.ofMicros(20));
        idle().setResumeLatency(List.of(1), ResumeLatency.ofMicros(10)).keep();
        setByAnEndedProcess("7");

        assertThat(idle().restoreAbandoned()).extracting(AbandonedValue::restoredValue).containsExactly("10");
        live.close();
        assertThat(sysfs.files.get(CPU1_LATENCY)).isEqualTo("10");
        assertThat(journal()).doesNotExist();
    }

    /** Sets cpu1's resume latency as a holder would that then died: journalled above the holds there are. */
    private void setByAnEndedProcess(String value) {
        new JournalFile(journalDirectory).update(transaction -> {
            JournalEntry entry = transaction.entries().get("/test/cpu/" + CPU1_LATENCY);
            transaction.entries().put(entry.path(), entry.with(new JournalEntry.Hold(
                    new JournalHolder(ENDED_PID, 5, 1), value)));
            transaction.save();
            return null;
        });
        sysfs.files.put(CPU1_LATENCY, value);
    }

    /** How a lease ends: kept, or closed. */
    private record Ending(int lease, boolean keep) {
    }

    private static Ending keep(int lease) {
        return new Ending(lease, true);
    }

    private static Ending close(int lease) {
        return new Ending(lease, false);
    }

    /**
     * Opens a lease per value on cpu1, oldest first, ends them in the order given, and returns what cpu1 reads then;
     * checks that the journal is gone and that no lease took the file for changed by someone else.
     */
    private String afterEnding(List<Integer> micros, Ending... endings) {
        sysfs.files.put(CPU1_LATENCY, "0");
        List<ResumeLatencyLease> leases = new ArrayList<>();
        try (RecordedLog log = RecordedLog.of(SysfsJournal.class)) {
            for (int value : micros) {
                leases.add(idle().setResumeLatency(List.of(1), ResumeLatency.ofMicros(value)));
            }
            for (Ending ending : endings) {
                if (ending.keep()) {
                    leases.get(ending.lease()).keep();
                } else {
                    leases.get(ending.lease()).close();
                }
            }
            assertThat(log.messages()).as("warnings").isEmpty();
        }
        assertThat(journal()).doesNotExist();
        return sysfs.files.get(CPU1_LATENCY);
    }

    @Test
    void a_truncated_journal_is_refused_naming_it_and_nothing_is_written() throws IOException {
        sysfs.files.put(CPU1_C6, "1");
        writeJournal(entry(CPU1_C6, "0", ENDED_PID, "1"));
        String whole = Files.readString(journal());
        Files.writeString(journal(), whole.substring(0, whole.indexOf("end")));

        assertRefusedAsCorrupt("cut short");

        Files.writeString(journal(), whole.substring(0, whole.length() - 3));
        assertRefusedAsCorrupt("cut short");
    }

    @Test
    void a_journal_changed_by_hand_is_refused_and_nothing_is_written() throws IOException {
        sysfs.files.put(CPU1_C6, "1");
        writeJournal(entry(CPU1_C6, "0", ENDED_PID, "1"));
        Files.writeString(journal(), Files.readString(journal()).replace("\t0\n", "\t1\n"));

        assertRefusedAsCorrupt("does not match");

        Files.writeString(journal(), "not a journal\n");
        assertRefusedAsCorrupt("does not start with 'lllqos sysfs journal 1'");

        writeJournal(entry(CPU1_C6, "0", 0, "1"));
        assertRefusedAsCorrupt("line 3: a hold's PID must be 1 or more, was 0");

        String path = "/test/cpu/" + CPU1_C6;
        writeJournal(Map.of(path, new JournalEntry(path, CPU1_C6, "0", List.of(JournalEntry.Hold.kept("1")))));
        assertRefusedAsCorrupt(path + " has no holder");
    }

    @Test
    void a_journal_naming_a_file_lllqos_does_not_change_is_refused_naming_the_line_and_nothing_is_written()
            throws IOException {
        String outside = "../../../../tmp/x/disable";
        sysfs.files.put(outside, "0");
        writeJournal(entry(outside, "1", ENDED_PID, "0"));

        assertRefusedAsCorrupt("line 2: '" + outside + "' is not a file lllqos changes: only"
                + " cpuN/power/pm_qos_resume_latency_us and cpuN/cpuidle/stateK/disable are");
        assertThat(sysfs.files.get(outside)).isEqualTo("0");

        writeJournal(entry("cpu01/power/pm_qos_resume_latency_us", "0", ENDED_PID, "20"));
        assertRefusedAsCorrupt("line 2: 'cpu01/power/pm_qos_resume_latency_us' is not a file lllqos changes");
    }

    @Test
    void a_journal_with_a_value_the_kernel_would_not_write_is_refused_naming_the_line_and_nothing_is_written()
            throws IOException {
        sysfs.files.put(CPU1_LATENCY, "20");
        writeJournal(entry(CPU1_LATENCY, "pwned", ENDED_PID, "20"));
        assertRefusedAsCorrupt("line 2: a resume latency must be 'n/a'");
        assertRefusedAsCorrupt("was 'pwned', for " + CPU1_LATENCY);

        writeJournal(entry(CPU1_LATENCY, "0", ENDED_PID, "020"));
        assertRefusedAsCorrupt("line 3: '020' is not how the kernel writes a resume latency: it writes '20'");

        sysfs.files.put(CPU1_C6, "1");
        writeJournal(entry(CPU1_C6, "2", ENDED_PID, "1"));
        assertRefusedAsCorrupt("line 2: an idle state's disable flag must be 0 or 1, was '2', for " + CPU1_C6);
    }

    @Test
    void a_value_read_from_sysfs_that_no_journal_may_hold_is_refused_before_anything_is_written() {
        sysfs.files.put(CPU1_LATENCY, "020");

        assertThatThrownBy(() -> idle().setResumeLatency(List.of(1), ResumeLatency.ofMicros(5)))
                .isInstanceOf(LowLatencyException.class)
                .hasMessageContaining("cannot journal '020' for " + CPU1_LATENCY + ": '020' is not how the kernel");
        assertThat(sysfs.writes).isEmpty();
        assertThat(journal()).doesNotExist();
    }

    @Test
    void a_journal_directory_others_may_write_is_refused_naming_it_its_owner_and_mode_and_nothing_is_written()
            throws IOException {
        sysfs.files.put(CPU1_C6, "1");
        writeJournal(entry(CPU1_C6, "0", ENDED_PID, "1"));
        Files.setPosixFilePermissions(journalDirectory, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertRefused("the journal directory " + journalDirectory + " is owned by " + owner(journalDirectory)
                + " with mode rwxrwxrwx: lllqos reads only a journal owned by this user ("
                + System.getProperty("user.name") + ") or root that no one else may write", "chmod go-w "
                + journalDirectory);
        assertThat(sysfs.files.get(CPU1_C6)).isEqualTo("1");
    }

    @Test
    void a_journal_file_its_group_may_write_is_refused_naming_it_and_the_fix() throws IOException {
        sysfs.files.put(CPU1_C6, "1");
        writeJournal(entry(CPU1_C6, "0", ENDED_PID, "1"));
        Files.setPosixFilePermissions(journal(), PosixFilePermissions.fromString("rw-rw-r--"));

        assertRefused("the journal file " + journal() + " is owned by " + owner(journal()) + " with mode rw-rw-r--",
                "chmod go-w " + journal());
    }

    @Test
    void a_journal_directory_of_another_user_is_refused_naming_the_owner_and_the_fix() throws IOException {
        RealEnvironment.requireRoot("gives the journal directory to another user");
        sysfs.files.put(CPU1_C6, "1");
        writeJournal(entry(CPU1_C6, "0", ENDED_PID, "1"));
        Files.setAttribute(journalDirectory, "unix:uid", 65534);

        assertRefused("the journal directory " + journalDirectory + " is owned by " + owner(journalDirectory)
                + " with mode rwx------", "chown root " + journalDirectory);
    }

    @Test
    void the_journal_directory_and_file_are_made_so_that_no_one_else_may_write_them() {
        Path made = journalDirectory.resolve("run/lllqos");

        try (ResumeLatencyLease lease = CpuIdle.of(sysfs, made).setResumeLatency(List.of(1),
                ResumeLatency.ofMicros(20))) {
            assertThat(lease.acquired()).isTrue();
            for (Path path : List.of(made, made.getParent(), made.resolve(JournalFile.NAME),
                    made.resolve("sysfs.lock"))) {
                assertThat(path).satisfies(file -> assertThat(Files.getPosixFilePermissions(file)).as(file.toString())
                        .doesNotContain(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE));
            }
        }
        assertThat(sysfs.files.get(CPU1_LATENCY)).isEqualTo("0");
    }

    /** Restoring, telling what a restore would do and changing a value are each refused, and nothing is written. */
    private void assertRefused(String... why) throws IOException {
        String before = Files.readString(journal());
        for (Runnable use : List.<Runnable>of(() -> idle().restoreAbandoned(), () -> idle().abandonedValues(),
                () -> idle().setResumeLatency(List.of(0), ResumeLatency.ofMicros(5)))) {
            assertThatThrownBy(use::run).isInstanceOf(LowLatencyException.class).hasMessageContainingAll(why);
        }
        assertThat(sysfs.writes).isEmpty();
        assertThat(Files.readString(journal())).isEqualTo(before);
    }

    private void assertRefusedAsCorrupt(String why) throws IOException {
        assertRefused("the journal " + journal() + " is corrupt", why);
    }

    @Test
    void a_journal_directory_that_cannot_be_made_is_named_and_no_file_changes() throws IOException {
        Path notADirectory = Files.writeString(journalDirectory.resolve("file"), "");

        assertThatThrownBy(() -> CpuIdle.of(sysfs, notADirectory.resolve("journal"))
                .setResumeLatency(List.of(1), ResumeLatency.ofMicros(5)))
                .isInstanceOf(LowLatencyException.class)
                .hasMessageContaining("cannot create the journal directory " + notADirectory.resolve("journal"));
        assertThat(sysfs.writes).isEmpty();
    }

    @Test
    void a_restore_that_cannot_write_or_read_a_later_file_puts_back_none_and_keeps_the_journal() throws IOException {
        for (Set<String> denied : List.of(sysfs.writeDenied, sysfs.readDenied)) {
            String before = leftByEndedHolders(Map.entry(CPU1_C6, "1"), Map.entry(CPU1_LATENCY, "20"));
            denied.add(CPU1_LATENCY);

            assertThatThrownBy(() -> idle().restoreAbandoned()).isInstanceOf(LowLatencyException.class)
                    .hasMessageContaining("/test/cpu/" + CPU1_LATENCY)
                    .hasMessageContaining(denied == sysfs.readDenied ? "read permission" : "write permission");

            assertThat(sysfs.files.get(CPU1_C6)).as("written back as it was").isEqualTo("1");
            assertThat(Files.readString(journal())).isEqualTo(before);
            denied.clear();
        }
    }

    @Test
    void a_file_that_cannot_be_written_back_after_a_failed_restore_is_reported_and_the_others_are_written_back()
            throws IOException {
        String cpu0Latency = "cpu0/power/pm_qos_resume_latency_us";
        String before = leftByEndedHolders(Map.entry(CPU1_C6, "1"), Map.entry(cpu0Latency, "30"),
                Map.entry(CPU1_LATENCY, "20"));
        sysfs.readDenied.add(CPU1_LATENCY);
        sysfs.afterWrite = attribute -> sysfs.writeDenied.add(CPU1_C6);

        assertThatThrownBy(() -> idle().restoreAbandoned()).isInstanceOfSatisfying(LowLatencyException.class, e ->
                assertThat(e.getSuppressed()).singleElement().satisfies(undo -> assertThat(undo)
                        .hasMessageContaining("write(/test/cpu/" + CPU1_C6 + ", \"1\")")))
                .hasMessageContaining("read(/test/cpu/" + CPU1_LATENCY + ")");

        assertThat(sysfs.files.get(cpu0Latency)).as("written back after the one that failed").isEqualTo("30");
        assertThat(Files.readString(journal())).isEqualTo(before);
    }

    @Test
    void the_start_time_is_field_22_of_proc_stat_counted_after_the_command_name() {
        String stat = "4242 (a (b) c) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 10";

        assertThat(JournalHolder.startTimeInStat(stat)).hasValue(987654);
        assertThat(JournalHolder.startTimeInStat(stat.replace(") S ", ") Z "))).as("a zombie").isEmpty();
        assertThat(JournalHolder.startTimeInStat("4242 (cut")).isEmpty();
        assertThat(JournalHolder.startTimeOf(ENDED_PID)).isEmpty();
    }

    private static String owner(Path path) throws IOException {
        return Files.getOwner(path).getName();
    }

    /**
     * Sets files as holders would that then died, each value in force over an original 0, in the order given.
     *
     * @return the journal's text
     */
    @SafeVarargs
    private String leftByEndedHolders(Map.Entry<String, String>... setByEndedHolders) throws IOException {
        Map<String, JournalEntry> entries = new LinkedHashMap<>();
        for (Map.Entry<String, String> value : setByEndedHolders) {
            sysfs.files.put(value.getKey(), value.getValue());
            entries.putAll(entry(value.getKey(), "0", ENDED_PID, value.getValue()));
        }
        writeJournal(entries);
        return Files.readString(journal());
    }

    private static Map<String, JournalEntry> entry(String attribute, String original, long pid, String value) {
        String path = "/test/cpu/" + attribute;
        return Map.of(path, new JournalEntry(path, attribute, original,
                List.of(new JournalEntry.Hold(new JournalHolder(pid, 12345, 1), value))));
    }

    private void writeJournal(Map<String, JournalEntry> entries) throws IOException {
        Files.writeString(journal(), JournalFile.format(entries));
    }
}
