package io.github.lllqos.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On JDK 22 and later the provider's calls go through java.lang.foreign in a JVM of their own: JNA is never
 * loaded, and native access is reported and, where denied, named as the fix.
 */
class NativeLayerChildTest {

    private static final int JDK = Runtime.version().feature();

    @TempDir
    Path temp;

    @Test
    void on_jdk_22_and_later_no_class_of_jna_is_loaded_and_nothing_is_unpacked() throws Exception {
        Assumptions.assumeTrue(JDK >= 22, "java.lang.foreign is final from JDK 22; this is JDK " + JDK);

        String output = new ChildJvm(temp).run(List.of(), List.of("-verbose:class"), LayerProbe.class);

        assertThat(output).contains("libc through java.lang.foreign (JDK " + JDK + " has java.lang.foreign",
                "native access is enabled", "thread=OptionalLong[", "periodic=clock_nanosleep");
        assertThat(output).contains("[class,load] io.github.lllqos.linux.internal.ForeignLibc");
        assertThat(output.lines().filter(line -> line.contains("com.sun.jna"))).as("JNA classes loaded").isEmpty();
        assertThat(output).doesNotContain("WARNING: A restricted method");
        try (Stream<Path> unpacked = Files.list(temp.resolve("jna"))) {
            assertThat(unpacked).as("files JNA unpacked into jna.tmpdir").isEmpty();
        }
    }

    @Test
    void without_native_access_the_jdk_warns_and_the_selection_names_the_option() throws Exception {
        Assumptions.assumeTrue(JDK >= 24, "--illegal-native-access exists from JDK 24; this is JDK " + JDK);

        String output = new ChildJvm(temp).run(List.of(), List.of("--illegal-native-access=warn"),
                LayerProbe.class);

        assertThat(output).contains("WARNING: A restricted method", "native access is not enabled for the class"
                + " path (ALL-UNNAMED)", "--enable-native-access=ALL-UNNAMED");
    }

    @Test
    void where_native_access_is_denied_the_provider_is_passed_over_with_the_option_that_allows_it()
            throws Exception {
        Assumptions.assumeTrue(JDK >= 24, "--illegal-native-access exists from JDK 24; this is JDK " + JDK);

        String output = new ChildJvm(temp).run(List.of(), List.of("--illegal-native-access=deny"),
                LayerProbe.class);

        assertThat(output).contains("provider: none", "passed over linux", "denies native access",
                "start java with --enable-native-access=ALL-UNNAMED", "acquired=false");
    }

    @Test
    void jna_carries_the_calls_when_asked_for_on_any_jdk() throws Exception {
        String output = new ChildJvm(temp).run(List.of(), List.of("-verbose:class", "-Dlllqos.native=jna"),
                LayerProbe.class);

        assertThat(output).contains("libc through JNA (-Dlllqos.native=jna)", "periodic=clock_nanosleep",
                "[class,load] com.sun.jna.Native");
        assertThat(output).doesNotContain("io.github.lllqos.linux.internal.ForeignLibc");
    }
}
