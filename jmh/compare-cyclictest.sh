#!/usr/bin/env bash
# Periodic wake-up lateness of `lllqos cyclic` (Java, on Periodic and Realtime) beside the rt-tests references, run
# interleaved in one go (ABBA order: forward in odd rounds, backward in even ones), as ratios. Every run of a mode
# gets the same options; the histograms (cyclictest's -h format, whole microseconds) are read alike.
#
# Modes (--modes, comma-separated; default plain):
#   plain     cyclictest -m -p PRIO -i INTV --policy=fifo -l LOOPS -q -h 10000  vs  lllqos cyclic with the same
#             options. Target: avg and p99 at most 1.05x.
#   spin      the same cyclictest  vs  lllqos cyclic ... --spin SPIN (default auto). Target: p99 at most 0.10x,
#             with the CPU the spinning took (per activation and as a share of one CPU).
#   deadline  cyclicdeadline -i DL_INTV -t 1 -q -D S  vs  lllqos cyclic -m --policy deadline -i DL_INTV --runtime RT
#             with no CPU latency request (cyclicdeadline holds none), as long as the other modes' runs. cyclicdeadline
#             prints min/avg/max only, so p99 is ours alone; it also busy-loops a calibrated share of its runtime in
#             each job, which lllqos cyclic does not. Its runtimes below 2 ms need HRTICK (debugfs sched_features),
#             so DL_INTV defaults to 4000.
#   laptop    cyclictest and lllqos cyclic, each with its 0 us CPU latency request and with --laptop (none): the
#             request's effect both ways, beside each other.
#
#   jmh/compare-cyclictest.sh                                  # plain, 4 rounds of 10000 loops at 1000 us, prio 80
#   jmh/compare-cyclictest.sh --modes plain,spin,deadline,laptop --rounds 6
#   jmh/compare-cyclictest.sh --modes spin --spin 30 --loops 20000
#   ROUNDS=8 LOOPS=20000 INTERVAL=500 PRIORITY=90 JAVA_OPTS='-XX:+UseSerialGC' jmh/compare-cyclictest.sh
#
# Options (or the environment variables in brackets): --rounds N [ROUNDS], --loops N [LOOPS], --interval US
# [INTERVAL], --priority N [PRIORITY], --spin US|auto [SPIN], --deadline-interval US [DL_INTERVAL], --runtime US
# [RUNTIME, default 60% of the deadline interval, as cyclicdeadline takes], --java-opts '...' [JAVA_OPTS].
# Needs root (SCHED_FIFO, SCHED_DEADLINE, mlockall) and rt-tests (Debian: apt-get install rt-tests).
# Other processes' CPU latency requests and load change every figure: the header says what was there.
set -euo pipefail
cd "$(dirname "$0")/.."

MODES=plain
ROUNDS=${ROUNDS:-4}
LOOPS=${LOOPS:-10000}
INTERVAL=${INTERVAL:-1000}
PRIORITY=${PRIORITY:-80}
SPIN=${SPIN:-auto}
DL_INTERVAL=${DL_INTERVAL:-4000}
RUNTIME=${RUNTIME:-}
JAVA_OPTS=${JAVA_OPTS:-}
while (( $# )); do
    case "$1" in
        --modes) MODES=$2; shift 2 ;;
        --rounds) ROUNDS=$2; shift 2 ;;
        --loops) LOOPS=$2; shift 2 ;;
        --interval) INTERVAL=$2; shift 2 ;;
        --priority) PRIORITY=$2; shift 2 ;;
        --spin) SPIN=$2; shift 2 ;;
        --deadline-interval) DL_INTERVAL=$2; shift 2 ;;
        --runtime) RUNTIME=$2; shift 2 ;;
        --java-opts) JAVA_OPTS=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option '$1' (see --help)" >&2; exit 2 ;;
    esac
done
RUNTIME=${RUNTIME:-$(( DL_INTERVAL * 6 / 10 ))}
HISTOGRAM=10000
JAR=${JAR:-lllqos-cli/target/lllqos.jar}

for mode in ${MODES//,/ }; do
    case "$mode" in plain|spin|deadline|laptop) ;; *) echo "unknown mode '$mode': plain, spin, deadline, laptop" >&2; exit 2 ;; esac
done
command -v cyclictest >/dev/null || { echo "cyclictest is missing: apt-get install rt-tests" >&2; exit 2; }
[[ ",$MODES," != *,deadline,* ]] || command -v cyclicdeadline >/dev/null \
    || { echo "cyclicdeadline is missing: apt-get install rt-tests" >&2; exit 2; }
[ -f "$JAR" ] || ./mvnw -B -q package -pl lllqos-cli -am -DskipTests
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# lllqos cyclic without a CPU latency request: --laptop where the command has it, else a request at the kernel's
# "no constraint" default, which leaves the effective value as it was.
if java -jar "$JAR" cyclic --help 2>/dev/null | grep -q -- '--laptop'; then LLLQOS_LAPTOP=(--laptop)
else LLLQOS_LAPTOP=(--latency 2000000000); fi

BASE=(-m -p "$PRIORITY" -i "$INTERVAL" --policy=fifo -l "$LOOPS" -q -h "$HISTOGRAM")
# The deadline runs last as long as the others: LOOPS x INTERVAL, in whole seconds (cyclicdeadline takes -D only).
DL_SECONDS=$(( (LOOPS * INTERVAL + 999999) / 1000000 ))
DL_LOOPS=$(( DL_SECONDS * 1000000 / DL_INTERVAL ))

# run NAME FILE: one run of a runner, its output in FILE.
run() {
    local name=$1 file=$2
    case "$name" in
        cyclictest) cyclictest "${BASE[@]}" ;;
        cyclictest-laptop) cyclictest "${BASE[@]}" --laptop ;;
        lllqos) java $JAVA_OPTS -jar "$JAR" cyclic "${BASE[@]}" ;;
        lllqos-spin) java $JAVA_OPTS -jar "$JAR" cyclic "${BASE[@]}" --spin "$SPIN" ;;
        lllqos-laptop) java $JAVA_OPTS -jar "$JAR" cyclic "${BASE[@]}" "${LLLQOS_LAPTOP[@]}" ;;
        cyclicdeadline) cyclicdeadline -i "$DL_INTERVAL" -t 1 -q -D "$DL_SECONDS" ;;
        lllqos-deadline) java $JAVA_OPTS -jar "$JAR" cyclic -m --policy deadline -i "$DL_INTERVAL" --runtime "$RUNTIME" \
            -l "$DL_LOOPS" -q -h "$HISTOGRAM" "${LLLQOS_LAPTOP[@]}" ;;
    esac > "$file" 2>&1
}

# stats FILE...: samples, average, p99 and max (whole µs) of -h histograms, or of cyclicdeadline's T: lines
# (count-weighted average, no p99).
stats() {
    awk -v histogram="$HISTOGRAM" '
        /^[0-9]+ [0-9]+$/ { count[$1 + 0] += $2; total += $2; sum += ($1 + 0) * $2; if ($2 > 0 && $1 + 0 > max) max = $1 + 0; next }
        /^# Histogram Overflows:/ { count[histogram] += $4; total += $4; sum += histogram * $4; if ($4 > 0) max = histogram }
        /^T: *[0-9]+ .*C: *[0-9]+ .*Avg: *[0-9]+ .*Max: *[0-9]+/ && !/P:/ {
            for (i = 1; i <= NF; i++) { if ($i == "C:") c = $(i + 1); if ($i == "Avg:") a = $(i + 1); if ($i == "Max:") m = $(i + 1) }
            dl_total += c; dl_sum += c * a; if (m + 0 > dl_max) dl_max = m + 0
        }
        END {
            if (total == 0 && dl_total > 0) { printf "%d %.2f - %d\n", dl_total, dl_sum / dl_total, dl_max; exit }
            if (total == 0) { print "0 nan - nan"; exit }
            needed = 0.99 * total; seen = 0
            for (us = 0; us <= histogram; us++) { seen += count[us]; if (seen >= needed) { p99 = us; break } }
            printf "%d %.2f %d %d\n", total, sum / total, p99, max
        }' "$@"
}

# spin FILE...: spin µs per activation and share of a CPU, averaged over the runs.
spin_cost() {
    awk '/^# T: *[0-9]+ spin:/ { for (i = 1; i <= NF; i++) { if ($i == "per") per += $(i - 2); if ($i == "of" && $(i + 2) == "CPU") share += $(i - 1) }; n++ }
        END { if (n) printf "%.1f %.2f\n", per / n, share / n; else print "- -" }' "$@"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b + 0 == 0) print "-"; else printf "%.2fx\n", a / b }'; }

effective_latency() {
    python3 -c 'import os, struct; fd = os.open("/dev/cpu_dma_latency", os.O_RDONLY); print(struct.unpack("i", os.pread(fd, 4, 0))[0])' \
        2>/dev/null || echo "unknown"
}
holders() {
    local count=0 fd
    for fd in /proc/[0-9]*/fd/*; do [ "$(readlink "$fd" 2>/dev/null)" = /dev/cpu_dma_latency ] && count=$((count + 1)); done
    echo "$count"
}

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(uname -r), $(nproc) CPUs, cpuidle $(cat /sys/devices/system/cpu/cpuidle/current_driver 2>/dev/null || echo none), $(java -version 2>&1 | head -1)"
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg); CPU latency limit before: $(effective_latency) us, held by $(holders) open file(s) of other processes"
echo "# modes $MODES, $ROUNDS rounds; cyclictest options: ${BASE[*]}; spin: $SPIN; deadline: -i $DL_INTERVAL, runtime $RUNTIME us, $DL_LOOPS activations; JAVA_OPTS: ${JAVA_OPTS:-none}; lllqos without a request: ${LLLQOS_LAPTOP[*]}"

declare -A RUNNERS=(
    [plain]="cyclictest lllqos"
    [spin]="cyclictest lllqos-spin"
    [deadline]="cyclicdeadline lllqos-deadline"
    [laptop]="cyclictest cyclictest-laptop lllqos lllqos-laptop"
)
printf "%-9s %-6s %-18s %9s %9s %8s %8s\n" mode round run samples "avg (us)" "p99" "max"
for round in $(seq 1 "$ROUNDS"); do
    for mode in ${MODES//,/ }; do
        read -ra runners <<< "${RUNNERS[$mode]}"
        if (( round % 2 == 0 )); then
            for ((i = ${#runners[@]} - 1; i >= 0; i--)); do run "${runners[$i]}" "$out/$mode-${runners[$i]}-$round.txt"; done
        else
            for name in "${runners[@]}"; do run "$name" "$out/$mode-$name-$round.txt"; done
        fi
        for name in "${runners[@]}"; do
            read -r n avg p99 max < <(stats "$out/$mode-$name-$round.txt")
            printf "%-9s %-6s %-18s %9s %9s %8s %8s\n" "$mode" "$round" "$name" "$n" "$avg" "$p99" "$max"
        done
    done
done
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

# The table over all rounds.
summary() { stats "$out/$1-$2"-[0-9]*.txt; }
echo
echo "| mode | reference avg / p99 / max (us) | lllqos avg / p99 / max (us) | ratio avg | ratio p99 | target |"
echo "|---|---|---|---|---|---|"
for mode in ${MODES//,/ }; do
    case "$mode" in
        plain)
            read -r _ ca cp cm < <(summary plain cyclictest); read -r _ la lp lm < <(summary plain lllqos)
            echo "| plain: cyclictest vs lllqos cyclic | $ca / $cp / $cm | $la / $lp / $lm | $(ratio "$la" "$ca") | $(ratio "$lp" "$cp") | <= 1.05x both |" ;;
        spin)
            read -r _ ca cp cm < <(summary spin cyclictest); read -r _ la lp lm < <(summary spin lllqos-spin)
            read -r per share < <(spin_cost "$out"/spin-lllqos-spin-[0-9]*.txt)
            echo "| spin: cyclictest vs lllqos cyclic --spin $SPIN (spinning $per us per activation, $share% of a CPU) | $ca / $cp / $cm | $la / $lp / $lm | $(ratio "$la" "$ca") | $(ratio "$lp" "$cp") | p99 <= 0.10x |" ;;
        deadline)
            read -r _ ca cp cm < <(summary deadline cyclicdeadline); read -r _ la lp lm < <(summary deadline lllqos-deadline)
            echo "| deadline: cyclicdeadline vs lllqos cyclic --policy deadline (-i $DL_INTERVAL, runtime $RUNTIME) | $ca / $cp / $cm | $la / $lp / $lm | $(ratio "$la" "$ca") | - | beside |" ;;
        laptop)
            read -r _ ca cp cm < <(summary laptop cyclictest); read -r _ cla clp clm < <(summary laptop cyclictest-laptop)
            read -r _ la lp lm < <(summary laptop lllqos); read -r _ lla llp llm < <(summary laptop lllqos-laptop)
            echo "| laptop: cyclictest with its request vs lllqos cyclic with its request | $ca / $cp / $cm | $la / $lp / $lm | $(ratio "$la" "$ca") | $(ratio "$lp" "$cp") | beside |"
            echo "| laptop: cyclictest --laptop vs lllqos cyclic without a request | $cla / $clp / $clm | $lla / $llp / $llm | $(ratio "$lla" "$cla") | $(ratio "$llp" "$clp") | beside |"
            echo "| laptop: the request's effect, cyclictest (--laptop / with) | $ca / $cp / $cm | $cla / $clp / $clm | $(ratio "$cla" "$ca") | $(ratio "$clp" "$cp") | > 1x on haltpoll |"
            echo "| laptop: the request's effect, lllqos cyclic (without / with) | $la / $lp / $lm | $lla / $llp / $llm | $(ratio "$lla" "$la") | $(ratio "$llp" "$lp") | > 1x on haltpoll |" ;;
    esac
done
