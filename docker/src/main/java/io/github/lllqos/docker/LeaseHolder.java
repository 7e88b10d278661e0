package io.github.lllqos.docker;

import io.github.lllqos.CpuLatencyLease;
import io.github.lllqos.LowLatency;
import io.github.lllqos.realtime.PriorityChange;
import io.github.lllqos.realtime.Realtime;
import io.github.lllqos.realtime.SchedPolicy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The program of the test image: holds a CPU latency lease through the public API and reports its state, one
 * line per event, on standard output.
 *
 * <p>Usage: {@code LeaseHolder TARGET_MICROS}. Each state line reads
 * {@code event=E acquired=true|false provider=NAME target=N effective=N|unknown[ reason=TEXT]}, with the event
 * {@code start}, {@code updated} or {@code closed}. Commands, one per line on standard input:
 * {@code update N} changes the target, {@code close} releases the lease and keeps running, {@code stop} (or the
 * end of input) releases it and exits, and {@code realtime POLICY PRIORITY} ({@code realtime FIFO 50}) elevates the
 * thread that reads the commands and prints {@code event=realtime method=M policy=P priority=N nice=N tid=N
 * [reason=TEXT]} (values the kernel reports, {@code unknown} where there is none; {@code tid} is the thread's id in
 * the program's pid namespace). A command that fails prints {@code event=error message=TEXT}. The lease is also
 * released on SIGTERM; on SIGKILL the kernel removes the request.
 */
public final class LeaseHolder {

    private final CpuLatencyLease lease;
    private final PrintStream out;

    private LeaseHolder(CpuLatencyLease lease, PrintStream out) {
        this.lease = lease;
        this.out = out;
    }

    /**
     * Holds a lease at the target given as the only argument until told to stop.
     *
     * @param args the target in microseconds
     * @throws IOException if standard input cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: LeaseHolder TARGET_MICROS (one argument), got "
                    + args.length + " arguments");
        }
        int target = Integer.parseInt(args[0]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        LeaseHolder holder = new LeaseHolder(LowLatency.lowWakeupLatency(target), out);
        Runtime.getRuntime().addShutdownHook(new Thread(holder.lease::close, "lease-holder-release"));
        holder.report("start");
        holder.serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        holder.lease.close();
        holder.report("closed");
    }

    private void serve(BufferedReader commands) throws IOException {
        for (String line = commands.readLine(); line != null; line = commands.readLine()) {
            String command = line.strip();
            try {
                if (command.equals("stop")) {
                    return;
                } else if (command.equals("close")) {
                    lease.close();
                    report("closed");
                } else if (command.startsWith("update ")) {
                    lease.update(Integer.parseInt(command.substring("update ".length()).strip()));
                    report("updated");
                } else if (command.startsWith("realtime ")) {
                    elevate(command.substring("realtime ".length()).strip().split("\\s+"));
                } else if (!command.isEmpty()) {
                    throw new IllegalArgumentException("unknown command '" + command
                            + "': expected 'update N', 'close', 'realtime POLICY PRIORITY' or 'stop'");
                }
            } catch (RuntimeException e) {
                out.println("event=error message=" + e.getMessage());
            }
        }
    }

    private void elevate(String[] policyAndPriority) {
        if (policyAndPriority.length != 2) {
            throw new IllegalArgumentException("expected 'realtime POLICY PRIORITY', e.g. 'realtime FIFO 50'");
        }
        PriorityChange change = Realtime.elevatePriority(
                SchedPolicy.valueOf(policyAndPriority[0].toUpperCase(Locale.ROOT)),
                Integer.parseInt(policyAndPriority[1]));
        StringBuilder line = new StringBuilder()
                .append("event=realtime method=").append(change.method())
                .append(" policy=").append(change.policy().map(SchedPolicy::name).orElse("unknown"))
                .append(" priority=").append(text(change.priority()))
                .append(" nice=").append(text(change.nice()))
                .append(" tid=").append(text(Realtime.threadId()));
        change.reason().ifPresent(reason -> line.append(" reason=").append(reason));
        out.println(line);
    }

    private static String text(OptionalInt value) {
        return value.isPresent() ? String.valueOf(value.getAsInt()) : "unknown";
    }

    private static String text(OptionalLong value) {
        return value.isPresent() ? String.valueOf(value.getAsLong()) : "unknown";
    }

    private void report(String event) {
        OptionalInt effective = LowLatency.effectiveCpuLatency();
        StringBuilder line = new StringBuilder()
                .append("event=").append(event)
                .append(" acquired=").append(lease.acquired())
                .append(" provider=").append(LowLatency.providerName())
                .append(" target=").append(lease.targetMicros())
                .append(" effective=").append(text(effective));
        lease.notAcquiredReason().ifPresent(reason -> line.append(" reason=").append(reason));
        out.println(line);
    }
}
