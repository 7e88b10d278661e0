package io.github.lllqos.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The Docker engine the suite runs containers on ({@code DOCKER_HOST}, else {@code /var/run/docker.sock}) and the
 * test image built on it, both set up once per test JVM. Without an engine every container test fails with a
 * message that says how to start one: the {@code it} profile never passes without having run its containers.
 */
final class DockerEngine {

    /** The system property naming the image's build context, set by the it profile. */
    static final String CONTEXT_PROPERTY = "lllqos.it.context";

    private static DockerEngine shared;
    private static AssertionError unavailable;

    private final DockerClient client;
    private final String image;

    private DockerEngine(DockerClient client, String image) {
        this.client = client;
        this.image = image;
    }

    /**
     * The engine, connected and with the test image built (or found already built for the same context).
     *
     * @throws AssertionError how to start an engine, if none answers; the same error on every later call
     */
    static synchronized DockerEngine shared() {
        if (unavailable != null) {
            throw unavailable;
        }
        if (shared == null) {
            try {
                shared = connect();
            } catch (AssertionError e) {
                unavailable = e;
                throw e;
            }
        }
        return shared;
    }

    private static DockerEngine connect() {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofMinutes(2))
                .build();
        DockerClient client = DockerClientImpl.getInstance(config, http);
        try {
            client.pingCmd().exec();
        } catch (RuntimeException e) {
            throw new AssertionError("No Docker engine answers at " + config.getDockerHost() + " (" + e
                    + "). The it profile runs its tests in containers and needs one: run ./test.sh, which starts"
                    + " one, or as root on Debian: apt-get install -y docker.io && (dockerd >/tmp/dockerd.log"
                    + " 2>&1 &), or point DOCKER_HOST at a running engine.", e);
        }
        String context = System.getProperty(CONTEXT_PROPERTY);
        if (context == null) {
            throw new AssertionError("-D" + CONTEXT_PROPERTY + " is not set: run the integration tests through"
                    + " the reactor with -Pit (./mvnw verify -Pit), which assembles the image context in docker/");
        }
        return new DockerEngine(client, TestImage.ensureBuilt(client, Path.of(context)));
    }

    /** The client, shared by all tests. */
    DockerClient client() {
        return client;
    }

    /** The tag of the test image. */
    String image() {
        return image;
    }
}
