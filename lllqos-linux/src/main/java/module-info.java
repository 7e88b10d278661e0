/** The Linux provider of lllqos: {@code /dev/cpu_dma_latency} and libc through JNA. */
module io.github.lllqos.linux {
    requires io.github.lllqos;
    requires com.sun.jna;

    provides io.github.lllqos.spi.LowLatencyProvider with io.github.lllqos.linux.LinuxProvider;
}
