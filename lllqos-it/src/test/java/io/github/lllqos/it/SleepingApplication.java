package io.github.lllqos.it;

/** The application of {@link PrometheusIT}'s child JVM: it sleeps for the milliseconds it is given, and ends. */
final class SleepingApplication {

    private SleepingApplication() {
    }

    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(Long.parseLong(args[0]));
    }
}
