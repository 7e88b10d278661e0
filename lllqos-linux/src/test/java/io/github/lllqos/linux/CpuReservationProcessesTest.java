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
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reservations between real processes that share a lock directory. */
class CpuReservationProcessesTest {

    @TempDir
    Path locks;

    @BeforeEach
    void requireLinux() {
        RealEnvironment.require(System.getProperty("os.name").startsWith("Linux"), "this is not Linux");
    }

    @Test
    void several_jvms_racing_for_the_cpus_never_get_the_same_one() throws Exception {
        Set<Integer> online = CpuTopology.current().online();
        String all = CpuList.format(online);
        int jvms = online.size() + 3;
        ExecutorService starter = Executors.newFixedThreadPool(jvms);
        List<Future<ReservationHolder>> started = new ArrayList<>();
        for (int i = 0; i < jvms; i++) {
            started.add(starter.submit(() -> ReservationHolder.start(locks, "any",
                    "-Dlllqos.reservable-cpus=" + all)));
        }
        List<ReservationHolder> holders = new ArrayList<>();
        try {
            for (Future<ReservationHolder> holder : started) {
                holders.add(holder.get(60, TimeUnit.SECONDS));
            }
            List<Integer> given = new ArrayList<>();
            for (ReservationHolder holder : holders) {
                if (holder.holds()) {
                    given.addAll(CpuList.parse(holder.firstLine().substring("held ".length())));
                } else {
                    assertThat(holder.firstLine()).startsWith("refused HELD: ").contains("is held by PID");
                }
            }
            assertThat(given).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(online);
        } finally {
            starter.shutdown();
            for (ReservationHolder holder : holders) {
                holder.close();
            }
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
