package io.github.lllqos.cpuidle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lllqos.Errno;
import io.github.lllqos.LowLatencyException;
import io.github.lllqos.Refusal;
import org.junit.jupiter.api.Test;

/** The rule that decides which failed sysfs change is a refusal; the changes themselves are tested in CpuIdleTest. */
class SysfsChangesTest {

    @Test
    void a_missing_permission_a_read_only_sysfs_a_missing_file_and_a_rejected_value_are_refusals() {
        assertThat(kindOf(Errno.EACCES)).isEqualTo(Refusal.Kind.PERMISSION);
        assertThat(kindOf(Errno.EPERM)).isEqualTo(Refusal.Kind.PERMISSION);
        assertThat(kindOf(Errno.EROFS)).isEqualTo(Refusal.Kind.PERMISSION);
        assertThat(kindOf(Errno.ENOENT)).isEqualTo(Refusal.Kind.UNSUPPORTED);
        assertThat(kindOf(Errno.EINVAL)).isEqualTo(Refusal.Kind.REJECTED);
        assertThat(kindOf(Errno.EBUSY)).isEqualTo(Refusal.Kind.REJECTED);
    }

    @Test
    void any_other_error_a_failure_without_errno_and_one_whose_undo_failed_are_thrown() {
        LowLatencyException io = new LowLatencyException("write failed: EIO", Errno.EIO);
        LowLatencyException noErrno = new LowLatencyException("the journal is corrupt");
        LowLatencyException undoFailed = new LowLatencyException("write failed: EACCES", Errno.EACCES);
        undoFailed.addSuppressed(new LowLatencyException("restore failed: EIO", Errno.EIO));

        assertThatThrownBy(() -> SysfsChanges.refusalOrThrow(io)).isSameAs(io);
        assertThatThrownBy(() -> SysfsChanges.refusalOrThrow(noErrno)).isSameAs(noErrno);
        assertThatThrownBy(() -> SysfsChanges.refusalOrThrow(undoFailed)).isSameAs(undoFailed);
    }

    private static Refusal.Kind kindOf(Errno errno) {
        Refusal refusal = SysfsChanges.refusalOrThrow(new LowLatencyException("write failed: " + errno, errno));
        assertThat(refusal.errno()).hasValue(errno);
        return refusal.kind();
    }
}
