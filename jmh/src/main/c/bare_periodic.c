/*
 * The floor under the wake-up monitor's cost: a C thread that does nothing but wake every period through
 * clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME), as a bare Periodic does, at SCHED_FIFO 80 where permitted (at
 * SCHED_OTHER otherwise). After WARM_UP_SECONDS it measures SECONDS and prints, in MonitorCostRun's format, its
 * CPU time per second of wall time from CLOCK_THREAD_CPUTIME_ID, the clock ThreadMXBean reads for the Java threads.
 *   bare_periodic SECONDS [INTERVAL_US [WARM_UP_SECONDS]]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static long long nanos(clockid_t clock) {
    struct timespec now;
    clock_gettime(clock, &now);
    return now.tv_sec * 1000000000LL + now.tv_nsec;
}

static void sleep_until(long long deadline) {
    struct timespec at = {.tv_sec = deadline / 1000000000LL, .tv_nsec = deadline % 1000000000LL};
    int error;
    while ((error = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &at, NULL)) == EINTR) {
    }
    if (error != 0) {
        fprintf(stderr, "clock_nanosleep: %s\n", strerror(error));
        exit(1);
    }
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: bare_periodic SECONDS [INTERVAL_US [WARM_UP_SECONDS]]\n");
        return 2;
    }
    long long seconds = atoll(argv[1]);
    long long period = 1000LL * (argc > 2 ? atoll(argv[2]) : 1000);
    long long warm_up = argc > 3 ? atoll(argv[3]) : 15;
    struct sched_param fifo = {.sched_priority = 80};
    int realtime = sched_setscheduler(0, SCHED_FIFO, &fifo) == 0;
    long long deadline = nanos(CLOCK_MONOTONIC);
    long long measure_from = deadline + warm_up * 1000000000LL;
    while (deadline < measure_from) {
        deadline += period;
        sleep_until(deadline);
    }
    long long wall = nanos(CLOCK_MONOTONIC);
    long long cpu = nanos(CLOCK_THREAD_CPUTIME_ID);
    long long end = deadline + seconds * 1000000000LL;
    while (deadline < end) {
        deadline += period;
        sleep_until(deadline);
    }
    double per_second = (double) (nanos(CLOCK_THREAD_CPUTIME_ID) - cpu) * 1e9 / (nanos(CLOCK_MONOTONIC) - wall);
    printf("c %lld us: thread %.0f us/s (%.2f %% of one CPU); %s\n", period / 1000, per_second / 1e3,
           per_second / 1e7, realtime ? "SCHED_FIFO 80" : "SCHED_OTHER");
    return 0;
}
