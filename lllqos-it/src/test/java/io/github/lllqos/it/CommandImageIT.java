package io.github.lllqos.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lllqos command in its FROM-scratch image (the "lllqos" stage of docker/'s Dockerfile), run as users are told
 * to in docs/cli.md: {@code docker run --device /dev/cpu_dma_latency --cap-add SYS_NICE IMAGE ARGS}.
 */
@ExtendWith(HostBaseline.class)
class CommandImageIT {

    @TempDir
    Path out;

    @Test
    void status_runs_on_the_linux_provider_and_prints_us_where_the_image_has_no_locale() throws Exception {
        Run status = run(List.of("status"));

        assertThat(status.exit).as(status.output).isZero();
        assertThat(status.output).contains("provider: linux", "effective limit: ", " us").doesNotContain("?", "µ");
        assertThat(status.output).as("read with prctl, which a container allows").containsPattern(
                "timer slack: \\d+ ns");
    }

    @Test
    void cyclic_measures_and_draws_its_svg_plot_in_the_image() throws Exception {
        Run cyclic = run(List.of("cyclic", "-l", "200", "-q", "--plot", "/out/plot.svg", "--json", "/out/run.json"));

        assertThat(cyclic.exit).as(cyclic.output).isZero();
        assertThat(cyclic.output).contains("# /dev/cpu_dma_latency set to 0us", "C:    200", "# T: 0 p50:");
        assertThat(Files.readString(out.resolve("plot.svg"))).startsWith("<svg");
        assertThat(Files.readString(out.resolve("run.json"))).contains("\"return_code\": 0");
    }

    @Test
    void a_png_plot_is_drawn_where_the_image_has_fonts_and_refused_before_the_run_where_it_has_none()
            throws Exception {
        boolean fonts = Files.isDirectory(DockerEngine.shared().imageContext().resolve("rootfs/etc/fonts"));

        Run cyclic = run(List.of("cyclic", "-l", "200", "-q", "--plot", "/out/plot.png"));

        if (fonts) {
            assertThat(cyclic.exit).as(cyclic.output).isZero();
            assertThat(Files.readAllBytes(out.resolve("plot.png"))).startsWith(0x89, 'P', 'N', 'G');
        } else {
            assertThat(cyclic.exit).as(cyclic.output).isEqualTo(2);
            assertThat(cyclic.output).contains("fonts", ".svg").doesNotContain("C:    200");
        }
    }

    private record Run(long exit, String output) {
    }

    private Run run(List<String> args) throws Exception {
        DockerEngine engine = DockerEngine.shared();
        DockerClient client = engine.client();
        String device = HostCpuLatency.DEVICE.toString();
        HostConfig host = HostConfig.newHostConfig()
                .withDevices(new Device("rwm", device, device))
                .withCapAdd(Capability.SYS_NICE)
                .withBinds(new Bind(out.toString(), new Volume("/out")));
        String id = client.createContainerCmd(engine.commandImage())
                .withName("lllqos-it-command-" + UUID.randomUUID())
                .withCmd(args)
                .withLabels(Map.of(Containers.LABEL, "true"))
                .withHostConfig(host)
                .exec().getId();
        try {
            client.startContainerCmd(id).exec();
            long exit = client.waitContainerCmd(id).exec(new WaitContainerResultCallback())
                    .awaitStatusCode(2, TimeUnit.MINUTES);
            StringBuilder output = new StringBuilder();
            client.logContainerCmd(id).withStdOut(true).withStdErr(true).exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    output.append(new String(frame.getPayload(), StandardCharsets.ISO_8859_1));
                }
            }).awaitCompletion(30, TimeUnit.SECONDS);
            return new Run(exit, output.toString());
        } finally {
            client.removeContainerCmd(id).withForce(true).exec();
        }
    }
}
