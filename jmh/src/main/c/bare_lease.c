/*
 * The C reference for a lease: what a careful C program does for one request, and what the Java lease does.
 * Once: read the device number the kernel publishes for cpu_dma_latency (/sys/class/misc/cpu_dma_latency/dev).
 * Per round: check that the path names that character device (statx(AT_FDCWD, path, 0, STATX_TYPE)), since
 * opening anything else could act on it; open /dev/cpu_dma_latency (O_RDWR | O_CLOEXEC | O_NONBLOCK | O_NOCTTY, the
 * lease's flags); check the open descriptor again (statx(fd, "", AT_EMPTY_PATH, STATX_TYPE)), in case the path was
 * swapped in between; write a 4-byte s32; close. Prints us per round.
 * With "hold" instead of a round count it makes one such request and holds it until it is killed: the standing
 * request beside which jmh/lease-cost.sh measures the calls alone, the system-wide limit never changing.
 * With "threaded" after the round count it first starts a second thread that only waits, as a JVM always has
 * threads: in a process of several threads the kernel counts each file reference atomically and glibc's open,
 * write and close switch thread cancellation on and off, which a single-threaded process skips.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *DEVICE = "/dev/cpu_dma_latency";
static const char *DEVICE_NUMBER = "/sys/class/misc/cpu_dma_latency/dev";

/* Whether a statx result is the character device major:minor; says so on stderr when it is not. */
static int is_device(const struct statx *description, unsigned int major, unsigned int minor) {
    if (S_ISCHR(description->stx_mode) && description->stx_rdev_major == major
            && description->stx_rdev_minor == minor) {
        return 1;
    }
    fprintf(stderr, "%s is not the character device %u:%u\n", DEVICE, major, minor);
    return 0;
}

/* The second thread of a "threaded" run: it only waits, as most of a JVM's threads do. */
static void *wait_forever(void *unused) {
    (void) unused;
    for (;;) {
        pause();
    }
    return NULL;
}

int main(int argc, char **argv) {
    int hold = argc > 1 && strcmp(argv[1], "hold") == 0;
    long rounds = hold ? 1 : argc > 1 ? atol(argv[1]) : 200000;
    unsigned int major, minor;
    FILE *number = fopen(DEVICE_NUMBER, "r");
    if (number == NULL || fscanf(number, "%u:%u", &major, &minor) != 2) {
        perror(DEVICE_NUMBER);
        return 1;
    }
    fclose(number);
    pthread_t second;
    if (argc > 2 && strcmp(argv[2], "threaded") == 0 && pthread_create(&second, NULL, wait_forever, NULL) != 0) {
        perror("pthread_create");
        return 1;
    }
    int32_t target = 0;
    struct statx description;
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (long i = 0; i < rounds; i++) {
        if (statx(AT_FDCWD, DEVICE, 0, STATX_TYPE, &description) != 0) {
            perror(DEVICE);
            return 1;
        }
        if (!is_device(&description, major, minor)) {
            return 1;
        }
        int fd = open(DEVICE, O_RDWR | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
        if (fd < 0 || statx(fd, "", AT_EMPTY_PATH, STATX_TYPE, &description) != 0) {
            perror(DEVICE);
            return 1;
        }
        if (!is_device(&description, major, minor)) {
            return 1;
        }
        if (write(fd, &target, sizeof target) != sizeof target) {
            perror(DEVICE);
            return 1;
        }
        if (hold) {
            for (;;) {
                pause();
            }
        }
        close(fd);
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    double ns = (end.tv_sec - start.tv_sec) * 1e9 + (end.tv_nsec - start.tv_nsec);
    printf("%.3f us per statx+open+statx+write+close (%ld rounds)\n", ns / rounds / 1000.0, rounds);
    return 0;
}
