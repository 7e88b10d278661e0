#!/usr/bin/env bash
# Periodic wake-up lateness of `lllqos cyclic` (Java, on Periodic and Realtime) beside cyclictest, both given
# the same options (memory locked, SCHED_FIFO, the same interval and priority, cyclictest's default 0 us CPU
# latency request, one thread), run alternately (each round in the reverse order of the one before) in one go.
# JAVAS lists the java binaries to run lllqos on, each a column of its own: a JDK 22+ one runs the
# java.lang.foreign layer, a JDK 17 one JNA (the script prints which). Prints average and p99 lateness per round
# and over all rounds, and the ratios to cyclictest. Both print cyclictest's -h histogram (whole microseconds),
# read here alike. Needs root (SCHED_FIFO, mlockall) and cyclictest (Debian: apt-get install rt-tests).
#
#   jmh/compare-cyclictest.sh                 # 4 rounds of 10000 loops at 1000 us, priority 80, `java`
#   ROUNDS=6 LOOPS=20000 INTERVAL=500 PRIORITY=90 jmh/compare-cyclictest.sh
#   JAVAS="/usr/lib/jvm/temurin-25-jdk-amd64/bin/java /usr/lib/jvm/java-17-openjdk-amd64/bin/java" \
#       jmh/compare-cyclictest.sh             # FFM and JNA side by side
#   JAVA_OPTS='-XX:+UseSerialGC' jmh/compare-cyclictest.sh   # JVM options for the Java side
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-4}
LOOPS=${LOOPS:-10000}
INTERVAL=${INTERVAL:-1000}
PRIORITY=${PRIORITY:-80}
HISTOGRAM=10000
JAR=lllqos-cli/target/lllqos.jar

command -v cyclictest >/dev/null || { echo "cyclictest is missing: apt-get install rt-tests" >&2; exit 2; }
[ -f "$JAR" ] || ./mvnw -B -q package -pl lllqos-cli -am -DskipTests
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

OPTIONS=(-m -p "$PRIORITY" -i "$INTERVAL" --policy=fifo -l "$LOOPS" -q -h "$HISTOGRAM")
read -r -a JAVA_BINARIES <<< "${JAVAS:-java}"
TOOLS=(cyclictest)
declare -A JAVA_OF=()
for index in "${!JAVA_BINARIES[@]}"; do
    layer=$("${JAVA_BINARIES[$index]}" -jar "$JAR" providers | sed -n 's/^  libc through \([^ ]*\).*/\1/p')
    version=$("${JAVA_BINARIES[$index]}" -version 2>&1 | awk -F'"' '/version/ {print $2}')
    case $layer in java.lang.foreign) layer=ffm ;; JNA) layer=jna ;; *) layer=none ;; esac
    tool="lllqos-$layer-jdk$version"
    TOOLS+=("$tool")
    JAVA_OF[$tool]=${JAVA_BINARIES[$index]}
done
run() {
    if [ "$1" = cyclictest ]; then
        cyclictest "${OPTIONS[@]}" > "$out/cyclictest-$2.txt"
    else
        "${JAVA_OF[$1]}" ${JAVA_OPTS:-} -jar "$JAR" cyclic "${OPTIONS[@]}" > "$out/$1-$2.txt"
    fi
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

echo "cyclictest ${OPTIONS[*]}  vs  java ${JAVA_OPTS:+$JAVA_OPTS }-jar $JAR cyclic ${OPTIONS[*]}, $ROUNDS rounds"
printf "%-6s %-24s %10s %8s\n" round tool "avg (us)" "p99 (us)"
for round in $(seq 1 "$ROUNDS"); do
    order=("${TOOLS[@]}")
    if (( round % 2 == 0 )); then
        order=(); for ((k = ${#TOOLS[@]} - 1; k >= 0; k--)); do order+=("${TOOLS[$k]}"); done
    fi
    for tool in "${order[@]}"; do run "$tool" "$round"; done
    for tool in "${TOOLS[@]}"; do
        read -r avg p99 < <(stats "$out/$tool-$round.txt")
        printf "%-6s %-24s %10s %8s\n" "$round" "$tool" "$avg" "$p99"
    done
done
read -r c_avg c_p99 < <(stats "$out"/cyclictest-*.txt)
printf "%-6s %-24s %10s %8s\n" all cyclictest "$c_avg" "$c_p99"
for tool in "${TOOLS[@]:1}"; do
    read -r l_avg l_p99 < <(stats "$out/$tool"-*.txt)
    printf "%-6s %-24s %10s %8s\n" all "$tool" "$l_avg" "$l_p99"
    awk -v t="$tool" -v la="$l_avg" -v ca="$c_avg" -v lp="$l_p99" -v cp="$c_p99" 'BEGIN {
        printf "ratio %s/cyclictest: avg %.2fx, p99 %.2fx (target: at most 1.05x)\n", t, la / ca, lp / (cp > 0 ? cp : 1) }'
done
