package io.github.lllqos.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.contract.RealEnvironment;
import io.github.lllqos.contract.RealSysfsBaseline;
import io.github.lllqos.cpuidle.CpuIdle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restore by a user ({@code nobody}) who may not write the journal or the files: refused naming the file, and
 * nothing changed. A journal that user may write is given to them, as lllqos reads no journal that another user than
 * its owner may write. The files are a root-owned copy of the sysfs tree; the crashed holder is a child JVM halted
 * while holding.
 */
@ExtendWith(RealSysfsBaseline.class)
class UnprivilegedRestoreTest {

    private static final int NOBODY = 65534;
    private static final List<String> AS_NOBODY = List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
            "--clear-groups", "--");

    @TempDir
    Path temp;

    private Path tree;
    private Path journal;
    private ChildJvm jvm;

    @BeforeEach
    void a_crashed_holder_left_cpu0_at_20_us() throws Exception {
        RealEnvironment.requireRoot("starts the restore as another user, on files that user may not write");
        tree = Files.createDirectories(temp.resolve("cpu"));
        journal = temp.resolve("journal");
        Files.writeString(tree.resolve("present"), "0\n");
        Files.createDirectories(tree.resolve("cpu0/power"));
        Files.writeString(tree.resolve("cpu0/power/pm_qos_resume_latency_us"), "0\n");
        jvm = new ChildJvm(temp);

        assertThat(jvm.run(List.of(), JournalProbe.class, "hold", tree.toString(), journal.toString()))
                .contains("held");
        assertThat(latency()).isEqualTo("20");
        try (Stream<Path> files = Files.walk(tree)) {
            for (Path file : files.toList()) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(Files.isDirectory(file)
                        ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    @Test
    void a_user_who_may_not_lock_the_journal_is_told_which_file_and_nothing_changes() throws Exception {
        String journalBefore = Files.readString(journal.resolve("sysfs.journal"));

        String output = jvm.run(AS_NOBODY, JournalProbe.class, "restore", tree.toString(), journal.toString());

        assertThat(output).contains("refused=cannot lock the journal " + journal.resolve("sysfs.lock") + ": EACCES",
                "user (nobody)", "errno=EACCES");
        assertThat(latency()).isEqualTo("20");
        assertThat(Files.readString(journal.resolve("sysfs.journal"))).isEqualTo(journalBefore);
        assertThat(CpuIdle.of(new CpuSysfsFiles(tree), journal).restoreAbandoned()).as("root's restore").hasSize(1);
        assertThat(latency()).isEqualTo("0");
    }

    @Test
    void a_user_who_may_lock_the_journal_but_not_write_the_file_is_told_which_file_and_nothing_changes()
            throws Exception {
        for (Path path : List.of(journal, journal.resolve("sysfs.lock"), journal.resolve("sysfs.journal"))) {
            Files.setAttribute(path, "unix:uid", NOBODY);
            Files.setAttribute(path, "unix:gid", NOBODY);
        }
        String journalBefore = Files.readString(journal.resolve("sysfs.journal"));

        String output = jvm.run(AS_NOBODY, JournalProbe.class, "restore", tree.toString(), journal.toString());

        assertThat(output).contains("refused=write(" + tree.resolve("cpu0/power/pm_qos_resume_latency_us")
                + ", \"0\") failed: EACCES", "errno=EACCES");
        assertThat(latency()).isEqualTo("20");
        assertThat(Files.readString(journal.resolve("sysfs.journal"))).isEqualTo(journalBefore);
    }

    private String latency() throws IOException {
        return Files.readString(tree.resolve("cpu0/power/pm_qos_resume_latency_us")).strip();
    }
}
