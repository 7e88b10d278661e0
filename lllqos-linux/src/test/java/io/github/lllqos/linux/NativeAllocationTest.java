package io.github.lllqos.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.contract.RealEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hot paths allocate no native memory per call on either layer (JNA, and java.lang.foreign from JDK 22), each
 * measured in a JVM of its own: blocks are allocated once per thread, per request or per sleeper.
 */
class NativeAllocationTest {

    private static final int JDK = Runtime.version().feature();

    @TempDir
    Path temp;

    @Test
    void a_request_allocates_at_most_its_own_object_and_a_periodic_wait_nothing_on_either_layer() throws Exception {
        boolean device = Files.isReadable(RealEnvironment.CPU_DMA_LATENCY)
                && Files.isWritable(RealEnvironment.CPU_DMA_LATENCY);
        List<String> layers = new ArrayList<>(List.of("jna"));
        if (JDK >= 22) {
            layers.add("ffm");
        }
        ChildJvm child = new ChildJvm(temp);
        for (String layer : layers) {
            String output = child.run(List.of(), List.of("-Dlllqos.native=" + layer),
                    AllocationProbe.class, device ? new String[] {"device", RealEnvironment.CPU_DMA_LATENCY.toString()}
                            : new String[0]);

            assertThat(output).contains("layer=" + (layer.equals("jna") ? "JNA" : "java.lang.foreign"));
            assertThat(number(output, "sleeps.bytes")).as("bytes allocated by 10,000 waits on %s: one object per"
                    + " wait would be 160,000 or more", layer).isLessThan(1024);
            if (device) {
                assertThat(number(output, "request.bytes")).as("bytes per request on %s: the request object is 24,"
                        + " a native block per call would add 64 or more", layer).isLessThanOrEqualTo(32);
            }
        }
        RealEnvironment.requireCpuDmaLatency();
    }

    private static long number(String output, String key) {
        Matcher matcher = Pattern.compile(key + "=(\\d+)").matcher(output);
        assertThat(matcher.find()).as("%s in %s", key, output).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
