package io.github.lllqos.cli.cyclic;

import java.util.Locale;
import java.util.function.LongFunction;

/**
 * Whether the heap holds what a run needs, checked before the run: the threads' records are allocated when it
 * starts, after the CPU latency request is placed, and a heap too small for them would end it there with an
 * {@link OutOfMemoryError}. The records take about 200 KB per thread, plus 16 bytes per µs of {@code -h} range: the
 * launcher's 64 MB heap holds about 220 threads, or 2 at {@code -h 1000000}.
 */
public final class RunHeap {

    /**
     * The heap the command takes besides the records, at most: its own objects, the output, and a {@code --plot}
     * image drawn after the run. Twice what was seen: {@code -t 4 --plot x.png --json x.json} ran in a 10 MB heap
     * and ran out of it in 8 MB.
     */
    public static final long COMMAND_BYTES = 16L << 20;

    private static final long MB = 1L << 20;
    /** Heap sizes suggested are multiples of this. */
    private static final long SUGGESTED_STEP_BYTES = 64 * MB;

    private RunHeap() {
    }

    /**
     * The heap a run needs: its threads' records ({@link ThreadStats#heapBytes}) and {@link #COMMAND_BYTES}.
     *
     * @param settings the run
     * @return bytes
     */
    public static long neededBytes(CyclicSettings settings) {
        return settings.threads() * ThreadStats.heapBytes(settings.histogramMicros()) + COMMAND_BYTES;
    }

    /**
     * Refuses a run the heap cannot hold.
     *
     * @param settings the run
     * @param maxHeapBytes the most heap this JVM will use ({@link Runtime#maxMemory()})
     * @param largerHeap how to run with a larger heap, given the {@code -Xmx} to suggest in MB, such as 128
     * @throws IllegalArgumentException naming {@code -t} and {@code -h}, the heap needed, the heap there is and the
     *     fix
     */
    public static void check(CyclicSettings settings, long maxHeapBytes, LongFunction<String> largerHeap) {
        long needed = neededBytes(settings);
        if (needed <= maxHeapBytes) {
            return;
        }
        // The JVM's maximum is a little below -Xmx (less a survivor space): suggest a quarter more than needed.
        long suggested = ceilDiv(needed + needed / 4, SUGGESTED_STEP_BYTES) * SUGGESTED_STEP_BYTES;
        String perThread = ThreadStats.heapBytes(0) / 1024 + " KB per thread for the percentiles"
                + (settings.histogramMicros() > 0 ? " and " + megabytes(LatencyBuckets.heapBytes(
                        settings.histogramMicros())) + " for the -h " + settings.histogramMicros() + " buckets" : "");
        throw new IllegalArgumentException("-t " + settings.threads() + " threads with -h "
                + settings.histogramMicros() + " need about " + megabytes(needed) + " of heap (" + perThread + ", "
                + megabytes(COMMAND_BYTES) + " for the rest), but this JVM's heap is at most "
                + megabytes(maxHeapBytes) + ": " + largerHeap.apply(suggested / MB));
    }

    private static long ceilDiv(long dividend, long divisor) {
        return (dividend + divisor - 1) / divisor;
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", (double) bytes / MB);
    }
}
