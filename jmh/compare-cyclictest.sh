#!/usr/bin/env bash
# Periodic wake-up lateness of lllqos' Periodic beside cyclictest with the same settings (memory locked,
# SCHED_FIFO, the same interval and priority, a 0 us CPU latency request, one thread), run alternately
# (ABBA order) in one go. Prints average and p99 lateness per round and over all rounds, and the ratios.
# Both tools report whole-microsecond histograms, read here alike. Needs root (SCHED_FIFO, mlockall) and
# cyclictest (Debian: apt-get install rt-tests).
#
#   jmh/compare-cyclictest.sh                 # 4 rounds of 10000 loops at 1000 us, priority 80
#   ROUNDS=6 LOOPS=20000 INTERVAL=500 PRIORITY=90 jmh/compare-cyclictest.sh
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-4}
LOOPS=${LOOPS:-10000}
INTERVAL=${INTERVAL:-1000}
PRIORITY=${PRIORITY:-80}
HISTOGRAM=10000
JAR=jmh/target/benchmarks.jar

command -v cyclictest >/dev/null || { echo "cyclictest is missing: apt-get install rt-tests" >&2; exit 2; }
[ -f "$JAR" ] || ./mvnw -B -q package -pl jmh -am -DskipTests
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

run_cyclictest() {
    cyclictest -m -p "$PRIORITY" -i "$INTERVAL" --policy=fifo -l "$LOOPS" -q -h "$HISTOGRAM" > "$out/cyclictest-$1.txt"
}
run_lllqos() {
    java -cp "$JAR" io.github.lllqos.jmh.PeriodicLateness --loops "$LOOPS" --interval-us "$INTERVAL" \
        --priority "$PRIORITY" --histogram-us "$HISTOGRAM" > "$out/lllqos-$1.txt"
}

# Average and p99 (whole microseconds, as both histograms count) of histogram files in cyclictest's -h format.
stats() {
    awk -v histogram="$HISTOGRAM" '
        /^[0-9]+ [0-9]+$/ { count[$1 + 0] += $2; total += $2; sum += ($1 + 0) * $2; next }
        /^# Histogram Overflows:/ { count[histogram] += $4; total += $4; sum += histogram * $4 }
        END {
            if (total == 0) { print "nan nan"; exit }
            needed = 0.99 * total; seen = 0
            for (us = 0; us <= histogram; us++) { seen += count[us]; if (seen >= needed) { p99 = us; break } }
            printf "%.2f %d\n", sum / total, p99
        }' "$@"
}

echo "cyclictest -m -p $PRIORITY -i $INTERVAL --policy=fifo -l $LOOPS -h $HISTOGRAM  vs  PeriodicLateness, $ROUNDS rounds"
printf "%-6s %-11s %10s %8s\n" round tool "avg (us)" "p99 (us)"
for round in $(seq 1 "$ROUNDS"); do
    if (( round % 4 == 1 || round % 4 == 0 )); then run_cyclictest "$round"; run_lllqos "$round"
    else run_lllqos "$round"; run_cyclictest "$round"; fi
    for tool in cyclictest lllqos; do
        read -r avg p99 < <(stats "$out/$tool-$round.txt")
        printf "%-6s %-11s %10s %8s\n" "$round" "$tool" "$avg" "$p99"
    done
done
read -r c_avg c_p99 < <(stats "$out"/cyclictest-*.txt)
read -r l_avg l_p99 < <(stats "$out"/lllqos-*.txt)
printf "%-6s %-11s %10s %8s\n" all cyclictest "$c_avg" "$c_p99" all lllqos "$l_avg" "$l_p99"
awk -v la="$l_avg" -v ca="$c_avg" -v lp="$l_p99" -v cp="$c_p99" 'BEGIN {
    printf "ratio lllqos/cyclictest: avg %.2fx, p99 %.2fx (target: at most 1.10x)\n", la / ca, lp / (cp > 0 ? cp : 1) }'
