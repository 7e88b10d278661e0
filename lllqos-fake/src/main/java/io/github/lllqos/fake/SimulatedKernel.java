package io.github.lllqos.fake;

import io.github.lllqos.spi.CpuLatencyQos;
import io.github.lllqos.spi.CpuSysfs;
import io.github.lllqos.spi.support.DeviceNumber;
import io.github.lllqos.spi.SystemFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.OpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * A model of the Linux PM QoS kernel: the CPU latency QoS list with its device node
 * {@code /dev/cpu_dma_latency}, the per-device framework ({@link #devPmQos()}) with a device per CPU
 * ({@link #cpu(int)}), and each CPU's cpuidle states ({@link #cpuidleDriver()}, {@link #enterIdle(int)}), all shown
 * to the API as {@code /sys/devices/system/cpu} ({@link #cpuSysfs()}).
 *
 * <pre>{@code
 * SimulatedKernel kernel = new SimulatedKernel();
 * try (SimulatedDeviceFile file = kernel.openCpuDmaLatency(StandardOpenOption.READ, StandardOpenOption.WRITE)) {
 *     file.write(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(0, 50));
 *     assert kernel.cpuLatencyQosLimit() == 50;
 * }
 * assert kernel.cpuLatencyQosLimit() == PmQos.PM_QOS_CPU_LATENCY_DEFAULT_VALUE;
 * }</pre>
 *
 * <p>Thread-safe. Reading a limit takes no lock; changing a request costs O(log n) in live requests.
 */
public final class SimulatedKernel {

    /** The path the simulated device node stands for. */
    public static final String CPU_DMA_LATENCY = CpuLatencyQos.DEVICE;

    /** The number of the simulated CPU latency device, as {@code /sys/class/misc/cpu_dma_latency/dev} holds it. */
    public static final DeviceNumber CPU_DMA_LATENCY_NUMBER = new DeviceNumber(10, 259);

    /** The number of the device {@link DeviceAccess#OTHER_DEVICE} opens instead: {@code /dev/null}'s. */
    public static final DeviceNumber OTHER_DEVICE_NUMBER = new DeviceNumber(1, 3);
    /** The most CPUs a simulated machine has, as many as a kernel built with {@code NR_CPUS=8192}. */
    public static final int MAX_CPUS = 8192;

    private static final int DEFAULT_CPUS = 4;

    private final KernelProfile profile;
    private final CpuLatencyQosList cpuLatency;
    private final CpuDmaLatencyNode node;
    private final DevPmQos devPmQos = new DevPmQos();
    private final List<SimulatedCpu> cpus;
    private final CpuidleDriver cpuidleDriver;
    private final CpuSysfs cpuSysfs = new SimulatedCpuSysfs(this);
    private final SystemFiles systemFiles = new SimulatedSystemFiles(this);
    private final SimulatedCpuLocks cpuLocks = new SimulatedCpuLocks();
    private final SimulatedTopology topology;
    private volatile SimulatedCpuset cpuset;
    private final SimulatedScheduler scheduler;
    private Path journalDirectory;

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
        this.cpuLatency = new CpuLatencyQosList(profile);
        this.node = new CpuDmaLatencyNode(this, cpuLatency);
        this.cpuidleDriver = Objects.requireNonNull(cpuidleDriver, "cpuidleDriver");
        this.topology = Objects.requireNonNull(topology, "topology");
        int cpuCount = topology.cpuCount();
        List<SimulatedCpu> created = new ArrayList<>(cpuCount);
        for (int cpu = 0; cpu < cpuCount; cpu++) {
            created.add(new SimulatedCpu(cpu, devPmQos, cpuidleDriver));
        }
        this.cpus = List.copyOf(created);
        this.scheduler = new SimulatedScheduler(cpuCount);
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

    // ---- CPU latency QoS, kernel side ----

    /**
     * {@code cpu_latency_qos_limit()}: the effective CPU latency limit, read without a lock.
     *
     * @return the minimum live request in µs, or {@link PmQos#PM_QOS_CPU_LATENCY_DEFAULT_VALUE} when there is none
     */
    public int cpuLatencyQosLimit() {
        return cpuLatency.limit();
    }

    /**
     * {@code cpu_latency_qos_add_request()}: inserts a request; notifiers run if the limit changes.
     * On {@link KernelProfile#CURRENT} a negative value other than -1 is invalid and nothing is added.
     *
     * @param request an inactive handle
     * @param value the target in µs, or {@link PmQos#PM_QOS_DEFAULT_VALUE}
     * @throws IllegalStateException if the request is already active (the kernel warns and ignores the call)
     */
    public void cpuLatencyQosAddRequest(PmQosRequest request, int value) {
        cpuLatency.add(request, value);
    }

    /**
     * {@code cpu_latency_qos_update_request()}: changes a request; nothing happens for its current value, nor
     * (on {@link KernelProfile#CURRENT}) for an invalid one.
     *
     * @param request an active handle
     * @param newValue the new target in µs, or {@link PmQos#PM_QOS_DEFAULT_VALUE}
     * @throws IllegalStateException if the request is not active (the kernel warns and ignores the call)
     */
    public void cpuLatencyQosUpdateRequest(PmQosRequest request, int newValue) {
        cpuLatency.update(request, newValue);
    }

    /**
     * {@code cpu_latency_qos_remove_request()}: removes a request; notifiers run if the limit changes.
     *
     * @param request an active handle, inactive afterwards
     * @throws IllegalStateException if the request is not active (the kernel warns and ignores the call)
     */
    public void cpuLatencyQosRemoveRequest(PmQosRequest request) {
        cpuLatency.remove(request);
    }

    /**
     * {@code cpu_latency_qos_request_active()}.
     *
     * @param request a handle
     * @return whether it is in this kernel's CPU latency list
     */
    public boolean cpuLatencyQosRequestActive(PmQosRequest request) {
        return cpuLatency.active(request);
    }

    /**
     * {@code cpu_latency_qos_add_notifier()}: {@code notifier} receives the new limit each time it changes,
     * and only then.
     *
     * @param notifier called with the new limit in µs
     */
    public void cpuLatencyQosAddNotifier(IntConsumer notifier) {
        cpuLatency.addNotifier(notifier);
    }

    /**
     * {@code cpu_latency_qos_remove_notifier()}.
     *
     * @param notifier a notifier added before
     * @return whether it was registered
     */
    public boolean cpuLatencyQosRemoveNotifier(IntConsumer notifier) {
        return cpuLatency.removeNotifier(notifier);
    }



    // ---- inspection, for tests ----

    /**
     * The values of all live CPU latency requests, from device files and kernel code alike.
     *
     * @return the values in µs, ascending (a request at the default holds 2,000,000,000)
     */
    public List<Integer> cpuLatencyQosRequests() {
        return cpuLatency.requests();
    }

    /**
     * How the CPU latency limit changed: its value when this kernel was created, then its value after each
     * change, oldest first. The last 10,000 changes are kept.
     *
     * @return the successive limits in µs
     */
    public List<Integer> cpuLatencyQosHistory() {
        return cpuLatency.history();
    }

    /**
     * How many {@link SimulatedDeviceFile}s of {@code /dev/cpu_dma_latency} are open.
     *
     * @return the open files, each holding one request
     */
    public int openCpuDmaLatencyFiles() {
        return node.openFiles();
    }

    // ---- the device node ----

    /**
     * {@code open("/dev/cpu_dma_latency")}: adds a request at the default value, held until the file is closed.
     *
     * @param options {@code READ}, {@code WRITE} (or {@code APPEND}), as for {@link java.nio.channels.FileChannel};
     *     none means {@code READ}; {@code CREATE}, {@code TRUNCATE_EXISTING}, {@code SYNC}, {@code DSYNC},
     *     {@code SPARSE} and {@code NOFOLLOW_LINKS} change nothing on a character device
     * @return the open file
     * @throws java.nio.file.NoSuchFileException when the device is {@link DeviceAccess#MISSING}
     * @throws java.nio.file.AccessDeniedException when access is {@link DeviceAccess#PERMISSION_DENIED}; with
     *     {@link DeviceAccess#OTHER_DEVICE} the file opened is another device, which holds no request
     * @throws java.nio.file.FileAlreadyExistsException for {@code CREATE_NEW}, as the node exists
     * @throws IllegalArgumentException for combinations {@code FileChannel} rejects
     * @throws UnsupportedOperationException for {@code DELETE_ON_CLOSE}, which would remove the device node
     * @throws IOException never otherwise
     */
    public SimulatedDeviceFile openCpuDmaLatency(OpenOption... options) throws IOException {
        return node.open(options);
    }

    /**
     * Simulates a missing device node or a permission problem for later opens; open files are not affected.
     *
     * @param access what later {@link #openCpuDmaLatency} calls find
     */
    public void cpuDmaLatencyAccess(DeviceAccess access) {
        node.access(access);
    }

    /**
     * What {@link #openCpuDmaLatency} finds now.
     *
     * @return {@link DeviceAccess#ALLOWED} unless changed
     */
    public DeviceAccess cpuDmaLatencyAccess() {
        return node.access();
    }

    /**
     * How many bytes were written to the device that {@link DeviceAccess#OTHER_DEVICE} opens instead of this one.
     *
     * @return the bytes; 0 as long as every writer checked {@link SimulatedDeviceFile#deviceNumber()} first
     */
    public int otherDeviceBytesWritten() {
        return node.otherDeviceBytesWritten();
    }

    void writtenToOtherDevice(int bytes) {
        node.writtenToOtherDevice(bytes);
    }

    /** The file layer's write: applies a parsed value the way {@code cpu_latency_qos_write} does. */
    void writeFromUser(PmQosRequest request, int value) {
        node.write(request, value);
    }

    /** The file layer's release. */
    void release(PmQosRequest request) {
        node.release(request);
    }

    // ---- devices ----

    /**
     * The per-device PM QoS framework of this kernel.
     *
     * @return the framework: requests, notifiers and flags of {@link SimulatedDevice}s
     */
    public DevPmQos devPmQos() {
        return devPmQos;
    }

    /**
     * One CPU, with its device and its {@code power/pm_qos_resume_latency_us} attribute.
     *
     * @param cpu the CPU number, 0 to {@link #cpuCount()} - 1
     * @return the CPU
     * @throws IllegalArgumentException if there is no such CPU
     */
    public SimulatedCpu cpu(int cpu) {
        if (cpu < 0 || cpu >= cpus.size()) {
            throw new IllegalArgumentException("cpu must be in 0.." + (cpus.size() - 1) + ", was " + cpu);
        }
        return cpus.get(cpu);
    }

    /**
     * The number of CPUs.
     *
     * @return as given at creation, 4 by default
     */
    public int cpuCount() {
        return cpus.size();
    }

    // ---- CPU idle ----

    /**
     * The cpuidle driver, which gives every CPU its idle states.
     *
     * @return as given at creation, {@link CpuidleDriver#INTEL_IDLE} by default
     */
    public CpuidleDriver cpuidleDriver() {
        return cpuidleDriver;
    }

    /**
     * Lets a CPU go idle once: the governor enters the deepest enabled idle state whose exit latency does not
     * exceed the lower of the CPU latency limit and the CPU's resume latency ({@code cpuidle_governor_latency_req()}),
     * else state 0, and counts it in the state's usage.
     *
     * @param cpu the CPU number
     * @return the state entered, or empty without a cpuidle driver
     * @throws IllegalArgumentException if there is no such CPU
     */
    public Optional<SimulatedIdleState> enterIdle(int cpu) {
        SimulatedCpu simulated = cpu(cpu);
        return simulated.enterIdle(Math.min(cpuLatencyQosLimit(), simulated.resumeLatency()));
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
     * This kernel's {@code /proc/self/cgroup}, {@code /proc/self/mountinfo}, cpuset files and hybrid CPU lists.
     *
     * @return the files
     */
    public SystemFiles systemFiles() {
        return systemFiles;
    }

    /**
     * Where {@link io.github.lllqos.cpuidle.CpuIdle} journals the changes of this kernel's attribute files: a
     * temporary directory of this kernel's own, made on first use and deleted when the JVM exits, so that simulated
     * changes never reach the journal of the real sysfs.
     *
     * @return the directory
     */
    public synchronized Path journalDirectory() {
        if (journalDirectory == null) {
            try {
                journalDirectory = Files.createTempDirectory("lllqos-simulated-journal");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make the simulated kernel's journal directory", e);
            }
            journalDirectory.toFile().deleteOnExit();
            for (String name : List.of("sysfs.lock", "sysfs.journal", "sysfs.journal.next")) {
                journalDirectory.resolve(name).toFile().deleteOnExit();
            }
        }
        return journalDirectory;
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
     * Registers a device, such as a bus or a controller, for per-device requests.
     *
     * @param name the device name
     * @param parent the parent device, or null for none
     * @return the new device
     */
    public SimulatedDevice addDevice(String name, SimulatedDevice parent) {
        return new SimulatedDevice(Objects.requireNonNull(name, "name"), parent, devPmQos);
    }

    @Override
    public String toString() {
        return "SimulatedKernel[" + profile + ", cpu latency " + cpuLatencyQosLimit() + " µs, "
                + cpuLatencyQosRequests().size() + " requests]";
    }
}
