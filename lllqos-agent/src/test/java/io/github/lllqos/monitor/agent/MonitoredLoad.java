package io.github.lllqos.monitor.agent;

import io.github.lllqos.realtime.Realtime;
import io.github.lllqos.realtime.SchedPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The application of the agent tests, run in a child JVM: for a number of milliseconds it allocates 64 B to 4 KB
 * arrays and keeps one in 50 of them (up to 200,000), the load of the project's JVM-pause measurements, or sleeps.
 * At the end it prints the lllqos threads it has and whether it holds /dev/cpu_dma_latency open.
 */
final class MonitoredLoad {

    private MonitoredLoad() {
    }

    public static void main(String[] args) throws Exception {
        long end = System.nanoTime() + Long.parseLong(args[0]) * 1_000_000L;
        boolean allocate = args.length > 1 && args[1].equals("allocate");
        if (args.length > 2 && args[2].equals("vm-thread-fifo")) {
            vmThreadFifo();
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
