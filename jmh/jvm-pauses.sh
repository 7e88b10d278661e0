#!/usr/bin/env bash
# The wake-up monitor in a JVM that is idle, then allocating, under G1, Parallel, ZGC and Shenandoah: p99, p99.9
# and max lateness (µs) of a SCHED_FIFO 80 thread waking every 1 ms with a 0 µs CPU latency request, what the
# monitor attributed the late wake-ups (above 100 µs) to, the longest JVM pause JFR reported, and the monitor's own
# cost. One JVM per row (io.github.lllqos.jmh.JvmPauseRun). Needs root for SCHED_FIFO and the request.
#
#   jmh/jvm-pauses.sh                      # 8 s per row, -Xms2g -Xmx2g
#   SECONDS_PER_RUN=20 HEAP='-Xmx2g' jmh/jvm-pauses.sh
#   LOCK=lock jmh/jvm-pauses.sh            # call Realtime.lockMemory() first (the mlockall trap with -Xms < -Xmx)
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_RUN=${SECONDS_PER_RUN:-8}
HEAP=${HEAP:--Xms2g -Xmx2g}
LOCK=${LOCK:-}
JAR=jmh/target/benchmarks.jar
[ -f "$JAR" ] || ./mvnw -B -q package -pl jmh -am -DskipTests

echo "| GC | load | wake-ups | p99 µs | p99.9 µs | max µs | late wake-ups by cause | longest JVM pause µs | operation with most pause time | monitor thread |"
echo "|---|---|---:|---:|---:|---:|---|---:|---|---|"
costs=$(mktemp)
trap 'rm -f "$costs"' EXIT
for gc in G1 Parallel Z Shenandoah; do
    for load in idle allocate; do
        # shellcheck disable=SC2086
        java -XX:+Use${gc}GC $HEAP -cp "$JAR" io.github.lllqos.jmh.JvmPauseRun "$SECONDS_PER_RUN" "$load" $LOCK \
            2>/dev/null | tee -a "$costs" | grep '^|'
    done
done
java -cp "$JAR" io.github.lllqos.jmh.JvmPauseRun "$SECONDS_PER_RUN" bare 2>/dev/null >> "$costs"
echo
grep -E '^(cost|advice):' "$costs" | sed 's/^/    /'
