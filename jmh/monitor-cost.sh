#!/usr/bin/env bash
# What the wake-up monitor costs next to a bare Periodic thread waking as often, and next to the floor of any
# thread waking that often: a C thread that does nothing but the same clock_nanosleep (src/main/c/bare_periodic.c).
# Alternately, each alone (the Java ones in JVMs of their own that do nothing else): the C thread, the bare thread
# and the monitor (its thread, its attribution and JFR stream threads, JFR's own threads), each measured for
# SECONDS_PER_RUN after WARM_UP_SECONDS (JFR's start and the JIT's compiling) (io.github.lllqos.jmh.MonitorCostRun).
# Prints each run, then the medians: the monitor's CPU in % of one CPU (target: at most 1 % at a 1 ms interval),
# the bare thread's, the C floor's, the monitor's cost over that floor, the process CPU of each JVM, and the monitor
# thread's bytes per wake-up (target: 0). As root all three run at SCHED_FIFO 80, as the monitor does by default;
# otherwise at SCHED_OTHER. Needs gcc. Run it on a quiet machine: on a loaded one each wake-up costs several times
# more.
#
#   jmh/monitor-cost.sh                    # 5 rounds, 20 s each after 15 s of warm-up, 1 ms: about 9 minutes
#   ROUNDS=3 SECONDS_PER_RUN=5 WARM_UP_SECONDS=5 INTERVAL_US=5000 jmh/monitor-cost.sh
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-5}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-20}
INTERVAL_US=${INTERVAL_US:-1000}
# The JIT compiles the monitor's per-wake-up work with C2 after about 5,000 wake-ups (Tier4InvocationThreshold):
# the warm-up lasts at least 6,000 of them, 15 s at 1 ms, 30 s at 5 ms.
WARM_UP_SECONDS=${WARM_UP_SECONDS:-$(( INTERVAL_US * 6 / 1000 > 15 ? INTERVAL_US * 6 / 1000 : 15 ))}
JAR=jmh/target/benchmarks.jar
[ -f "$JAR" ] || ./mvnw -B -q package -pl jmh -am -DskipTests

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
runs=$work/runs
gcc -O2 -o "$work/bare_periodic" jmh/src/main/c/bare_periodic.c
for round in $(seq "$ROUNDS"); do
    "$work/bare_periodic" "$SECONDS_PER_RUN" "$INTERVAL_US" "$WARM_UP_SECONDS" | tee -a "$runs"
    for what in bare monitor; do
        java -cp "$JAR" io.github.lllqos.jmh.MonitorCostRun "$what" "$SECONDS_PER_RUN" "$INTERVAL_US" \
            "$WARM_UP_SECONDS" 2>/dev/null \
            | tee -a "$runs"
    done
done
echo
awk -v interval="$INTERVAL_US" '
    function median(a, n,   i, j, t) {
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    function field(after,   rest) { rest = substr($0, index($0, after) + length(after)); return rest + 0 }
    /^c / { c++; floor[c] = field("thread ") }
    /^bare / { b++; bare[b] = field("thread "); bareProcess[b] = field("process ") }
    /^monitor / { m++; mon[m] = field("together "); monThread[m] = field("thread "); monProcess[m] = field("process ")
                  bytes[m] = field("allocated "); wakeups[m] = field(" B over ") }
    END {
        if (b == 0 || m == 0) { print "no complete round"; exit 1 }
        mb = median(bare, b); mm = median(mon, m); mc = c > 0 ? median(floor, c) : 0
        for (i = 1; i <= m; i++) perWakeup[i] = bytes[i] / (wakeups[i] > 0 ? wakeups[i] : 1)
        fmt = "median of %d rounds at %d us: monitor %.2f %% of one CPU (its thread %.2f %%), bare Periodic %.2f %%,"
        fmt = fmt " C floor %.2f %%; monitor over the C floor %.2f %% of one CPU, bare Periodic over it %.2f %%;"
        fmt = fmt " process CPU %.2f %% against %.2f %%; monitor thread %.3f B per wake-up\n"
        printf fmt, m, interval, mm / 1e4, median(monThread, m) / 1e4, mb / 1e4, mc / 1e4, (mm - mc) / 1e4,
            (mb - mc) / 1e4, median(monProcess, m) / 1e4, median(bareProcess, b) / 1e4, median(perWakeup, m)
    }' "$runs"
