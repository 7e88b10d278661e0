package io.github.lllqos.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.lllqos.CpuLatencyLease;
import io.github.lllqos.LowLatency;
import io.github.lllqos.spi.CpuLatencyQos;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * The CPU latency section of {@code status}: the effective limit, whether this user can place requests (found by
 * placing one at the default, which changes nothing), and which processes hold the device open, from the
 * provider's {@code /proc}.
 */
final class CpuLatencyStatus {

    private static final String DEVICE = CpuLatencyQos.DEVICE;

    private final StatusFiles files;

    CpuLatencyStatus(StatusFiles files) {
        this.files = files;
    }

    /** Whether a request could be placed, as {@code can_place_requests} carries it. */
    record RequestPermission(boolean allowed, String user,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {
    }

    /** The processes with the device open, and how many could not be looked at. */
    record DeviceHolders(List<DeviceHolder> processes, int uninspectable) {
    }

    /** A process with the device open; {@code command} is null where {@code /proc/PID/comm} cannot be read. */
    record DeviceHolder(long pid, String command) {
    }

    Report section(OptionalInt limit) {
        Report section = new Report();
        if (limit.isPresent()) {
            int micros = limit.getAsInt();
            section.put("effective_limit_us", "effective limit", Report.Value.known(micros, micros + " µs"
                    + (micros == CpuLatencyQos.DEFAULT_VALUE_MICROS ? " (the default: no process requests a limit)"
                            : "")));
        } else {
            section.put("effective_limit_us", "effective limit", Report.Value.unknown("the provider '"
                    + LowLatency.providerName() + "' cannot read it; see 'can place requests'"));
        }
        section.put("can_place_requests", "can place requests", permission());
        section.put("holders", "processes holding " + DEVICE + " open", holders());
        return section;
    }

    private static Report.Value<RequestPermission> permission() {
        try (CpuLatencyLease probe = LowLatency.lowWakeupLatency(CpuLatencyQos.DEFAULT_VALUE_MICROS)) {
            String user = System.getProperty("user.name");
            RequestPermission permission = new RequestPermission(probe.acquired(), user,
                    probe.notAcquiredReason().orElse(null));
            return Report.Value.known(permission, permission.allowed() ? "yes (user " + user + ")"
                    : "no (user " + user + "): " + permission.reason());
        }
    }

    /** Who holds requests: the processes with the device open (the kernel does not show their values). */
    private Report.Value<DeviceHolders> holders() {
        List<DeviceHolder> holders = new ArrayList<>();
        int uninspectable = 0;
        List<String> processes;
        try {
            processes = files.list("/proc");
        } catch (NoSuchFileException e) {
            return Report.Value.unknown("/proc does not exist" + (e.getReason() == null ? "" : ": " + e.getReason()));
        } catch (IOException e) {
            return Report.Value.unknown("/proc cannot be listed: " + e);
        }
        for (String pid : processes) {
            if (pid.isEmpty() || !pid.chars().allMatch(Character::isDigit)) {
                continue;
            }
            try {
                if (holdsDevice(pid)) {
                    Report.Value<String> command = files.read("/proc/" + pid + "/comm");
                    holders.add(new DeviceHolder(Long.parseLong(pid), command.isKnown() ? command.json() : null));
                }
            } catch (NoSuchFileException exited) {
                // the process ended while /proc was listed
            } catch (IOException | RuntimeException e) {
                uninspectable++;
            }
        }
        String text = holders.isEmpty() ? "none" : holders.stream()
                .map(holder -> holder.pid() + " " + (holder.command() == null ? "(command unknown)" : holder.command()))
                .collect(Collectors.joining(", "));
        if (uninspectable > 0) {
            text += " (" + uninspectable + " processes could not be inspected: run as root to see them all)";
        }
        return Report.Value.known(new DeviceHolders(List.copyOf(holders), uninspectable), text);
    }

    private boolean holdsDevice(String pid) throws IOException {
        String descriptors = "/proc/" + pid + "/fd";
        for (String descriptor : files.list(descriptors)) {
            try {
                if (files.readLink(descriptors + "/" + descriptor).equals(DEVICE)) {
                    return true;
                }
            } catch (IOException closed) {
                // the descriptor was closed while the directory was listed
            }
        }
        return false;
    }
}
