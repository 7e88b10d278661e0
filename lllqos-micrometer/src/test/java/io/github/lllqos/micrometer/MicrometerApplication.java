package io.github.lllqos.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.stream.Collectors;

/**
 * An application with its own Micrometer, run in a child JVM beside the agent: it counts in its own registry and
 * the global one for a number of milliseconds, then prints the meters each registry holds and where its Micrometer
 * came from.
 */
final class MicrometerApplication {

    private MicrometerApplication() {
    }

    public static void main(String[] args) throws InterruptedException {
        long end = System.nanoTime() + Long.parseLong(args[0]) * 1_000_000L;
        MeterRegistry own = new SimpleMeterRegistry();
        Metrics.addRegistry(new SimpleMeterRegistry());
        Counter requests = own.counter("app.requests");
        Counter global = Metrics.counter("app.global");
        while (System.nanoTime() < end) {
            requests.increment();
            global.increment();
            Thread.sleep(10);
        }
        System.out.println("own-meters " + names(own));
        System.out.println("global-meters " + names(Metrics.globalRegistry));
        System.out.println("requests " + (requests.count() > 0));
        System.out.println("micrometer-from " + MeterRegistry.class.getProtectionDomain().getCodeSource()
                .getLocation().getPath());
    }

    private static String names(MeterRegistry registry) {
        return registry.getMeters().stream().map(Meter::getId).map(Meter.Id::getName).distinct().sorted()
                .collect(Collectors.joining(","));
    }
}
