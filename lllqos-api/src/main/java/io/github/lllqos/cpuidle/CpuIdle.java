package io.github.lllqos.cpuidle;

import io.github.lllqos.CpuLatencyLease;
import io.github.lllqos.LowLatency;
import io.github.lllqos.LowLatencyException;
import io.github.lllqos.Outcome;
import io.github.lllqos.internal.ProviderRegistry;
import io.github.lllqos.internal.Selection;

import io.github.lllqos.spi.CpuSysfs;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * The kernel's CPU idle management: which idle states each CPU has and which a latency limit keeps it out of,
 * the per-CPU resume latency limit, and leases that change them and put them back.
 *
 * <pre>{@code
 * CpuIdle idle = CpuIdle.current();
 * int limit = LowLatency.effectiveCpuLatency().orElse(Integer.MAX_VALUE);
 * for (IdleState state : idle.idleStates(0)) {
 *     int cpuLimit = idle.resumeLatency(0).governorLimitMicros(limit);
 *     System.out.println(state.name() + (state.blockedBy(cpuLimit) ? " blocked" : " allowed"));
 * }
 * try (ResumeLatencyLease lease = idle.setResumeLatency(List.of(2, 3), ResumeLatency.ofMicros(10));
 *      IdleStateLease states = idle.disableIdleStatesDeeperThan(List.of(2, 3), 10)) {
 *     runControlLoopOn(2, 3);
 * }                                  // previous values restored here
 * }</pre>
 *
 * <p>Unlike a {@link CpuLatencyLease}, which the kernel drops when the process dies, these settings are shared
 * sysfs values that <em>survive a crash</em> of the process that changed them. So every change is first written to a
 * journal ({@code /run/lllqos} by default, {@code -D}{@value #JOURNAL_DIRECTORY_PROPERTY} elsewhere), and what a
 * process that died left changed is put back by the next lease made, or by {@link #restoreAbandoned()} ({@code
 * lllqos restore}). Changing them needs root: without it the lease is not acquired and says why, as a
 * {@link CpuLatencyLease}.
 */
public final class CpuIdle {

    /**
     * The system property that names the journal's directory: {@value}. Unset, the journal lives in
     * {@link #DEFAULT_JOURNAL_DIRECTORY}.
     */
    public static final String JOURNAL_DIRECTORY_PROPERTY = "lllqos.journal.dir";

    /**
     * Where the journal of sysfs changes lives by default: {@code /run/lllqos}. {@code /run} is emptied at boot, as
     * the sysfs values are reset.
     */
    public static final Path DEFAULT_JOURNAL_DIRECTORY = Path.of("/run/lllqos");

    private final SysfsAccess sysfs;
    private final SysfsJournal journal;
    private final PresentCpus present;
    private final CpuIdleReader reader;
    private final SysfsChanges changes;

    private CpuIdle(CpuSysfs files, Path journalDirectory) {
        this.sysfs = new SysfsAccess(files);
        this.journal = new SysfsJournal(sysfs, journalDirectory);
        this.present = new PresentCpus(sysfs);
        this.reader = new CpuIdleReader(sysfs);
        this.changes = new SysfsChanges(journal, reader);
    }

    /**
     * The CPU idle management of the provider in use ({@link LowLatency#providerName()}).
     *
     * @return the instance
     * @throws LowLatencyException when that provider has no CPU attribute files, with the reason
     */
    public static CpuIdle current() {
        Selection selection = ProviderRegistry.selection();
        return selection.provider().cpuSysfs().map(CpuIdle::of).orElseThrow(() -> new LowLatencyException(
                "the provider '" + selection.provider().name() + "' has no CPU attribute files (" + selection.why()
                        + ")" + selection.provider().unavailableReason().map(reason -> ": " + reason).orElse("")));
    }

    /**
     * The CPU idle management of the given attribute files, such as a simulated kernel's, journalled where the files
     * say ({@link CpuSysfs#journalDirectory()}), else in the shared journal: {@code -D}{@value
     * #JOURNAL_DIRECTORY_PROPERTY}, or {@link #DEFAULT_JOURNAL_DIRECTORY}.
     *
     * @param sysfs the files
     * @return the instance
     */
    public static CpuIdle of(CpuSysfs sysfs) {
        return new CpuIdle(sysfs, sysfs.journalDirectory().orElseGet(() -> Path.of(System.getProperty(
                JOURNAL_DIRECTORY_PROPERTY, DEFAULT_JOURNAL_DIRECTORY.toString()))));
    }

    /**
     * The CPU idle management of the given attribute files, with the journal of their changes in the given
     * directory, such as a test's.
     *
     * <pre>{@code
     * CpuIdle idle = CpuIdle.of(kernel.cpuSysfs(), temporaryDirectory);
     * }</pre>
     *
     * @param sysfs the files
     * @param journalDirectory the journal's directory, made when first needed
     * @return the instance
     */
    public static CpuIdle of(CpuSysfs sysfs, Path journalDirectory) {
        return new CpuIdle(sysfs, journalDirectory);
    }

    /**
     * Where the changes of the leases are journalled.
     *
     * @return the journal's directory
     */
    public Path journalDirectory() {
        return journal.directory();
    }

    /**
     * Puts back the sysfs values that lllqos leases set and whose holders ended without putting them back: a
     * process killed with {@code kill -9}, crashed or OOM-killed. Each file gets the value its remaining holders
     * want, or its value before the first lease once none remains. A file that someone else changed after lllqos
     * set it is left alone, with a warning. Every lease made through this class does this first, too.
     *
     * <pre>{@code
     * CpuIdle.current().restoreAbandoned().forEach(System.out::println);
     * }</pre>
     *
     * @return what was put back, and what was left alone
     * @throws LowLatencyException when the journal is corrupt (also when it names a file or value lllqos never
     *     journals), when another user than this one or root may have written it, or when it or a file cannot be
     *     read or written (the message names it and the missing permission or the fix); nothing is changed then
     */
    public List<AbandonedValue> restoreAbandoned() {
        return journal.restoreAbandoned(false);
    }

    /**
     * What {@link #restoreAbandoned()} would do now, changing nothing.
     *
     * @return what would be put back, and what would be left alone
     * @throws LowLatencyException when the journal is corrupt, another user than this one or root may have written
     *     it, or it cannot be read, naming it
     */
    public List<AbandonedValue> abandonedValues() {
        return journal.restoreAbandoned(true);
    }

    /**
     * The CPUs present, from {@code present}, else from the {@code cpuN} directories.
     *
     * @return the CPU numbers, ascending
     * @throws LowLatencyException when neither can be read
     */
    public List<Integer> cpus() {
        return present.list();
    }

    /**
     * The cpuidle driver of a CPU: its own ({@code cpuN/cpuidle/driver/name}, with several drivers) or the
     * system's ({@code cpuidle/current_driver}).
     *
     * @param cpu the CPU number
     * @return such as {@code "intel_idle"}, {@code "acpi_idle"}, or {@code "none"} where no driver runs (often a
     *     virtual machine): then the CPU has no idle states and latency limits change nothing on it
     * @throws IllegalArgumentException if the CPU does not exist
     * @throws LowLatencyException when the driver cannot be read, naming the file
     */
    public String driver(int cpu) {
        present.require(List.of(cpu));
        return reader.driver(cpu);
    }

    /**
     * The cpuidle governor, which picks idle states within the latency limit.
     *
     * @return such as {@code "menu"}, {@code "teo"} or {@code "ladder"}
     * @throws LowLatencyException when it cannot be read, naming the file
     */
    public String governor() {
        return reader.governor();
    }

    /**
     * The idle states of a CPU, shallowest first.
     *
     * @param cpu the CPU number
     * @return the states; empty when the CPU has no {@code cpuidle} directory (no cpuidle driver)
     * @throws IllegalArgumentException if the CPU does not exist
     * @throws LowLatencyException when a state cannot be read, naming the file
     */
    public List<IdleState> idleStates(int cpu) {
        present.require(List.of(cpu));
        return reader.idleStates(cpu);
    }

    /**
     * The resume latency limit of a CPU ({@code cpuN/power/pm_qos_resume_latency_us}).
     *
     * @param cpu the CPU number
     * @return the value
     * @throws IllegalArgumentException if the CPU does not exist
     * @throws LowLatencyException when it cannot be read, naming the file
     */
    public ResumeLatency resumeLatency(int cpu) {
        present.require(List.of(cpu));
        return reader.resumeLatency(cpu);
    }

    /**
     * Sets the resume latency limit of some CPUs until the lease is closed, which restores each CPU's previous
     * value. The value survives a crash of this process: then the next lease or {@link #restoreAbandoned()} restores it.
     *
     * @param cpus the CPU numbers, at least one, each present
     * @param value the limit
     * @return the lease, holding the previous values; not acquired, with its {@link ResumeLatencyLease#refusal()},
     *     where the change is refused (no permission, no such file, a value the kernel rejects): values already
     *     written are restored first, and nothing is left changed
     * @throws IllegalArgumentException if a CPU does not exist or none is given; nothing changes then
     * @throws LowLatencyException when a value cannot be read or written for another reason, naming the file;
     *     values already written are restored first
     */
    public ResumeLatencyLease setResumeLatency(Collection<Integer> cpus, ResumeLatency value) {
        return changes.setResumeLatency(present.require(cpus), value);
    }

    /**
     * Disables, on some CPUs, every idle state whose exit latency exceeds a bound, until the lease is closed,
     * which enables them again (as rtla's {@code --deepest-idle-state}). States disabled by someone else are left
     * alone; states another lllqos lease holds disabled are held by this one too, and stay disabled until both end.
     * The change survives a crash of this process: then the next lease or {@link #restoreAbandoned()} restores it.
     *
     * @param cpus the CPU numbers, at least one, each present
     * @param maxExitLatencyMicros the largest exit latency to keep enabled, in µs, 0 or more
     * @return the lease, naming the states it disabled (none where the CPUs have no idle states); not acquired,
     *     with its {@link IdleStateLease#refusal()}, where the change is refused (no permission, no such file):
     *     states already disabled by this call are enabled again first, and nothing is left changed
     * @throws IllegalArgumentException if a CPU does not exist, none is given, or the bound is negative;
     *     nothing changes then
     * @throws LowLatencyException when a state cannot be read or written for another reason, naming the file;
     *     states already disabled by this call are enabled again first
     */
    public IdleStateLease disableIdleStatesDeeperThan(Collection<Integer> cpus, int maxExitLatencyMicros) {
        if (maxExitLatencyMicros < 0) {
            throw new IllegalArgumentException("the exit latency bound must be 0 µs or more, was "
                    + maxExitLatencyMicros);
        }
        return changes.disableDeeperThan(present.require(cpus), maxExitLatencyMicros);
    }

    /**
     * Enables, on some CPUs, every idle state that is disabled, whoever disabled it: the way back from a change that
     * was kept ({@link IdleStateLease#keep()}, {@code lllqos idle-states} without {@code --hold}) or made by hand.
     * Like a kept lease, the change stays after this process: it is journalled as a lease's is, after what dead
     * holders left is put back, and kept once written, so that a crash midway leaves the next restore to put back
     * what it had enabled, and once made no one puts it back; a lease of lllqos that still holds such a state
     * disabled ends without writing it.
     *
     * @param cpus the CPU numbers, at least one, each present
     * @return applied, with the states that were disabled and are now enabled, as they were before (empty if none
     *     was disabled); not applied, with its {@link Outcome#refusal()}, where the change is refused (no
     *     permission, no such file): states already enabled by this call are disabled again first, and nothing is
     *     left changed
     * @throws IllegalArgumentException if a CPU does not exist or none is given; nothing changes then
     * @throws LowLatencyException when a state cannot be read or written for another reason, naming the file;
     *     states already enabled by this call are disabled again first
     */
    public Outcome<List<IdleState>> enableIdleStates(Collection<Integer> cpus) {
        return changes.enable(present.require(cpus));
    }

    /**
     * The {@code disable} file of an idle state, for messages.
     *
     * @param state the state
     * @return such as {@code /sys/devices/system/cpu/cpu0/cpuidle/state3/disable}
     */
    public String disablePath(IdleState state) {
        return sysfs.pathOf(SysfsLayout.disable(state));
    }

    /**
     * The file of a CPU's resume latency, for messages.
     *
     * @param cpu the CPU number
     * @return such as {@code /sys/devices/system/cpu/cpu0/power/pm_qos_resume_latency_us}
     */
    public String resumeLatencyPath(int cpu) {
        return sysfs.pathOf(SysfsLayout.resumeLatency(cpu));
    }
}
