package io.github.lllqos.fake;

import io.github.lllqos.spi.CpuSysfs;
import io.github.lllqos.spi.SystemFiles;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A model of the Linux PM QoS kernel, put together from its parts: the CPU latency QoS list
 * ({@link #cpuLatencyQos()}) with its device node {@code /dev/cpu_dma_latency} ({@link #cpuDmaLatency()}), the
 * devices with the per-device framework and a device per CPU ({@link #devices()}), each CPU's cpuidle states
 * ({@link #cpuidle()}), the scheduler ({@link #scheduler()}), and the files the API reads: {@code
 * /sys/devices/system/cpu} ({@link #cpuSysfs()}) and {@code /proc} ({@link #systemFiles()}).
 *
 * <pre>{@code
 * SimulatedKernel kernel = new SimulatedKernel();
 * try (SimulatedDeviceFile file = kernel.cpuDmaLatency().open(StandardOpenOption.READ, StandardOpenOption.WRITE)) {
 *     file.write(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(0, 50));
 *     assert kernel.cpuLatencyQos().limit() == 50;
 * }
 * assert kernel.cpuLatencyQos().limit() == PmQos.PM_QOS_CPU_LATENCY_DEFAULT_VALUE;
 * }</pre>
 *
 * <p>Thread-safe. Reading a limit takes no lock; changing a request costs O(log n) in live requests.
 */
public final class SimulatedKernel {

    private static final int DEFAULT_CPUS = 4;

    private final KernelProfile profile;
    private final CpuLatencyQosList cpuLatencyQos;
    private final CpuDmaLatencyNode cpuDmaLatency;
    private final SimulatedDevices devices;
    private final SimulatedCpuidle cpuidle;
    private final SimulatedTopology topology;
    private final SimulatedScheduler scheduler;
    private final SimulatedCpuLocks cpuLocks = new SimulatedCpuLocks();
    private final SimulatedJournalDirectory journalDirectory = new SimulatedJournalDirectory();
    private final CpuSysfs cpuSysfs = new SimulatedCpuSysfs(this);
    private final SystemFiles systemFiles = new SimulatedSystemFiles(this);
    private volatile SimulatedCpuset cpuset;

    /** A current kernel with 4 CPUs and {@link CpuidleDriver#INTEL_IDLE}'s idle states. */
    public SimulatedKernel() {
        this(KernelProfile.CURRENT);
    }

    /**
     * A kernel of the given generation with 4 CPUs and {@link CpuidleDriver#INTEL_IDLE}'s idle states.
     *
     * @param profile how the kernel treats invalid values and writes
     */
    public SimulatedKernel(KernelProfile profile) {
        this(profile, DEFAULT_CPUS);
    }

    /**
     * A kernel of the given generation and CPU count, with {@link CpuidleDriver#INTEL_IDLE}'s idle states.
     *
     * @param profile how the kernel treats invalid values and writes
     * @param cpuCount the number of CPU devices, at least 1
     * @throws IllegalArgumentException if {@code cpuCount} is below 1
     */
    public SimulatedKernel(KernelProfile profile, int cpuCount) {
        this(profile, cpuCount, CpuidleDriver.INTEL_IDLE);
    }

    /**
     * A kernel of the given generation, CPU count and cpuidle driver.
     *
     * @param profile how the kernel treats invalid values and writes
     * @param cpuCount the number of CPU devices, at least 1
     * @param cpuidleDriver the driver and the idle states it gives every CPU; {@link CpuidleDriver#NONE} for none,
     *     as in most virtual machines
     * @throws IllegalArgumentException if {@code cpuCount} is below 1
     */
    public SimulatedKernel(KernelProfile profile, int cpuCount, CpuidleDriver cpuidleDriver) {
        this(profile, topologyOf(cpuCount), cpuidleDriver);
    }

    /**
     * A current kernel on a machine of the given topology, without a cpuidle driver.
     *
     * <pre>{@code
     * SimulatedKernel kernel = new SimulatedKernel(SimulatedTopology.uniform(2, 8, 2));
     * kernel.cpuset(SimulatedCpuset.v2("/docker/abc", Set.of(2, 3, 18, 19)));
     * }</pre>
     *
     * @param topology the machine's CPUs
     */
    public SimulatedKernel(SimulatedTopology topology) {
        this(KernelProfile.CURRENT, topology, CpuidleDriver.NONE);
    }

    /**
     * A kernel of the given generation on a machine of the given topology and cpuidle driver.
     *
     * @param profile how the kernel treats invalid values and writes
     * @param topology the machine's CPUs
     * @param cpuidleDriver the driver and the idle states it gives every CPU
     */
    public SimulatedKernel(KernelProfile profile, SimulatedTopology topology, CpuidleDriver cpuidleDriver) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.topology = Objects.requireNonNull(topology, "topology");
        this.cpuLatencyQos = new CpuLatencyQosList(profile);
        this.cpuDmaLatency = new CpuDmaLatencyNode(profile, cpuLatencyQos);
        this.devices = new SimulatedDevices(topology.cpuCount(), Objects.requireNonNull(cpuidleDriver,
                "cpuidleDriver"));
        this.cpuidle = new SimulatedCpuidle(cpuidleDriver, cpuLatencyQos, devices);
        this.scheduler = new SimulatedScheduler(topology.cpuCount());
        scheduler.isolatedCpus(topology.isolatedCpus());
        this.cpuset = SimulatedCpuset.v2("/", topology.allCpus());
    }

    private static SimulatedTopology topologyOf(int cpuCount) {
        if (cpuCount < 1) {
            throw new IllegalArgumentException("cpuCount must be at least 1, was " + cpuCount);
        }
        return SimulatedTopology.cpus(cpuCount);
    }

    /**
     * The generation this kernel behaves like.
     *
     * @return the profile given at creation
     */
    public KernelProfile profile() {
        return profile;
    }

    /**
     * The CPU latency QoS list, under the kernel's function names ({@code cpu_latency_qos_limit()},
     * {@code cpu_latency_qos_add_request()}, ...), with its live requests and history for tests.
     *
     * @return the list behind {@link #cpuDmaLatency()}
     */
    public CpuLatencyQosList cpuLatencyQos() {
        return cpuLatencyQos;
    }

    /**
     * The device node {@code /dev/cpu_dma_latency}: its open files and what opening it finds.
     *
     * @return the node
     */
    public CpuDmaLatencyNode cpuDmaLatency() {
        return cpuDmaLatency;
    }

    /**
     * The devices: a device per CPU, those tests add, and the per-device PM QoS framework.
     *
     * @return the devices
     */
    public SimulatedDevices devices() {
        return devices;
    }

    /**
     * The cpuidle driver and governor.
     *
     * @return the cpuidle side of this kernel
     */
    public SimulatedCpuidle cpuidle() {
        return cpuidle;
    }

    /**
     * This kernel's {@code /sys/devices/system/cpu}: CPU lists, cpuidle driver and governor, each CPU's resume
     * latency and idle states, as the {@code fake} provider offers them to the API.
     *
     * @return the attribute files
     */
    public CpuSysfs cpuSysfs() {
        return cpuSysfs;
    }

    /**
     * This kernel's {@code /proc} and other reports outside {@code /sys/devices/system/cpu}, as the {@code fake}
     * provider offers them: cgroup and cpuset files, hybrid CPU lists, and what {@code lllqos status} shows (the
     * kernel version and command line, real-time throttling, this process's limits and open files).
     *
     * @return the files
     */
    public SystemFiles systemFiles() {
        return systemFiles;
    }

    /**
     * The machine's CPUs: packages, cores, threads, core types and the CPUs isolated at boot.
     *
     * @return as given at creation; {@link SimulatedTopology#cpus(int)} for a CPU count
     */
    public SimulatedTopology topology() {
        return topology;
    }

    /**
     * Puts the simulated process in a cgroup with this effective cpuset, as a container or pod would be. The
     * process's affinity shrinks to it, as the kernel's does.
     *
     * @param cpuset the cgroup and its CPUs
     * @throws IllegalArgumentException naming the CPU when the cpuset names one this machine lacks
     */
    public void cpuset(SimulatedCpuset cpuset) {
        topology.requireCpus(cpuset.cpus(), "the cpuset " + cpuset.cgroupPath());
        this.cpuset = cpuset;
        scheduler.restrictTo(cpuset.cpus());
    }

    /**
     * The simulated process's cgroup and its effective cpuset.
     *
     * @return cgroup v2 {@code /} with every CPU unless {@link #cpuset(SimulatedCpuset)} changed it
     */
    public SimulatedCpuset cpuset() {
        return cpuset;
    }

    /**
     * The CPU locks every process that reserves CPUs on this machine shares.
     *
     * @return the locks, for tests to let other processes hold and release CPUs
     */
    public SimulatedCpuLocks cpuLocks() {
        return cpuLocks;
    }

    /**
     * The scheduler side: the policy, priority, nice value, CPUs and timer slack each thread was given through
     * {@link io.github.lllqos.realtime.Realtime}, the permission rules that refuse changes, and every call.
     *
     * @return this kernel's scheduler
     */
    public SimulatedScheduler scheduler() {
        return scheduler;
    }

    /**
     * Where {@link io.github.lllqos.cpuidle.CpuIdle} journals the changes of this kernel's attribute files: a
     * temporary directory of this kernel's own, made on first use and deleted when the JVM exits, so that simulated
     * changes never reach the journal of the real sysfs.
     *
     * @return the directory
     */
    public Path journalDirectory() {
        return journalDirectory.path();
    }

    @Override
    public String toString() {
        return "SimulatedKernel[" + profile + ", cpu latency " + cpuLatencyQos.limit() + " µs, "
                + cpuLatencyQos.requests().size() + " requests]";
    }
}
