#!/usr/bin/env bash
# Where a periodic wake-up's microseconds go, for cyclictest and `lllqos cyclic` alike, from the kernel's own
# per-thread accounting (/proc/PID/task/TID/schedstat: time on the CPU, time runnable but waiting for it, and the
# number of times it ran). Each tool runs for -D SECONDS with the same options; its SCHED_FIFO measuring thread is
# sampled after 2 s and 2 s before the end, so start-up and exit are left out. Per activation it prints:
#   lateness  the tool's own average (whole µs, from its -h histogram, over the whole run)
#   on-CPU    CPU time the thread used, kernel and user: the wake-up, the loop, the next sleep
#   waiting   time it was runnable but not running: the scheduler's part of the lateness
#   runs      times it was switched in (1.0 when nothing preempts it)
# The rest of the lateness (lateness - waiting) is the timer interrupt's delay (idle exit, interrupts off) and
# the path from the switch back to user space up to the clock read.
#
#   jmh/where-the-time-goes.sh                  # 3 rounds of 12 s each, -m -p 80 -i 1000
#   ROUNDS=5 SECONDS_PER_RUN=20 JAVA_OPTS='-Xint' jmh/where-the-time-goes.sh
# Needs root and cyclictest (rt-tests).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-12}
INTERVAL=${INTERVAL:-1000}
PRIORITY=${PRIORITY:-80}
JAVA_OPTS=${JAVA_OPTS:-}
JAR=${JAR:-lllqos-cli/target/lllqos.jar}
[ -f "$JAR" ] || ./mvnw -B -q package -pl lllqos-cli -am -DskipTests
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
OPTIONS=(-m -p "$PRIORITY" -i "$INTERVAL" --policy=fifo -D "$SECONDS_PER_RUN" -q -h 10000)

# The SCHED_FIFO thread of a process (field 41 of stat is the policy, 1 = SCHED_FIFO).
fifo_thread() {
    local task
    for task in /proc/"$1"/task/*; do
        local stat; stat=$(cat "$task/stat" 2>/dev/null) || continue
        # after "comm) " the fields count from 3, so the policy (41) is the 39th
        if [ "$(sed 's/.*) //' <<< "$stat" | awk '{print $39}')" = 1 ]; then basename "$task"; return; fi
    done
}

measure() {  # measure NAME COMMAND...: prints lateness, on-CPU, waiting and runs per activation
    local name=$1; shift
    "$@" > "$out/$name.txt" 2>&1 &
    local pid=$! tid=""
    for _ in $(seq 1 40); do sleep 0.05; tid=$(fifo_thread "$pid"); [ -n "$tid" ] && break; done
    sleep 2
    read -r run1 wait1 slices1 < "/proc/$pid/task/$tid/schedstat"
    local start; start=$(date +%s%N)
    sleep $(( SECONDS_PER_RUN - 4 ))
    read -r run2 wait2 slices2 < "/proc/$pid/task/$tid/schedstat"
    local end; end=$(date +%s%N)
    wait "$pid"
    awk -v run=$((run2 - run1)) -v waited=$((wait2 - wait1)) -v slices=$((slices2 - slices1)) \
        -v elapsed=$((end - start)) -v interval="$INTERVAL" -v name="$name" '
        /^[0-9]+ [0-9]+$/ { total += $2; sum += ($1 + 0) * $2 }
        END {
            n = elapsed / 1000.0 / interval
            printf "%-11s %10.2f %10.2f %10.2f %8.2f\n", name, sum / total, run / n / 1000, waited / n / 1000, slices / n
        }' "$out/$name.txt"
}

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg); options ${OPTIONS[*]}; JAVA_OPTS ${JAVA_OPTS:-none}"
printf "%-11s %10s %10s %10s %8s\n" tool "late (us)" "on-CPU" "waiting" "runs"
for round in $(seq 1 "$ROUNDS"); do
    if (( round % 2 )); then
        measure cyclictest cyclictest "${OPTIONS[@]}"; measure lllqos java $JAVA_OPTS -jar "$JAR" cyclic "${OPTIONS[@]}"
    else
        measure lllqos java $JAVA_OPTS -jar "$JAR" cyclic "${OPTIONS[@]}"; measure cyclictest cyclictest "${OPTIONS[@]}"
    fi
done
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
