#!/usr/bin/env bash
# What the CPU latency request buys: cyclictest and `lllqos cyclic` (through its bin/lllqos launcher), each with
# its default 0 us request on /dev/cpu_dma_latency and with --laptop (no request), the four runs interleaved in a
# rotating order each round so that a change in the machine's load falls on all of them alike. Same options for
# all: memory locked, SCHED_FIFO, one thread, the -h histogram (whole microseconds), read alike. Prints average
# and p99 per round and over all rounds, and the ratio with/without request. Needs root (SCHED_FIFO, mlockall),
# cyclictest (Debian: apt-get install rt-tests) and a cpuidle driver for the request to matter at all.
#
#   jmh/compare-laptop.sh                     # 4 rounds of 10000 loops at 1000 us, priority 80
#   ROUNDS=6 LOOPS=5000 jmh/compare-laptop.sh
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-4}
LOOPS=${LOOPS:-10000}
INTERVAL=${INTERVAL:-1000}
PRIORITY=${PRIORITY:-80}
HISTOGRAM=10000
ARCHIVE=lllqos-cli/target/lllqos-bin.tar.gz

command -v cyclictest >/dev/null || { echo "cyclictest is missing: apt-get install rt-tests" >&2; exit 2; }
[ -f "$ARCHIVE" ] || ./mvnw -B -q package -pl lllqos-cli -am -DskipTests
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
tar -xzf "$ARCHIVE" -C "$out"
LLLQOS=$out/lllqos/bin/lllqos

OPTIONS=(-m -p "$PRIORITY" -i "$INTERVAL" --policy=fifo -l "$LOOPS" -q -h "$HISTOGRAM")
RUNS=(cyclictest cyclictest-laptop lllqos lllqos-laptop)
run() {
    case $1 in
        cyclictest) cyclictest "${OPTIONS[@]}" ;;
        cyclictest-laptop) cyclictest "${OPTIONS[@]}" --laptop ;;
        lllqos) "$LLLQOS" cyclic "${OPTIONS[@]}" ;;
        lllqos-laptop) "$LLLQOS" cyclic "${OPTIONS[@]}" --laptop ;;
    esac > "$out/$1-$2.txt"
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

echo "${OPTIONS[*]}, with the 0 us request and with --laptop, $ROUNDS rounds, cpuidle driver" \
    "$(cat /sys/devices/system/cpu/cpuidle/current_driver 2>/dev/null || echo unknown), load $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-6s %-18s %10s %8s\n" round run "avg (us)" "p99 (us)"
for round in $(seq 1 "$ROUNDS"); do
    for i in 0 1 2 3; do
        run "${RUNS[$(( (i + round - 1) % 4 ))]}" "$round"
    done
    for name in "${RUNS[@]}"; do
        read -r avg p99 < <(stats "$out/$name-$round.txt")
        printf "%-6s %-18s %10s %8s\n" "$round" "$name" "$avg" "$p99"
    done
done
for name in "${RUNS[@]}"; do
    read -r avg p99 < <(stats "$out/$name"-*.txt)
    printf "%-6s %-18s %10s %8s\n" all "$name" "$avg" "$p99"
    eval "avg_${name//-/_}=$avg p99_${name//-/_}=$p99"
done
awk -v c="$avg_cyclictest" -v cl="$avg_cyclictest_laptop" -v l="$avg_lllqos" -v ll="$avg_lllqos_laptop" 'BEGIN {
    printf "average with the request / with --laptop: cyclictest %.2fx, lllqos cyclic %.2fx\n", c / cl, l / ll
    printf "lllqos cyclic / cyclictest: with the request %.2fx, with --laptop %.2fx\n", l / c, ll / cl }'
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
