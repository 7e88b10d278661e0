#!/usr/bin/env bash
# What a lease costs next to the bare system calls, on each native layer: runs the C reference (the device
# identity check with statx on the path, open, the same check on the descriptor, write, close: the calls a lease
# makes) and the JMH lease benchmark on java.lang.foreign (JDK 22+), on JNA on the same JDK, and on JNA on JDK 17
# (the layer JDK 17 to 21 users get), alternately in one go on the real device, and prints each one's ratio to C.
# Needs jmh/target/benchmarks.jar built on JDK 22+ (it then carries the FFM layer and runs on JDK 17 too), gcc,
# and a readable and writable /dev/cpu_dma_latency.
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw -B -q package -pl jmh -am -DskipTests
#   jmh/lease-cost.sh [rounds]
#   JDK_FFM=/path/to/jdk22+ JDK_17=/path/to/jdk17 jmh/lease-cost.sh 5
#   C_ROUNDS=20000 JMH_OPTS='-wi 1 -i 1 -w 1 -r 1' jmh/lease-cost.sh 1     # a smoke test of a few seconds
#   STANDING=1 jmh/lease-cost.sh 5     # beside a standing 0 us request of another process: the calls alone
# Alone, each lease moves the system-wide limit from its default to 0 and back, and the kernel then wakes every
# idle CPU (wake_up_all_idle_cpus): 1.5 to 2.5 us here, and more or less depending on what the other CPU does,
# which varies from one JVM to the next. With STANDING=1, bare_lease holds a 0 us request for the whole run, the
# limit never moves, and what is timed is the five calls and the layer around them.
set -euo pipefail
cd "$(dirname "$0")"
rounds=${1:-3}
JDK_FFM=${JDK_FFM:-/usr/lib/jvm/temurin-25-jdk-amd64}
JDK_17=${JDK_17:-/usr/lib/jvm/java-17-openjdk-amd64}
C_ROUNDS=${C_ROUNDS:-400000}
JMH_OPTS=${JMH_OPTS:--wi 3 -i 5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gcc -O2 -pthread -o "$work/bare_lease" src/main/c/bare_lease.c
if [ "${STANDING:-0}" = 1 ]; then
    "$work/bare_lease" hold &
    holder=$!
    trap 'kill "$holder" 2>/dev/null; rm -rf "$work"' EXIT
    echo "beside a standing 0 us request (pid $holder): the system-wide limit stays at 0"
fi

# lease JDK NATIVE_LAYER: µs per acquire + release; fails unless the forks used that layer.
lease() {
    local args="-Dlllqos.native=$2"
    [ "$("$1/bin/java" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print v[1]}')" -ge 22 ] \
        && args="--enable-native-access=ALL-UNNAMED $args"
    "$1/bin/java" -jar target/benchmarks.jar 'LeaseBenchmark.leaseAcquireRelease' -p provider=linux -f 1 $JMH_OPTS \
        -jvmArgsAppend "$args" -rf csv -rff "$work/lease.csv" > "$work/lease.log"
    local expected; expected=$([ "$2" = ffm ] && echo "java.lang.foreign" || echo "JNA")
    grep -q "libc through $expected" "$work/lease.log" \
        || { echo "the $2 run did not use $expected:" >&2; cat "$work/lease.log" >&2; exit 1; }
    awk -F, 'NR == 2 {print $5}' "$work/lease.csv"
}

declare -A total=([c]=0 [cmt]=0 [ffm]=0 [jna]=0 [jna17]=0)
declare -A ratios=([ffm]="" [jna]="" [jna17]="")
threaded_ratios=""
for ((i = 1; i <= rounds; i++)); do
    # Each round in another order, so a slow stretch of a loaded machine does not always hit the same one.
    order=(c ffm jna jna17 cmt)
    (( i % 2 == 0 )) && order=(cmt jna17 jna ffm c)
    declare -A t=()
    for what in "${order[@]}"; do
        case $what in
            c) t[c]=$("$work/bare_lease" "$C_ROUNDS" | awk '{print $1}') ;;
            cmt) t[cmt]=$("$work/bare_lease" "$C_ROUNDS" threaded | awk '{print $1}') ;;
            ffm) t[ffm]=$(lease "$JDK_FFM" ffm) ;;
            jna) t[jna]=$(lease "$JDK_FFM" jna) ;;
            jna17) t[jna17]=$(lease "$JDK_17" jna) ;;
        esac
    done
    awk -v i="$i" -v c="${t[c]}" -v f="${t[ffm]}" -v j="${t[jna]}" -v k="${t[jna17]}" 'BEGIN {
        printf "round %d: C statx+open+statx+write+close %.3f us; lease: FFM %.3f us (%.2fx), JNA same JDK %.3f us (%.2fx),",
            i, c, f, f / c, j, j / c
        printf " JNA JDK 17 %.3f us (%.2fx)\n", k, k / c }'
    awk -v m="${t[cmt]}" -v f="${t[ffm]}" 'BEGIN {
        printf "         C with a second thread %.3f us; lease on FFM to it %.2fx\n", m, f / m }'
    threaded_ratios+="$(awk -v a="${t[ffm]}" -v m="${t[cmt]}" 'BEGIN { print a / m }') "
    for what in c cmt ffm jna jna17; do
        total[$what]=$(awk -v a="${total[$what]}" -v b="${t[$what]}" 'BEGIN { print a + b }')
    done
    for what in ffm jna jna17; do
        ratios[$what]+="$(awk -v a="${t[$what]}" -v c="${t[c]}" 'BEGIN { print a / c }') "
    done
done
# The median of the per-round ratios: each round's C run is beside its Java runs, so a loaded stretch of the
# machine moves both; the means above mix rounds of different load.
median() { tr ' ' '\n' <<< "$1" | sed '/^$/d' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
printf "median of the per-round ratios to C: FFM %.2fx (target <= 1.10), JNA same JDK %.2fx, JNA JDK 17 %.2fx\n" \
    "$(median "${ratios[ffm]}")" "$(median "${ratios[jna]}")" "$(median "${ratios[jna17]}")"
printf "median of the per-round ratios of FFM to C with a second thread (the threads of any JVM): %.2fx\n" \
    "$(median "$threaded_ratios")"
awk -v c="${total[c]}" -v f="${total[ffm]}" -v j="${total[jna]}" -v k="${total[jna17]}" -v n="$rounds" 'BEGIN {
    printf "mean of %d rounds: C %.3f us; lease on FFM %.3f us, ratio %.2f (target <= 1.10);", n, c / n, f / n, f / c
    printf " on JNA (same JDK) %.3f us, ratio %.2f; on JNA (JDK 17) %.3f us, ratio %.2f\n", j / n, j / c, k / n, k / c }'
