#!/usr/bin/env bash
# Why the late wake-ups of one run were late, from the kernel's own events. Runs cyclictest or `lllqos cyclic`
# (-m -p PRIO -i INTV --policy=fifo -l LOOPS -q, one measuring thread) while tracefs records the timer and
# scheduler events of the whole machine on the mono trace clock, then splits every activation of the measuring
# thread in two:
#   timer    from the timer's expiry to the thread's wake-up: the timer interrupt's delay (a CPU with interrupts
#            off, an idle CPU slow to leave its idle state, or a hypervisor that was not running the vCPU)
#   return   from the wake-up to the thread's return from clock_nanosleep: the switch to it and the way back to
#            user space (another task in the kernel on that CPU, which a kernel without preemption lets finish)
# It prints both parts' p50, p99 and mean, and for each activation later than THRESHOLD: which part dominated,
# what was running on the thread's CPU meanwhile and what the other CPUs were running at the expiry. Stalls of
# the whole machine show as late timers on idle CPUs; a periodic one shows as the late activations sharing a
# phase of the mono clock, which the last line checks against 100 ms and 1 s.
#
#   jmh/trace-late-wakeups.sh                                   # lllqos cyclic, 10000 loops at 1000 us
#   jmh/trace-late-wakeups.sh --tool cyclictest --threshold 50
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java jmh/trace-late-wakeups.sh --list
#
# Options (or the environment variables in brackets): --tool lllqos|cyclictest [TOOL], --loops N [LOOPS],
# --interval US [INTERVAL], --priority N [PRIORITY], --threshold US [THRESHOLD, default 100], --list (print
# every late activation), JAVA and JAR for the lllqos side. Needs root, python3 and cyclictest (rt-tests) for
# that tool. Mounts tracefs if it is not mounted and puts back every tracefs setting it changes.
set -euo pipefail
cd "$(dirname "$0")/.."
TOOL=${TOOL:-lllqos}
LOOPS=${LOOPS:-10000}
INTERVAL=${INTERVAL:-1000}
PRIORITY=${PRIORITY:-80}
THRESHOLD=${THRESHOLD:-100}
JAVA=${JAVA:-java}
JAR=${JAR:-lllqos-cli/target/lllqos.jar}
LIST=0
while (( $# )); do
    case "$1" in
        --tool) TOOL=$2; shift 2 ;;
        --loops) LOOPS=$2; shift 2 ;;
        --interval) INTERVAL=$2; shift 2 ;;
        --priority) PRIORITY=$2; shift 2 ;;
        --threshold) THRESHOLD=$2; shift 2 ;;
        --list) LIST=1; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option '$1' (see --help)" >&2; exit 2 ;;
    esac
done
OPTIONS=(-m -p "$PRIORITY" -i "$INTERVAL" --policy=fifo -l "$LOOPS" -q)
case "$TOOL" in
    cyclictest) command -v cyclictest >/dev/null || { echo "cyclictest is missing: apt-get install rt-tests" >&2; exit 2; }
        COMMAND=(cyclictest "${OPTIONS[@]}"); THREAD=cyclictest ;;
    lllqos) [ -f "$JAR" ] || ./mvnw -B -q package -pl lllqos-cli -am -DskipTests
        COMMAND=("$JAVA" -jar "$JAR" cyclic "${OPTIONS[@]}"); THREAD=cyclic-0 ;;
    *) echo "--tool must be lllqos or cyclictest, not '$TOOL'" >&2; exit 2 ;;
esac
[ "$(id -u)" = 0 ] || { echo "tracing needs root" >&2; exit 2; }

T=/sys/kernel/tracing
MOUNTED=0
if [ ! -e "$T/trace" ]; then mount -t tracefs nodev "$T"; MOUNTED=1; fi
EVENTS=(sched/sched_switch sched/sched_wakeup timer/hrtimer_start raw_syscalls/sys_exit)
# What is put back at exit: the clock, the buffer size, tracing_on, each event's enable and the filter used.
SAVED_CLOCK=$(sed 's/.*\[\(.*\)\].*/\1/' "$T/trace_clock")
SAVED_BUFFER=$(awk '{ print ($2 == "(expanded:") ? $3 + 0 : $1 }' "$T/buffer_size_kb")
SAVED_ON=$(cat "$T/tracing_on")
SAVED_FILTER=$(cat "$T/events/raw_syscalls/sys_exit/filter")
declare -A SAVED_ENABLE=()
for event in "${EVENTS[@]}"; do SAVED_ENABLE[$event]=$(cat "$T/events/$event/enable"); done
out=$(mktemp -d)
restore() {
    echo 0 > "$T/tracing_on"
    for event in "${EVENTS[@]}"; do echo "${SAVED_ENABLE[$event]}" > "$T/events/$event/enable"; done
    if [ "$SAVED_FILTER" = none ]; then echo 0 > "$T/events/raw_syscalls/sys_exit/filter"
    else echo "$SAVED_FILTER" > "$T/events/raw_syscalls/sys_exit/filter"; fi
    echo > "$T/trace"
    echo "$SAVED_CLOCK" > "$T/trace_clock"
    echo "$SAVED_BUFFER" > "$T/buffer_size_kb"
    echo "$SAVED_ON" > "$T/tracing_on"
    (( MOUNTED == 0 )) || umount "$T"
    rm -rf "$out"
}
trap restore EXIT

echo 0 > "$T/tracing_on"
echo > "$T/trace"
echo mono > "$T/trace_clock"
echo 65536 > "$T/buffer_size_kb"
# clock_nanosleep's return (syscall 230 on x86-64) of the measuring thread only.
echo "comm == \"$THREAD\" && id == 230" > "$T/events/raw_syscalls/sys_exit/filter"
for event in "${EVENTS[@]}"; do echo 1 > "$T/events/$event/enable"; done
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(uname -r), $(nproc) CPUs, cpuidle $(cat /sys/devices/system/cpu/cpuidle/current_driver 2>/dev/null || echo none), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# ${COMMAND[*]}"
echo 1 > "$T/tracing_on"
"${COMMAND[@]}" > "$out/run.txt" 2>&1 || { echo "the run failed:" >&2; cat "$out/run.txt" >&2; exit 1; }
echo 0 > "$T/tracing_on"
grep -h 'overrun' "$T"/per_cpu/cpu*/stats | awk '$NF > 0 { lost = 1 } END { if (lost) print "# WARNING: the trace buffer overran, some activations are missing" }'
grep -E '^T:|^# T:' "$out/run.txt" || true
cat "$T/trace" > "$out/trace.txt"

python3 - "$out/trace.txt" "$THREAD" "$THRESHOLD" "$LIST" <<'EOF'
import bisect, collections, re, sys
path, thread, threshold, listing = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == '1'
line = re.compile(r'^\s*(.+?)-(\d+)\s+\[(\d+)\]\s+\S+\s+([\d.]+):\s+(\S+):\s+(.*)$')
switch = re.compile(r' ==> next_comm=(.*) next_pid=\d+ ')
running = collections.defaultdict(list)   # cpu -> [(µs, task switched in)]
by_thread = collections.defaultdict(list)  # tid -> its activations (the tool's other threads of that name too)
for text in open(path):
    m = line.match(text)
    if not m:
        continue
    comm, pid, cpu, us, event, rest = m.group(1).strip(), int(m.group(2)), int(m.group(3)), round(float(m.group(4)) * 1e6), m.group(5), m.group(6)
    if event == 'sched_switch':
        s = switch.search(rest)
        if s:
            running[cpu].append((us, s.group(1)))
    elif event == 'hrtimer_start' and comm == thread and 'function=hrtimer_wakeup' in rest:
        by_thread[pid].append({'expiry': int(re.search(r' expires=(\d+)', rest).group(1)) // 1000})
    elif event == 'sched_wakeup':
        woken = by_thread.get(int(re.search(r' pid=(\d+) ', rest).group(1)))
        if woken and 'wake' not in woken[-1]:
            woken[-1].update(wake=us, wake_cpu=int(re.search(r'target_cpu=(\d+)', rest).group(1)))
    elif event == 'sys_exit' and by_thread.get(pid) and 'wake' in by_thread[pid][-1] and 'exit' not in by_thread[pid][-1]:
        by_thread[pid][-1]['exit'] = us
# The measuring thread is the one of that name that slept most often.
activations = max(by_thread.values(), key=len, default=[])
done = [a for a in activations if 'exit' in a]
if not done:
    sys.exit(f'no activation of {thread} was traced')
for a in done:
    a['timer'], a['return'] = a['wake'] - a['expiry'], a['exit'] - a['wake']
times = {cpu: [t for t, _ in switches] for cpu, switches in running.items()}
def task_at(cpu, us):
    i = bisect.bisect_right(times.get(cpu, []), us) - 1
    return running[cpu][i][1] if i >= 0 else '?'
def tasks_between(cpu, start, end):
    names = [task_at(cpu, start)] + [n for t, n in running.get(cpu, []) if start < t <= end]
    return sorted({re.sub(r'\d+', 'N', n) for n in names if n != thread})
def percentiles(values):
    values = sorted(values)
    return values[len(values) // 2], values[min(len(values) - 1, int(len(values) * 0.99))], sum(values) / len(values)
print(f'\n{len(done)} of {len(activations)} activations traced; µs p50 / p99 / mean:')
for name in ('timer', 'return', 'both'):
    p50, p99, mean = percentiles([a['timer'] + a['return'] if name == 'both' else a[name] for a in done])
    print(f'  {name:7s} {p50:6d} {p99:6d} {mean:8.1f}')
cpus = sorted(running)
late = [a for a in done if a['timer'] + a['return'] > threshold]
print(f'\n{len(late)} activations later than {threshold} µs, by the part that dominated, what ran on the thread\'s CPU'
      ' meanwhile and what the other CPUs ran at the expiry:')
kinds = collections.Counter()
for a in late:
    part = 'timer' if a['timer'] >= a['return'] else 'return'
    start, end = (a['expiry'], a['wake']) if part == 'timer' else (a['wake'], a['exit'])
    here = ','.join(tasks_between(a['wake_cpu'], start, end)) or '-'
    others = ','.join(sorted({re.sub(r'\d+', 'N', task_at(c, a['expiry'])) for c in cpus if c != a['wake_cpu']})) or '-'
    kinds[(part, here, others)] += 1
    if listing:
        print(f'  at {(a["expiry"] - done[0]["expiry"]) / 1000:9.1f} ms: {a["timer"] + a["return"]:6d} µs = timer {a["timer"]}'
              f' + return {a["return"]}, CPU {a["wake_cpu"]} ran {here}, others ran {others}')
print(f'  {"count":>5s}  {"part":6s}  {"on its CPU":30s}  other CPUs')
for (part, here, others), count in kinds.most_common():
    print(f'  {count:5d}  {part:6s}  {here:30s}  {others}')
for period in (100_000, 1_000_000):
    if len(late) < 10:
        break
    # The late activations' phases in the mono clock, in tenths of the period: spread evenly unless periodic.
    phases = collections.Counter(a['expiry'] % period * 10 // period for a in late)
    tenth, count = phases.most_common(1)[0]
    print(f'phase in a {period // 1000} ms period: {count} of {len(late)} late activations in its tenth {tenth}'
          f' ({tenth * period // 10000}-{(tenth + 1) * period // 10000} ms), {len(late) / 10:.1f} if spread evenly')
EOF
