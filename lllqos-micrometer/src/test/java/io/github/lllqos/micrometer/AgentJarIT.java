package io.github.lllqos.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The complete agent jar this module builds: every library in it moved to the agent's own packages, so that an
 * application's Micrometer, Prometheus client, HdrHistogram and Jackson never meet ours, and what the agent needs
 * present and loadable.
 */
class AgentJarIT {

    /** Where the libraries live unrelocated: the packages of the application's own copies. */
    private static final List<String> UNRELOCATED = List.of("io/micrometer/", "io/prometheus/", "org/HdrHistogram/",
            "org/LatencyUtils/", "com/fasterxml/", "org/jspecify/");
    /** A class for one JDK version and later, in a multi-release jar: the version, and the class's own path. */
    private static final Pattern VERSIONED = Pattern.compile("META-INF/versions/(\\d+)/(.+)");

    @Test
    void no_library_keeps_its_own_package_in_the_agent_jar_nor_in_its_classes_for_newer_jdks() throws IOException {
        List<String> entries = entries();

        assertThat(entries).filteredOn(AgentJarIT::unrelocated).as("entries in a library's own package").isEmpty();
        assertThat(entries).filteredOn(entry -> {
            Matcher versioned = VERSIONED.matcher(entry);
            return versioned.matches() && unrelocated(versioned.group(2));
        }).as("classes for newer JDKs in a library's own package").isEmpty();
    }

    @Test
    void the_agent_jar_carries_the_relocated_prometheus_registry_the_endpoint_and_the_linux_provider()
            throws IOException {
        assertThat(entries()).contains(
                "io/github/lllqos/monitor/shaded/micrometer/prometheusmetrics/PrometheusMeterRegistry.class",
                "io/github/lllqos/monitor/shaded/prometheus/metrics/model/registry/PrometheusRegistry.class",
                "io/github/lllqos/micrometer/internal/PrometheusEndpoint.class",
                "io/github/lllqos/monitor/agent/MonitorAgent.class",
                "io/github/lllqos/linux/LinuxProvider.class");
    }

    @Test
    void the_relocated_classes_for_newer_jdks_are_the_ones_this_jdk_loads() throws Exception {
        Map<String, String> newest = newestVersionedClasses(Runtime.version().feature());
        assertThat(newest).as("jackson-core has classes for JDK 11 and later").isNotEmpty();

        try (URLClassLoader loader = new URLClassLoader(new URL[] {AgentJvm.AGENT_JAR.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            for (Map.Entry<String, String> versioned : newest.entrySet()) {
                String path = versioned.getKey();
                assertThat(loader.getResource(path)).as(path).asString().endsWith(versioned.getValue());
                String name = path.substring(0, path.length() - ".class".length()).replace('/', '.');
                assertThat(Class.forName(name, false, loader).getName()).isEqualTo(name);
            }
        }
    }

    /** For each class with a version for this JDK or an older one: its path, and the newest such entry. */
    private static Map<String, String> newestVersionedClasses(int feature) throws IOException {
        Map<String, Integer> versions = new TreeMap<>();
        for (String entry : entries()) {
            Matcher versioned = VERSIONED.matcher(entry);
            if (versioned.matches() && entry.endsWith(".class") && !entry.endsWith("module-info.class")) {
                int version = Integer.parseInt(versioned.group(1));
                if (version <= feature) {
                    versions.merge(versioned.group(2), version, Math::max);
                }
            }
        }
        Map<String, String> newest = new TreeMap<>();
        versions.forEach((path, version) -> newest.put(path, "META-INF/versions/" + version + "/" + path));
        return newest;
    }

    private static boolean unrelocated(String path) {
        return UNRELOCATED.stream().anyMatch(path::startsWith);
    }

    private static List<String> entries() throws IOException {
        assertThat(AgentJvm.AGENT_JAR).as("the agent jar (mvn package builds it)").exists();
        try (JarFile jar = new JarFile(AgentJvm.AGENT_JAR.toFile())) {
            return Collections.list(jar.entries()).stream().map(JarEntry::getName).collect(Collectors.toList());
        }
    }
}
