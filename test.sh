#!/usr/bin/env bash
# Runs every test: the unit tests and the integration tests (-Pit), which run containers.
# Usage: ./test.sh [maven options], e.g. ./test.sh -Dlllqos.require=real
#
# The integration tests need a Docker engine. If DOCKER_HOST is set, it is used as it is. Otherwise, if no engine
# answers on /var/run/docker.sock, this script (as root, on Debian) installs docker.io when dockerd is missing,
# starts dockerd in the background, and stops it again on exit. As root on Debian it also installs cyclictest
# (rt-tests) when missing, for the tests that compare lllqos cyclic with it, and prometheus when missing, for the
# test that scrapes the agent with a real Prometheus. Packages are installed with .ci/apt-install, which starts
# none of their services (Debian's docker.io and prometheus would otherwise start theirs on a machine with systemd).
#
# Its last line totals the skipped tests of every module by reason (.ci/skip-summary, see docs/testing.md), and it
# exits with Maven's exit code.
set -euo pipefail
cd "$(dirname "$0")"

ENGINE_START_TIMEOUT=60
engine_pid=""
engine_log=""

maven_log=""

stop_engine() {
    if [ -n "$engine_pid" ] && kill -0 "$engine_pid" 2>/dev/null; then
        echo "test.sh: stopping the Docker engine it started (pid $engine_pid)" >&2
        kill "$engine_pid"
        for _ in $(seq 1 30); do
            kill -0 "$engine_pid" 2>/dev/null || break
            sleep 1
        done
        if kill -0 "$engine_pid" 2>/dev/null; then
            echo "test.sh: dockerd (pid $engine_pid) did not stop within 30 s; log: $engine_log" >&2
        fi
    fi
    engine_pid=""
}
trap 'stop_engine; [ -z "$maven_log" ] || rm -f "$maven_log"' EXIT

engine_answers() {
    command -v docker >/dev/null 2>&1 && docker version >/dev/null 2>&1
}

start_engine() {
    if [ "$(id -u)" != 0 ]; then
        echo "test.sh: no Docker engine answers, and starting one needs root. Start one (dockerd), or set" \
             "DOCKER_HOST, or run as root." >&2
        exit 1
    fi
    if ! command -v dockerd >/dev/null 2>&1; then
        if ! command -v apt-get >/dev/null 2>&1; then
            echo "test.sh: dockerd is missing and this is not Debian (no apt-get): install Docker first." >&2
            exit 1
        fi
        echo "test.sh: installing docker.io (its packaged engine is not started: this script runs its own)" >&2
        .ci/apt-install docker.io
    fi
    engine_log=$(mktemp /tmp/lllqos-dockerd.XXXXXX.log)
    echo "test.sh: starting dockerd (log: $engine_log)" >&2
    dockerd >"$engine_log" 2>&1 &
    engine_pid=$!
    for _ in $(seq 1 "$ENGINE_START_TIMEOUT"); do
        if engine_answers; then
            return 0
        fi
        if ! kill -0 "$engine_pid" 2>/dev/null; then
            echo "test.sh: dockerd exited while starting; its log:" >&2
            cat "$engine_log" >&2
            engine_pid=""
            exit 1
        fi
        sleep 1
    done
    echo "test.sh: dockerd did not answer within $ENGINE_START_TIMEOUT s; its log:" >&2
    tail -n 50 "$engine_log" >&2
    exit 1
}

# The cyclic command's format tests compare with the real cyclictest (Debian package rt-tests).
install_cyclictest() {
    if ! command -v cyclictest >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "test.sh: installing rt-tests for cyclictest" >&2
        .ci/apt-install rt-tests
    fi
}
install_cyclictest

# PrometheusIT starts Debian's prometheus on loopback (it does not use the packaged service). The package's own
# service is neither started (.ci/apt-install) nor left enabled, so it does not take :9090 at the next boot either.
install_prometheus() {
    if ! command -v prometheus >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "test.sh: installing prometheus (its packaged service is not started)" >&2
        .ci/apt-install --no-install-recommends prometheus
        if command -v systemctl >/dev/null 2>&1; then
            systemctl disable --quiet prometheus.service 2>/dev/null \
                || echo "test.sh: could not disable prometheus.service; it may start at the next boot" >&2
        fi
    fi
}
install_prometheus

if [ -z "${DOCKER_HOST:-}" ] && ! engine_answers; then
    start_engine
fi

# Maven's output is kept for the skip summary, which comes last, after the engine has stopped.
maven_log=$(mktemp /tmp/lllqos-test.XXXXXX.log)
status=0
./mvnw -B verify -Pit "$@" | tee "$maven_log" || status=$?
stop_engine
.ci/skip-summary "$maven_log"
exit "$status"
