/* The C reference for a lease: open /dev/cpu_dma_latency, write a 4-byte s32, close; prints ns per round. */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    long rounds = argc > 1 ? atol(argv[1]) : 200000;
    int32_t target = 0;
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (long i = 0; i < rounds; i++) {
        int fd = open("/dev/cpu_dma_latency", O_RDWR | O_CLOEXEC);
        if (fd < 0 || write(fd, &target, sizeof target) != sizeof target) {
            perror("/dev/cpu_dma_latency");
            return 1;
        }
        close(fd);
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    double ns = (end.tv_sec - start.tv_sec) * 1e9 + (end.tv_nsec - start.tv_nsec);
    printf("%.3f us per open+write+close (%ld rounds)\n", ns / rounds / 1000.0, rounds);
    return 0;
}
