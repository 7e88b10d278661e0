package io.github.lllqos.monitor.agent;

import io.github.lllqos.monitor.WakeupMonitor;
import io.github.lllqos.realtime.Realtime;
import io.github.lllqos.realtime.SchedPolicy;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The application of the agent tests, run in a child JVM: for a number of milliseconds it allocates 64 B to 4 KB
 * arrays and keeps one in 50 of them (up to 200,000), the load of the project's JVM-pause measurements, or sleeps.
 * At the end it prints the lllqos threads it has and whether it holds /dev/cpu_dma_latency open. With
 * {@code monitor-allocation} it instead counts what the agent's monitor thread allocates, second by second.
 */
final class MonitoredLoad {

    /** Windows in a row without an allocated byte after which {@code monitor-allocation} stops. */
    static final int ZERO_WINDOWS = 5;

    private MonitoredLoad() {
    }

    public static void main(String[] args) throws Exception {
        long end = System.nanoTime() + Long.parseLong(args[0]) * 1_000_000L;
        boolean allocate = args.length > 1 && args[1].equals("allocate");
        if (args.length > 2 && args[2].equals("vm-thread-fifo")) {
            vmThreadFifo();
        }
        if (args.length > 2 && args[2].equals("monitor-allocation")) {
            monitorAllocation(end);
            return;
        }
        Object[] kept = new Object[200_000];
        Random random = new Random(1);
        long bytes = 0;
        int next = 0;
        while (System.nanoTime() < end) {
            if (allocate) {
                byte[] array = new byte[64 + random.nextInt(4032)];
                bytes += array.length;
                if (random.nextInt(50) == 0) {
                    kept[next++ % kept.length] = array;
                }
            } else {
                Thread.sleep(10);
            }
        }
        System.out.println("allocated " + bytes);
        System.out.println("threads " + Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("lllqos")).sorted().collect(Collectors.joining(",")));
        System.out.println("holds-cpu-dma-latency " + holdsCpuDmaLatency());
    }

    /**
     * Gives the VM thread SCHED_FIFO 79, below the monitor's 80: it stamps the end of each safepoint for
     * {@code -Xlog:safepoint} only after it has let Java threads go, and on a loaded machine, waiting for a CPU
     * there, it makes the log overstate pauses by tens of milliseconds. The lllqos API comes from the agent jar.
     */
    private static void vmThreadFifo() throws Exception {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                if (Files.readString(task.resolve("comm")).strip().equals("VM Thread")) {
                    System.out.println("vm thread " + Realtime.elevatePriority(
                            Long.parseLong(task.getFileName().toString()), SchedPolicy.FIFO, 79));
                }
            }
        }
    }

    /**
     * Prints, for each second until {@code end}, the bytes the agent's monitor thread allocated and the wake-ups it
     * measured meanwhile ({@code window BYTES WAKEUPS}); it stops early after {@value #ZERO_WINDOWS} windows in a row
     * that allocated nothing. The JVM's counter of the thread's allocation counts every object, TLAB or not.
     */
    private static void monitorAllocation(long end) throws Exception {
        WakeupMonitor monitor = MonitorAgent.session().monitor().orElseThrow();
        Thread thread = Thread.getAllStackTraces().keySet().stream()
                .filter(candidate -> candidate.getName().equals("lllqos-wakeup-monitor")).findFirst().orElseThrow();
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long bytes = threads.getThreadAllocatedBytes(thread.getId());
        long samples = monitor.report().samples();
        int zeros = 0;
        while (System.nanoTime() < end && zeros < ZERO_WINDOWS) {
            Thread.sleep(1000);
            long nowBytes = threads.getThreadAllocatedBytes(thread.getId());
            long nowSamples = monitor.report().samples();
            System.out.println("window " + (nowBytes - bytes) + " " + (nowSamples - samples));
            zeros = nowBytes == bytes && nowSamples > samples ? zeros + 1 : 0;
            bytes = nowBytes;
            samples = nowSamples;
        }
    }

    static boolean holdsCpuDmaLatency() throws Exception {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().equals("/dev/cpu_dma_latency");
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }
}
