package io.github.lllqos.linux;

import io.github.lllqos.linux.internal.NativeLayer;
import io.github.lllqos.spi.CpuLatencyQos;
import io.github.lllqos.spi.CpuLocks;
import io.github.lllqos.spi.CpuSysfs;
import io.github.lllqos.spi.LowLatencyProvider;
import io.github.lllqos.spi.RealtimeBackend;
import io.github.lllqos.spi.SystemFiles;
import io.github.lllqos.spi.support.CpuLockFiles;
import io.github.lllqos.spi.support.UnsupportedRealtime;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The real provider: requests go to the kernel through {@code /dev/cpu_dma_latency}, and real-time scheduling
 * through libc. Its libc calls go through {@code java.lang.foreign} on JDK 22 and later and through JNA before
 * ({@link NativeLayer}; {@code -D}{@value NativeLayer#PROPERTY}{@code =ffm|jna} overrides); {@link #detail()} says
 * which and why.
 *
 * <p>The device path can be changed with {@code -D}{@value #DEVICE_PROPERTY} for a {@code /dev} mounted elsewhere,
 * and the CPU attribute directory with {@code -D}{@value #CPU_SYSFS_PROPERTY} for a {@code /sys} mounted elsewhere.
 */
public final class LinuxProvider implements LowLatencyProvider {

    /** The system property naming the device node, {@code /dev/cpu_dma_latency} by default. */
    public static final String DEVICE_PROPERTY = "lllqos.device";

    /** The system property naming the CPU attribute directory, {@code /sys/devices/system/cpu} by default. */
    public static final String CPU_SYSFS_PROPERTY = "lllqos.cpu-sysfs";

    /**
     * The system property naming the directory of the CPU lock files that reservations share,
     * {@value #DEFAULT_CPU_LOCK_DIRECTORY} by default; processes and containers that share it never get the same
     * CPU.
     */
    public static final String CPU_LOCK_DIRECTORY_PROPERTY = "lllqos.cpu-lock-dir";

    /** Where the CPU lock files are unless {@code -D}{@value #CPU_LOCK_DIRECTORY_PROPERTY} says otherwise. */
    public static final String DEFAULT_CPU_LOCK_DIRECTORY = "/run/lllqos/cpus";

    private final String osName;
    private volatile DeviceCpuLatencyQos cpuLatencyQos;
    private volatile RealtimeBackend realtime;

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public LinuxProvider() {
        this(System.getProperty("os.name", "unknown"));
    }

    LinuxProvider(String osName) {
        this.osName = osName;
    }

    @Override
    public String name() {
        return "linux";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Optional<String> unavailableReason() {
        if (!osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return Optional.of("this is " + osName + ": PM QoS CPU latency requests exist only on Linux,"
                    + " so nothing is requested");
        }
        return NativeLayer.current().unavailableReason();
    }

    /** Which native layer carries the libc calls, and why. */
    @Override
    public Optional<String> detail() {
        return Optional.of(NativeLayer.current().description());
    }

    @Override
    public CpuLatencyQos cpuLatencyQos() {
        DeviceCpuLatencyQos qos = cpuLatencyQos;
        if (qos == null) {
            qos = new DeviceCpuLatencyQos(Path.of(System.getProperty(DEVICE_PROPERTY, CpuLatencyQos.DEVICE)),
                    NativeLayer.current().libc());
            cpuLatencyQos = qos;
        }
        return qos;
    }

    /** The kernel's CPU attribute files, under {@code -D}{@value #CPU_SYSFS_PROPERTY} when set. */
    @Override
    public Optional<CpuSysfs> cpuSysfs() {
        String directory = System.getProperty(CPU_SYSFS_PROPERTY);
        return Optional.of(new CpuSysfsFiles(directory == null ? CpuSysfsFiles.KERNEL_DIRECTORY : Path.of(directory)));
    }

    /** {@code /proc} and {@code /sys} as this process sees them. */
    @Override
    public Optional<SystemFiles> systemFiles() {
        return Optional.of(new SystemFilesUnderRoot(Path.of("/")));
    }

    /** Lock files in {@code -D}{@value #CPU_LOCK_DIRECTORY_PROPERTY}, read anew on each call. */
    @Override
    public Optional<CpuLocks> cpuLocks() {
        return Optional.of(new CpuLockFiles(Path.of(System.getProperty(CPU_LOCK_DIRECTORY_PROPERTY,
                DEFAULT_CPU_LOCK_DIRECTORY))));
    }

    @Override
    public RealtimeBackend realtime() {
        RealtimeBackend backend = realtime;
        if (backend == null) {
            Optional<String> unavailable = unavailableReason();
            backend = unavailable.isPresent() ? new UnsupportedRealtime(unavailable.get())
                    : new LinuxRealtime(KernelFiles.system(), NativeLayer.current().libc());
            realtime = backend;
        }
        return backend;
    }
}
