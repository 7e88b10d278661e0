package io.github.lllqos.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.contract.RealEnvironment;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JVM running as {@code nobody} cannot open the device: its lease is not acquired, says why, and throws nothing. */
class UnprivilegedLeaseTest {

    @TempDir
    Path temp;

    @Test
    void a_process_without_permission_runs_on_with_a_reason_naming_the_fix() throws Exception {
        RealEnvironment.requireRoot("starts a child process as another user");
        RealEnvironment.requireCpuDmaLatency();

        String output = new ChildJvm(temp).run(List.of("setpriv", "--reuid=65534", "--regid=65534",
                "--clear-groups", "--"), UnprivilegedProbe.class);

        assertThat(output).contains("provider=linux", "acquired=false", "EACCES", "udev rule",
                "MODE=\"0660\"", "user nobody", "closed=true");
    }
}
