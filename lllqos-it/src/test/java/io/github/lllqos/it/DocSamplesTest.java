package io.github.lllqos.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles every Java sample of README.md, CONTRIBUTING.md and docs/*.md against the built modules, so a renamed
 * API breaks the build instead of the reader.
 *
 * <p>A sample is a whole class (it declares a type at the start of a line), a list of members (methods with
 * their annotations), or statements; members and statements are compiled inside a class that extends
 * {@code Samples}, whose methods stand for the reader's own code ({@code runControlLoopOn}, {@code ControlLoop}).
 * Every sample sees the API's packages and JUnit's and AssertJ's names, as a test would import them.
 */
class DocSamplesTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern TYPE_DECLARATION = Pattern.compile(
            "(?m)^(?:@\\w+(?:\\([^)]*\\))?\\s*\\n)*(?:public |final |abstract )*(?:class|record|interface|enum) ");
    private static final Pattern MEMBER_DECLARATION = Pattern.compile("(?m)^(?:@\\w+.*\\n)*void \\w+\\(");

    private static final String DEFAULT_IMPORTS = String.join("\n",
            "import io.github.lllqos.*;",
            "import io.github.lllqos.realtime.*;",
            "import io.github.lllqos.cpuidle.*;",
            "import io.github.lllqos.fake.*;",
            "import io.github.lllqos.fake.junit.*;",
            "import java.util.*;",
            "import java.time.*;",
            "import org.junit.jupiter.api.*;",
            "import org.junit.jupiter.api.extension.ExtendWith;",
            "import static org.assertj.core.api.Assertions.*;",
            "");

    private static final String SUPPORT = DEFAULT_IMPORTS + String.join("\n",
            "/** What the samples call that is the reader's own code. */",
            "class Samples {",
            "    static void runControlLoopOn(int... cpus) { }",
            "}",
            "/** The reader's control loop, which holds a lease while it runs. */",
            "class ControlLoop implements AutoCloseable {",
            "    static ControlLoop start() { return new ControlLoop(); }",
            "    CpuLatencyLease lease() { return LowLatency.lowWakeupLatency(50); }",
            "    @Override public void close() { }",
            "}",
            "");

    @Test
    void every_java_sample_in_the_documentation_compiles(@TempDir Path classes) throws IOException {
        List<JavaFileObject> units = new ArrayList<>(List.of(source("Samples", SUPPORT)));
        List<String> origins = new ArrayList<>();
        for (Path document : documents()) {
            Matcher block = JAVA_BLOCK.matcher(Files.readString(document));
            for (int index = 0; block.find(); index++) {
                String name = "Sample" + units.size();
                origins.add(name + " = " + root().relativize(document) + " sample " + (index + 1));
                units.add(source(name, unit(name, block.group(1))));
            }
        }
        assertThat(origins).as("samples found").isNotEmpty();

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean compiled = javac.getTask(diagnostics, null, null,
                List.of("-d", classes.toString(), "-classpath", System.getProperty("java.class.path"),
                        "-proc:none", "-Xlint:none"), null, units).call();

        assertThat(compiled).as("the samples compile:%n%s%nwhere %s", diagnostics, String.join("; ", origins))
                .isTrue();
    }

    /** A sample as a compilation unit: itself where it declares a type, else inside a class of its own. */
    static String unit(String name, String sample) {
        StringBuilder imports = new StringBuilder(DEFAULT_IMPORTS);
        StringBuilder body = new StringBuilder();
        for (String line : sample.split("\n", -1)) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        String code = body.toString();
        if (TYPE_DECLARATION.matcher(code).find()) {
            return imports + code;
        }
        if (MEMBER_DECLARATION.matcher(code).find()) {
            return imports + "class " + name + " extends Samples {\n" + code + "}\n";
        }
        return imports + "class " + name + " extends Samples {\nvoid sample() throws Exception {\n" + code + "}\n}\n";
    }

    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(root().resolve("README.md"), root().resolve("CONTRIBUTING.md")));
        try (Stream<Path> docs = Files.list(root().resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }

    private static Path root() {
        Path module = Path.of("").toAbsolutePath();
        return Files.exists(module.resolve("README.md")) ? module : module.getParent();
    }

    private static JavaFileObject source(String name, String code) {
        return new SimpleJavaFileObject(URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        };
    }
}
