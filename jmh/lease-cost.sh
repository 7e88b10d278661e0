#!/usr/bin/env bash
# What a lease costs next to the bare system calls: runs the C reference (open, write, close) and the JMH lease
# benchmark alternately on the real device and prints their ratio. Needs a built jmh/target/benchmarks.jar,
# gcc, and a readable and writable /dev/cpu_dma_latency.
#   jmh/lease-cost.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")"
rounds=${1:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gcc -O2 -o "$work/bare_lease" src/main/c/bare_lease.c

c_total=0; java_total=0
for ((i = 1; i <= rounds; i++)); do
    c=$("$work/bare_lease" 400000 | awk '{print $1}')
    java=$(java -jar target/benchmarks.jar 'LeaseBenchmark.leaseAcquireRelease' -p provider=linux -f 1 -wi 3 -i 5 \
        -rf csv -rff "$work/lease.csv" >/dev/null && awk -F, 'NR == 2 {print $5}' "$work/lease.csv")
    awk -v i="$i" -v c="$c" -v j="$java" \
        'BEGIN { printf "round %d: C open+write+close %.3f us, lease acquire+release %.3f us, ratio %.2f\n", i, c, j, j / c }'
    c_total=$(awk -v a="$c_total" -v b="$c" 'BEGIN { print a + b }')
    java_total=$(awk -v a="$java_total" -v b="$java" 'BEGIN { print a + b }')
done
awk -v c="$c_total" -v j="$java_total" -v n="$rounds" \
    'BEGIN { printf "mean: C %.3f us, lease %.3f us, ratio %.2f (target <= 1.20)\n", c / n, j / n, j / c }'
