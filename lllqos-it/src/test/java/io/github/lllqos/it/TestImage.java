package io.github.lllqos.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds the test image from the context that {@code docker/} assembles, through the engine's build API (no
 * registry, {@code FROM scratch}). The image is tagged with a hash of the context, so an unchanged context is
 * never built twice.
 */
final class TestImage {

    /** The label that records the context hash on the image. */
    static final String HASH_LABEL = "io.github.lllqos.context-sha256";

    private static final String REPOSITORY = "lllqos-it";
    private static final long BUILD_TIMEOUT_MINUTES = 5;

    private TestImage() {
    }

    /**
     * The tag of an image built from {@code context}, built now unless one with the same content hash exists.
     *
     * @throws AssertionError if the context is missing or the build fails
     */
    static String ensureBuilt(DockerClient client, Path context) {
        return ensureBuilt(client, context, null);
    }

    /**
     * The tag of an image built from one stage of the context's Dockerfile ({@code docker build --target}), or of
     * its last stage when {@code target} is null; built now unless one with the same content hash exists.
     *
     * @throws AssertionError if the context is missing or the build fails
     */
    static String ensureBuilt(DockerClient client, Path context, String target) {
        if (!Files.isRegularFile(context.resolve("Dockerfile"))) {
            throw new AssertionError("no image context at " + context + ": build with -Pit through the reactor"
                    + " (./mvnw verify -Pit), whose docker/ module assembles it");
        }
        String hash = contentHash(context);
        String tag = REPOSITORY + (target == null ? "" : "-" + target) + ":" + hash.substring(0, 16);
        try {
            client.inspectImageCmd(tag).exec();
            return tag;
        } catch (NotFoundException absent) {
            // built below
        }
        try {
            var build = client.buildImageCmd(context.toFile());
            if (target != null) {
                build.withTarget(target);
            }
            build.withTags(Set.of(tag))
                    .withLabels(Map.of(HASH_LABEL, hash))
                    .withPull(false)
                    .exec(new BuildImageResultCallback())
                    .awaitImageId(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        } catch (RuntimeException e) {
            throw new AssertionError("building the test image " + tag + " from " + context + " failed: " + e, e);
        }
        removeOtherBuilds(client, tag, REPOSITORY + (target == null ? "" : "-" + target) + ":");
        return tag;
    }

    /** Removes images of earlier contexts, so rebuilding does not pile them up; one still in use stays. */
    private static void removeOtherBuilds(DockerClient client, String keep, String repository) {
        for (Image image : client.listImagesCmd().withLabelFilter(HASH_LABEL).exec()) {
            if (image.getRepoTags() == null || List.of(image.getRepoTags()).contains(keep)
                    || List.of(image.getRepoTags()).stream().noneMatch(tag -> tag.startsWith(repository))) {
                continue;
            }
            try {
                client.removeImageCmd(image.getId()).withForce(false).exec();
            } catch (RuntimeException inUse) {
                // another run still uses it; it goes next time
            }
        }
    }

    /** SHA-256 over every file's relative path, executable bit and content, in path order. */
    static String contentHash(Path context) {
        try (Stream<Path> walk = Files.walk(context)) {
            List<Path> files = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (Path file : files) {
                digest.update(context.relativize(file).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update((byte) (Files.isExecutable(file) ? 1 : 0));
                try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                    while (in.read(buffer) >= 0) {
                        // the digest reads along
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new AssertionError("cannot hash the image context " + context + ": " + e, e);
        }
    }
}
