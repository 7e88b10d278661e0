#!/usr/bin/env bash
# Periodic wake-up lateness of `lllqos cyclic` (Java, on Periodic and Realtime) beside the rt-tests references, run
# interleaved in one go (in rotated order: each round starts one run later), as ratios. Every run of a mode
# gets the same options; the histograms (cyclictest's -h format, whole microseconds) are read alike.
#
# Modes (--modes, comma-separated; default plain):
#   plain     cyclictest -m -p PRIO -i INTV --policy=fifo -l LOOPS -q -h 10000  vs  lllqos cyclic with the same
#             options. Target: avg and p99 at most 1.05x. A second cyclictest run in each round, compared with the
#             first as ours is, gives the noise floor: how far the reference lands from itself on this machine.
#   spin      the same cyclictest  vs  lllqos cyclic ... --spin SPIN (default auto). Target: p99 at most 0.10x,
#             with the CPU the spinning took (per activation and as a share of one CPU).
#   deadline  cyclicdeadline -i DL_INTV -t 1 -q -D S  vs  lllqos cyclic -m --policy deadline -i DL_INTV --runtime RT
#             with no CPU latency request (cyclicdeadline holds none), as long as the other modes' runs. cyclicdeadline
#             prints min/avg/max only, so p99 is ours alone; it also busy-loops a calibrated share of its runtime in
#             each job, which lllqos cyclic does not. Its runtimes below 2 ms need HRTICK (debugfs sched_features),
#             so DL_INTV defaults to 4000.
#             The script checks that cyclicdeadline ran with the same runtime and deadline (it prints them) and
#             compares only when both sides completed every round; a failed or mismatched run is named instead
#             (cyclicdeadline fixes its runtime at 60% of -i, so a --runtime other than that is not compared).
#   laptop    cyclictest and lllqos cyclic, each with its 0 us CPU latency request and with --laptop (none): the
#             request's effect both ways, beside each other.
#   side      the plain runs at the same time instead of one after the other: cyclictest on one CPU and lllqos
#             cyclic on another, each process confined there (taskset, and -a for its measuring thread), then the
#             CPUs swapped. A stall of the whole machine (a hypervisor taking the VM) then lands in both, so what
#             is left of the ratio is the tools and the CPUs, and swapping cancels the CPUs. The JVM is told it has
#             as many CPUs as the machine (-XX:ActiveProcessorCount), so it sizes itself as in plain mode. Two
#             cyclictests side by side give this mode's noise floor. Needs two CPUs in this process's mask.
#
# JAVAS lists the java binaries to run every lllqos side on, each a run of its own beside the same reference:
# JAVA or JAVA:ffm or JAVA:jna, the suffix selecting the native layer (-Dlllqos.native=ffm|jna; without it, what
# the JDK picks: java.lang.foreign on JDK 22+ with a jar built there, JNA before). The script checks with
# `lllqos providers` which layer each one uses and names its runs after it (lllqos@ffm-25.0.3).
#
#   jmh/compare-cyclictest.sh                                  # plain, 4 rounds of 10000 loops at 1000 us, prio 80
#   jmh/compare-cyclictest.sh --modes plain,spin,deadline,laptop --rounds 6
#   jmh/compare-cyclictest.sh --modes spin --spin 30 --loops 20000
#   jmh/compare-cyclictest.sh --modes plain,side --rounds 8
#   ROUNDS=8 LOOPS=20000 INTERVAL=500 PRIORITY=90 JAVA_OPTS='-XX:+UseSerialGC' jmh/compare-cyclictest.sh
#   JAVAS="/usr/lib/jvm/temurin-25-jdk-amd64/bin/java /usr/lib/jvm/java-17-openjdk-amd64/bin/java" \
#       jmh/compare-cyclictest.sh                              # FFM (JDK 25) and JNA (JDK 17) beside cyclictest
#   JAVAS="$J25:ffm $J25:jna" jmh/compare-cyclictest.sh --modes plain,spin   # both layers on one JDK
#
# Options (or the environment variables in brackets): --rounds N [ROUNDS], --loops N [LOOPS], --interval US
# [INTERVAL], --priority N [PRIORITY], --spin US|auto [SPIN], --deadline-interval US [DL_INTERVAL], --runtime US
# [RUNTIME, default 60% of the deadline interval, as cyclicdeadline takes], --java-opts '...' [JAVA_OPTS],
# --javas 'JAVA[:ffm|jna] ...' [JAVAS, default java].
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
JAVAS=${JAVAS:-java}
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
        --javas) JAVAS=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option '$1' (see --help)" >&2; exit 2 ;;
    esac
done
RUNTIME=${RUNTIME:-$(( DL_INTERVAL * 6 / 10 ))}
HISTOGRAM=10000
JAR=${JAR:-lllqos-cli/target/lllqos.jar}

for mode in ${MODES//,/ }; do
    case "$mode" in plain|spin|deadline|laptop|side) ;; *) echo "unknown mode '$mode': plain, spin, deadline, laptop, side" >&2; exit 2 ;; esac
done
# side mode's two CPUs: the first two this process may run on.
SIDE_CPUS=()
if [[ ",$MODES," == *,side,* ]]; then
    read -ra SIDE_CPUS < <(python3 -c 'import os; print(*sorted(os.sched_getaffinity(0))[:2])')
    (( ${#SIDE_CPUS[@]} == 2 )) || { echo "side mode needs two CPUs; this process may run on ${SIDE_CPUS[*]:-none}" >&2; exit 2; }
fi
command -v cyclictest >/dev/null || { echo "cyclictest is missing: apt-get install rt-tests" >&2; exit 2; }
[[ ",$MODES," != *,deadline,* ]] || command -v cyclicdeadline >/dev/null \
    || { echo "cyclicdeadline is missing: apt-get install rt-tests" >&2; exit 2; }
[ -f "$JAR" ] || ./mvnw -B -q package -pl lllqos-cli -am -DskipTests
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# The Java sides: one label per JAVAS entry, the native layer it uses and its JDK (ffm-25.0.3, jna-17.0.15).
declare -A JAVA_BIN=() JAVA_LAYER=()
LABELS=()
for entry in $JAVAS; do
    bin=$entry layer=
    if [[ $entry == *:* ]]; then bin=${entry%:*} layer=${entry##*:}; fi
    case "$layer" in ''|ffm|jna) ;; *) echo "JAVAS entry '$entry': the layer after ':' must be ffm or jna" >&2; exit 2 ;; esac
    layer_option=${layer:+-Dlllqos.native=$layer}
    used=$("$bin" $layer_option -jar "$JAR" providers 2>&1 | sed -n 's/^  libc through \([^ ]*\).*/\1/p' | head -1) \
        || { echo "JAVAS entry '$entry' cannot run $JAR" >&2; exit 2; }
    case "$used" in java.lang.foreign) used=ffm ;; JNA) used=jna ;;
        *) echo "JAVAS entry '$entry': lllqos providers names no native layer:" >&2
           "$bin" $layer_option -jar "$JAR" providers >&2 || true; exit 2 ;;
    esac
    if [ -n "$layer" ] && [ "$layer" != "$used" ]; then
        echo "JAVAS entry '$entry' asked for $layer but runs $used (build on JDK 22+ for ffm)" >&2; exit 2
    fi
    label="$used-$("$bin" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')"
    [ -z "${JAVA_BIN[$label]:-}" ] || { echo "JAVAS lists $label twice" >&2; exit 2; }
    JAVA_BIN[$label]=$bin
    JAVA_LAYER[$label]=$layer_option
    LABELS+=("$label")
done
(( ${#LABELS[@]} )) || { echo "JAVAS is empty" >&2; exit 2; }

# lllqos cyclic without a CPU latency request: --laptop where the command has it, else a request at the kernel's
# "no constraint" default, which leaves the effective value as it was.
if "${JAVA_BIN[${LABELS[0]}]}" -jar "$JAR" cyclic --help 2>/dev/null | grep -q -- '--laptop'; then LLLQOS_LAPTOP=(--laptop)
else LLLQOS_LAPTOP=(--latency 2000000000); fi

BASE=(-m -p "$PRIORITY" -i "$INTERVAL" --policy=fifo -l "$LOOPS" -q -h "$HISTOGRAM")
# The deadline runs last as long as the others: LOOPS x INTERVAL, in whole seconds (cyclicdeadline takes -D only).
DL_SECONDS=$(( (LOOPS * INTERVAL + 999999) / 1000000 ))
DL_LOOPS=$(( DL_SECONDS * 1000000 / DL_INTERVAL ))

# run NAME FILE [CPU]: one run of a runner, its output in FILE and its exit code in FILE.rc; with CPU, the whole
# process is confined to that CPU and its measuring thread pinned there. A Java runner's NAME is KIND@LABEL: it
# runs on that JAVAS entry (cyclictest-beside@LABEL is the cyclictest that runs at the same time as it).
run() {
    local name=$1 file=$2 cpu=${3:-} status=0
    local kind=${name%@*} label=${name#*@}
    local pin=() java=()
    if [ -n "$cpu" ]; then pin=(taskset -c "$cpu"); fi
    if [[ $name == *@* && $kind != cyclictest-* ]]; then
        java=("${pin[@]}" "${JAVA_BIN[$label]}" ${JAVA_LAYER[$label]} $JAVA_OPTS)
        [ -z "$cpu" ] || java+=(-XX:ActiveProcessorCount="$(nproc)")
        java+=(-jar "$JAR" cyclic)
    fi
    local base=("${BASE[@]}"); [ -z "$cpu" ] || base+=(-a "$cpu")
    case "$kind" in
        cyclictest|cyclictest-again|cyclictest-beside) "${pin[@]}" cyclictest "${base[@]}" ;;
        cyclictest-laptop) cyclictest "${BASE[@]}" --laptop ;;
        lllqos) "${java[@]}" "${base[@]}" ;;
        lllqos-spin) "${java[@]}" "${BASE[@]}" --spin "$SPIN" ;;
        lllqos-laptop) "${java[@]}" "${BASE[@]}" "${LLLQOS_LAPTOP[@]}" ;;
        cyclicdeadline) cyclicdeadline -i "$DL_INTERVAL" -t 1 -q -D "$DL_SECONDS" ;;
        lllqos-deadline) "${java[@]}" -m --policy deadline -i "$DL_INTERVAL" --runtime "$RUNTIME" -l "$DL_LOOPS" -q \
            -h "$HISTOGRAM" "${LLLQOS_LAPTOP[@]}" ;;
    esac > "$file" 2>&1 || status=$?
    echo "$status" > "$file.rc"
}

first_lines() { grep -v '^\s*$' "$1" | head -2 | tr '\n' ' ' | sed 's/ *$//'; [ -s "$1" ] || echo 'no output'; }

# failure FILE: why a run does not count (empty if it does): its exit code, no samples, or, for cyclicdeadline,
# another runtime or deadline than ours (it prints "runtime=2400us deadline=4000us").
failure() {
    local file=$1 rc; rc=$(cat "$file.rc")
    if [ "$rc" != 0 ]; then echo "exit $rc: $(first_lines "$file")"; return; fi
    read -r n _ < <(stats "$file")
    if [ "$n" = 0 ]; then echo "no samples: $(first_lines "$file")"; return; fi
    case "$file" in
        */deadline-cyclicdeadline-*)
            local params; params=$(grep -o -m 1 'runtime=[0-9]*us deadline=[0-9]*us' "$file" || true)
            [ "$params" = "runtime=${RUNTIME}us deadline=${DL_INTERVAL}us" ] \
                || echo "ran with ${params:-unknown parameters}, not runtime=${RUNTIME}us deadline=${DL_INTERVAL}us" ;;
    esac
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

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(uname -r), $(nproc) CPUs, cpuidle $(cat /sys/devices/system/cpu/cpuidle/current_driver 2>/dev/null || echo none)"
for label in "${LABELS[@]}"; do
    echo "# lllqos@$label: ${JAVA_BIN[$label]} ${JAVA_LAYER[$label]:+${JAVA_LAYER[$label]} }($("${JAVA_BIN[$label]}" -version 2>&1 | head -1))"
done
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg); CPU latency limit before: $(effective_latency) us, held by $(holders) open file(s) of other processes"
echo "# modes $MODES, $ROUNDS rounds; cyclictest options: ${BASE[*]}; spin: $SPIN; deadline: -i $DL_INTERVAL, runtime $RUNTIME us, $DL_LOOPS activations; JAVA_OPTS: ${JAVA_OPTS:-none}; lllqos without a request: ${LLLQOS_LAPTOP[*]}"

# each KIND: that Java runner on every JAVAS entry.
each() { local kind label names=(); for kind; do for label in "${LABELS[@]}"; do names+=("$kind@$label"); done; done; echo "${names[*]}"; }
declare -A RUNNERS=(
    [plain]="cyclictest cyclictest-again $(each lllqos)"
    [spin]="cyclictest $(each lllqos-spin)"
    [deadline]="cyclicdeadline $(each lllqos-deadline)"
    [laptop]="cyclictest cyclictest-laptop $(each lllqos lllqos-laptop)"
)
# side mode runs pairs, REFERENCE:OTHER, at the same time: the noise floor, then cyclictest beside each Java side.
SIDE_PAIRS=(cyclictest:cyclictest-again)
for label in "${LABELS[@]}"; do SIDE_PAIRS+=("cyclictest-beside@$label:lllqos@$label"); done
# run_side PAIR ROUND: the pair twice, on the two CPUs and then swapped; files ROUNDa (the reference on the first
# CPU) and ROUNDb.
run_side() {
    local reference=${1%%:*} other=${1#*:} round=$2 swap cpus
    for swap in a b; do
        cpus=("${SIDE_CPUS[@]}"); [ "$swap" = a ] || cpus=("${SIDE_CPUS[1]}" "${SIDE_CPUS[0]}")
        run "$reference" "$out/side-$reference-$round$swap.txt" "${cpus[0]}" &
        run "$other" "$out/side-$other-$round$swap.txt" "${cpus[1]}"
        wait
    done
}
# report MODE ROUND NAME: the line of one run (file MODE-NAME-ROUND.txt), or why it does not count.
report() {
    local file="$out/$1-$3-$2.txt" why n avg p99 max
    why=$(failure "$file")
    if [ -n "$why" ]; then printf "%-9s %-6s %-34s FAILED, %s\n" "$1" "$2" "$3" "$why"; return; fi
    read -r n avg p99 max < <(stats "$file")
    printf "%-9s %-6s %-34s %9s %9s %8s %8s\n" "$1" "$2" "$3" "$n" "$avg" "$p99" "$max"
}
printf "%-9s %-6s %-34s %9s %9s %8s %8s\n" mode round run samples "avg (us)" "p99" "max"
for round in $(seq 1 "$ROUNDS"); do
    for mode in ${MODES//,/ }; do
        if [ "$mode" = side ]; then
            for ((k = 0; k < ${#SIDE_PAIRS[@]}; k++)); do run_side "${SIDE_PAIRS[$(( (round - 1 + k) % ${#SIDE_PAIRS[@]} ))]}" "$round"; done
            for pair in "${SIDE_PAIRS[@]}"; do for swap in a b; do for name in "${pair%%:*}" "${pair#*:}"; do
                report side "$round$swap" "$name"
            done; done; done
            continue
        fi
        read -ra runners <<< "${RUNNERS[$mode]}"
        # Rotated: round r starts at the r-th run and wraps, so over as many rounds as there are runs each run
        # takes each place once. ABBA order kept a middle run in the middle, and the run in second place had
        # fat tails whichever it was (FFM or JNA by the order of JAVAS).
        for ((k = 0; k < ${#runners[@]}; k++)); do
            name=${runners[$(( (round - 1 + k) % ${#runners[@]} ))]}
            run "$name" "$out/$mode-$name-$round.txt"
        done
        for name in "${runners[@]}"; do report "$mode" "$round" "$name"; done
    done
done
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

# The table over all rounds. A runner that failed a round is not compared: its row names the failure instead.
summary() { stats "$out/$1-$2"-[0-9]*.txt; }
failed() {
    local mode=$1 name file why; shift
    for name; do for file in "$out/$mode-$name"-[0-9]*.txt; do
        why=$(failure "$file")
        [ -z "$why" ] || { local round=${file##*-}; echo "$name in round ${round%.txt}: $why"; return; }
    done; done
}
# row MODE TITLE TARGET REF LLLQOS: one line of the table, REF and LLLQOS being runner names.
row() {
    local mode=$1 title=$2 target=$3 ref=$4 ours=$5 why
    why=$(failed "$mode" "$ref" "$ours")
    if [ -n "$why" ]; then
        echo "| $title | - | - | - | - | not compared: $why |"
        echo "# $mode: NOT COMPARED, $why" >&2
        return
    fi
    read -r _ ca cp cm < <(summary "$mode" "$ref"); read -r _ la lp lm < <(summary "$mode" "$ours")
    echo "| $title | $ca / $cp / $cm | $la / $lp / $lm | $(ratio "$la" "$ca") | $(ratio "$lp" "$cp") | $target |"
}
echo
echo "| mode | reference avg / p99 / max (us) | lllqos avg / p99 / max (us) | ratio avg | ratio p99 | target |"
echo "|---|---|---|---|---|---|"
for mode in ${MODES//,/ }; do
    for label in "${LABELS[@]}"; do
        on="on $label"
        case "$mode" in
            plain)
                [ "$label" != "${LABELS[0]}" ] \
                    || row plain "plain: cyclictest vs cyclictest again (the noise floor)" "what the target is up against" cyclictest cyclictest-again
                row plain "plain: cyclictest vs lllqos cyclic $on" "<= 1.05x both" cyclictest "lllqos@$label" ;;
            spin)
                row spin "spin: cyclictest vs lllqos cyclic --spin $SPIN $on (spinning $(spin_cost "$out"/spin-lllqos-spin@"$label"-[0-9]*.txt | awk '{print $1 " us per activation, " $2 "% of a CPU"}'))" \
                    "p99 <= 0.10x" cyclictest "lllqos-spin@$label" ;;
            deadline)
                row deadline "deadline: cyclicdeadline vs lllqos cyclic --policy deadline $on (-i $DL_INTERVAL, runtime $RUNTIME us, ${DL_SECONDS} s each)" \
                    "beside (cyclicdeadline has no p99)" cyclicdeadline "lllqos-deadline@$label" ;;
            side)
                [ "$label" != "${LABELS[0]}" ] \
                    || row side "side by side: cyclictest vs cyclictest (the noise floor), CPUs ${SIDE_CPUS[*]} swapped" "what the target is up against" cyclictest cyclictest-again
                row side "side by side: cyclictest vs lllqos cyclic $on, CPUs ${SIDE_CPUS[*]} swapped" "<= 1.05x both" "cyclictest-beside@$label" "lllqos@$label" ;;
            laptop)
                row laptop "laptop: cyclictest with its request vs lllqos cyclic with its request $on" beside cyclictest "lllqos@$label"
                row laptop "laptop: cyclictest --laptop vs lllqos cyclic without a request $on" beside cyclictest-laptop "lllqos-laptop@$label"
                [ "$label" != "${LABELS[0]}" ] \
                    || row laptop "laptop: the request's effect, cyclictest (--laptop / with)" "> 1x on haltpoll" cyclictest cyclictest-laptop
                row laptop "laptop: the request's effect, lllqos cyclic $on (without / with)" "> 1x on haltpoll" "lllqos@$label" "lllqos-laptop@$label" ;;
        esac
    done
done
