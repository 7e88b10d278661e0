package io.github.lllqos.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.github.lllqos.contract.RealEnvironment;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The Docker engine the suite runs containers on ({@code DOCKER_HOST}, else {@code /var/run/docker.sock}) and the
 * test image built on it, both set up once per test JVM. Without an engine every container test skips with a
 * message that says how to start one, and fails instead under {@code -Dlllqos.require=real} (as {@code ./test.sh}
 * and CI run it), so CI never passes without having run its containers.
 */
final class DockerEngine {

    /** The system property naming the image's build context, set by the it profile. */
    static final String CONTEXT_PROPERTY = "lllqos.it.context";

    private static DockerEngine shared;
    private static String missingEngine;

    /** The stage of the context's Dockerfile that runs the lllqos command. */
    static final String COMMAND_STAGE = "lllqos";

    private final DockerClient client;
    private final String image;
    private final Path context;
    private String commandImage;

    private DockerEngine(DockerClient client, String image, Path context) {
        this.client = client;
        this.image = image;
        this.context = context;
    }

    /**
     * The engine, connected and with the test image built (or found already built for the same context).
     *
     * @throws org.opentest4j.TestAbortedException how to start an engine, if none answers (an
     *     {@link AssertionError} under {@code -Dlllqos.require=real}); the same on every later call
     */
    static synchronized DockerEngine shared() {
        if (shared == null && missingEngine == null) {
            DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
            DockerClient client = client(config);
            try {
                client.pingCmd().exec();
            } catch (RuntimeException e) {
                missingEngine = "no Docker engine answers at " + config.getDockerHost() + " (" + e + "). The"
                        + " integration tests run in containers and need one: run ./test.sh, which starts one, or"
                        + " as root on Debian: apt-get install -y docker.io && (dockerd >/tmp/dockerd.log 2>&1 &),"
                        + " or point DOCKER_HOST at a running engine";
            }
            if (missingEngine == null) {
                Path context = Path.of(context());
                shared = new DockerEngine(client, TestImage.ensureBuilt(client, context), context);
            }
        }
        RealEnvironment.require(missingEngine == null, missingEngine);
        return shared;
    }

    private static DockerClient client(DockerClientConfig config) {
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofMinutes(2))
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    private static String context() {
        String context = System.getProperty(CONTEXT_PROPERTY);
        if (context == null) {
            throw new AssertionError("-D" + CONTEXT_PROPERTY + " is not set: run the integration tests through"
                    + " the reactor with -Pit (./mvnw verify -Pit), which assembles the image context in docker/");
        }
        return context;
    }

    /** The client, shared by all tests. */
    DockerClient client() {
        return client;
    }

    /** The tag of the test image. */
    String image() {
        return image;
    }

    /** The tag of the image of the lllqos command, the context's {@value #COMMAND_STAGE} stage, built on first use. */
    synchronized String commandImage() {
        if (commandImage == null) {
            commandImage = TestImage.ensureBuilt(client, context, COMMAND_STAGE);
        }
        return commandImage;
    }

    /** The image's build context. */
    Path imageContext() {
        return context;
    }
}
