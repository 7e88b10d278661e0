package io.github.lllqos.cli.cyclic;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.contract.RealEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ThreadBlocksTest {

    @Test
    void the_voluntary_switches_are_read_from_their_own_line_not_the_involuntary_one() {
        String status = "Name:\tcyclic-0\nState:\tR (running)\nvoluntary_ctxt_switches:\t12\n"
                + "nonvoluntary_ctxt_switches:\t34\n";

        assertThat(ThreadBlocks.parse(status)).hasValue(12);
        assertThat(ThreadBlocks.parse("nonvoluntary_ctxt_switches:\t34\n")).isEmpty();
        assertThat(ThreadBlocks.parse("voluntary_ctxt_switches:\tmany\n")).isEmpty();
    }

    @Test
    void each_sleep_of_the_calling_thread_is_one_more_block() throws InterruptedException {
        RealEnvironment.require(Files.isReadable(Path.of("/proc/thread-self/status")),
                "/proc/thread-self/status is missing: this is not Linux");
        OptionalLong before = ThreadBlocks.ofCurrentThread();
        for (int i = 0; i < 5; i++) {
            Thread.sleep(2);
        }
        OptionalLong after = ThreadBlocks.ofCurrentThread();

        assertThat(before).isPresent();
        assertThat(after.getAsLong() - before.getAsLong()).as("five sleeps, each a voluntary switch")
                .isGreaterThanOrEqualTo(5);
    }
}
