package io.github.lllqos.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lllqos.contract.RealEnvironment;
import io.github.lllqos.spi.support.CpuList;
import io.github.lllqos.topology.CpuReservation;
import io.github.lllqos.topology.CpuTopology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reservations between real processes that share a lock directory. */
class CpuReservationProcessesTest {

    /** How a refusal names a holder: {@code CPU 3 is held by PID 42} or {@code CPUs 3,5 are held by PID 42}. */
    private static final Pattern HELD_BY = Pattern.compile("CPUs? ([\\d,-]+) (?:is|are) held by PID (\\d+)");

    @TempDir
    Path locks;

    @BeforeEach
    void requireLinux() {
        RealEnvironment.require(System.getProperty("os.name").startsWith("Linux"), "this is not Linux");
    }

    @Test
    void several_jvms_racing_for_the_cpus_never_get_the_same_one_and_the_refused_name_every_holder()
            throws Exception {
        Set<Integer> online = CpuTopology.current().online();
        List<ReservationHolder> holders = race(online.size() + 3, online);
        try {
            Map<Integer, Long> held = heldCpus(holders);
            assertThat(held.keySet()).containsExactlyInAnyOrderElementsOf(online);
            for (ReservationHolder refused : holders) {
                if (!refused.holds()) {
                    assertThat(refused.firstLine()).startsWith("refused HELD: ");
                    assertThat(namedHolders(refused.firstLine())).as(refused.firstLine()).isEqualTo(held);
                }
            }
        } finally {
            closeAll(holders);
        }
    }

    @Test
    void as_many_jvms_as_reservable_cpus_racing_for_them_each_get_one() throws Exception {
        Set<Integer> online = CpuTopology.current().online();
        List<ReservationHolder> holders = race(online.size(), online);
        try {
            assertThat(holders).as("every JVM holds a CPU").allSatisfy(holder ->
                    assertThat(holder.holds()).as(holder.firstLine()).isTrue());
            assertThat(heldCpus(holders).keySet()).containsExactlyInAnyOrderElementsOf(online);
        } finally {
            closeAll(holders);
        }
    }

    @Test
    void a_process_reading_the_holder_all_the_while_never_makes_a_reservation_fail() throws Exception {
        int cpu = CpuTopology.current().online().stream().max(Integer::compare).orElseThrow();
        List<String> refusals = new ArrayList<>();
        withLockDirectory(() -> CpuReservation.acquireAmong(Set.of(cpu)).close());
        try (ReservationHolder prober = ReservationHolder.start(locks, ReservationHolderMain.PROBE + cpu)) {
            assertThat(prober.firstLine()).isEqualTo("probing");
            withLockDirectory(() -> {
                for (int attempt = 0; attempt < 200; attempt++) {
                    try (CpuReservation mine = CpuReservation.acquireAmong(Set.of(cpu))) {
                        mine.notAcquiredReason().ifPresent(refusals::add);
                    }
                }
            });
        }
        assertThat(refusals).as("reservations refused while another process only read who holds the CPU").isEmpty();
    }

    /** Starts JVMs at once, each reserving any of the given CPUs; returns them once each has said how it fared. */
    private List<ReservationHolder> race(int jvms, Set<Integer> cpus) throws Exception {
        ExecutorService starter = Executors.newFixedThreadPool(jvms);
        List<Future<ReservationHolder>> started = new ArrayList<>();
        for (int i = 0; i < jvms; i++) {
            started.add(starter.submit(() -> ReservationHolder.start(locks, "any",
                    "-Dlllqos.reservable-cpus=" + CpuList.format(cpus))));
        }
        List<ReservationHolder> holders = new ArrayList<>();
        try {
            for (Future<ReservationHolder> holder : started) {
                holders.add(holder.get(60, TimeUnit.SECONDS));
            }
        } catch (Exception e) {
            closeAll(holders);
            throw e;
        } finally {
            starter.shutdown();
        }
        return holders;
    }

    /** The CPU of each JVM that holds one, with its PID; fails where two JVMs hold the same CPU. */
    private static Map<Integer, Long> heldCpus(List<ReservationHolder> holders) {
        Map<Integer, Long> held = new TreeMap<>();
        for (ReservationHolder holder : holders) {
            if (holder.holds()) {
                for (int cpu : CpuList.parse(holder.firstLine().substring("held ".length()))) {
                    assertThat(held.put(cpu, holder.pid())).as("CPU " + cpu + " given twice").isNull();
                }
            }
        }
        return held;
    }

    /** The CPUs a refusal names as held, with the PIDs it names for them. */
    private static Map<Integer, Long> namedHolders(String refusal) {
        Map<Integer, Long> named = new TreeMap<>();
        Matcher holder = HELD_BY.matcher(refusal);
        while (holder.find()) {
            for (int cpu : CpuList.parse(holder.group(1))) {
                named.put(cpu, Long.parseLong(holder.group(2)));
            }
        }
        return named;
    }

    private static void closeAll(List<ReservationHolder> holders) throws Exception {
        for (ReservationHolder holder : holders) {
            holder.close();
        }
    }

    @Test
    void killing_a_holder_with_sigkill_frees_its_cpu_at_once() throws Exception {
        int cpu = CpuTopology.current().online().stream().max(Integer::compare).orElseThrow();
        ReservationHolder holder = ReservationHolder.start(locks, Integer.toString(cpu));
        try {
            assertThat(holder.holds()).as(holder.firstLine()).isTrue();
            withLockDirectory(() -> {
                try (CpuReservation refused = CpuReservation.acquireAmong(Set.of(cpu))) {
                    assertThat(refused.acquired()).isFalse();
                    assertThat(refused.notAcquiredReason().orElseThrow()).contains("PID " + holder.pid());
                }
            });
            holder.kill();
            assertThat(Files.readString(locks.resolve("cpu-" + cpu + ".lock"))).as("the dead holder's record stays")
                    .contains("pid=" + holder.pid());
            withLockDirectory(() -> {
                try (CpuReservation mine = CpuReservation.acquireAmong(Set.of(cpu))) {
                    assertThat(mine.acquired()).as(mine.notAcquiredReason().orElse("")).isTrue();
                    assertThat(mine.cpus()).containsExactly(cpu);
                }
            });
        } finally {
            holder.kill();
        }
    }

    private void withLockDirectory(Runnable check) {
        String before = System.getProperty(LinuxProvider.CPU_LOCK_DIRECTORY_PROPERTY);
        System.setProperty(LinuxProvider.CPU_LOCK_DIRECTORY_PROPERTY, locks.toString());
        try {
            check.run();
        } finally {
            if (before == null) {
                System.clearProperty(LinuxProvider.CPU_LOCK_DIRECTORY_PROPERTY);
            } else {
                System.setProperty(LinuxProvider.CPU_LOCK_DIRECTORY_PROPERTY, before);
            }
        }
    }
}
