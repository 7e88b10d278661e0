package io.github.lllqos.cli;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel's preemption model, from {@code /sys/kernel/realtime} (PREEMPT_RT kernels have it, holding 1), the
 * kernel version string ({@code uname -v}: {@code "#1 SMP PREEMPT_DYNAMIC ..."}) and, for PREEMPT_DYNAMIC, the
 * current mode from {@code /sys/kernel/debug/sched/preempt} ({@code "none voluntary (full) lazy"}).
 */
final class PreemptionModel {

    private static final Pattern CURRENT_MODE = Pattern.compile("\\((\\w+)\\)");
    private static final Pattern BOOT_MODE = Pattern.compile("(?:^|\\s)preempt=(\\S+)");

    private PreemptionModel() {
    }

    /**
     * The model.
     *
     * @param realtime the content of {@code /sys/kernel/realtime}
     * @param version the kernel version string
     * @return PREEMPT_RT, PREEMPT_DYNAMIC, PREEMPT, PREEMPT_LAZY, or none (voluntary or no forced preemption)
     */
    static Report.Value<String> model(Report.Value<String> realtime, Report.Value<String> version) {
        if (realtime.isKnown() && "1".equals(realtime.json())) {
            return Report.Value.known("PREEMPT_RT", "PREEMPT_RT (fully preemptible real-time kernel)");
        }
        if (!version.isKnown()) {
            return version.stillUnknown();
        }
        List<String> words = Arrays.asList(version.json().split("\\s+"));
        if (words.contains("PREEMPT_RT")) {
            return Report.Value.known("PREEMPT_RT", "PREEMPT_RT (fully preemptible real-time kernel)");
        }
        if (words.contains("PREEMPT_DYNAMIC")) {
            return Report.Value.known("PREEMPT_DYNAMIC", "PREEMPT_DYNAMIC (the mode is chosen at boot with"
                    + " preempt= or at run time)");
        }
        if (words.contains("PREEMPT_LAZY")) {
            return Report.Value.known("PREEMPT_LAZY", "PREEMPT_LAZY");
        }
        if (words.contains("PREEMPT")) {
            return Report.Value.known("PREEMPT", "PREEMPT (full preemption of kernel code)");
        }
        return Report.Value.known("none", "none (no forced preemption of kernel code, or voluntary: a long system"
                + " call can delay a woken thread)");
    }

    /**
     * The current mode of a PREEMPT_DYNAMIC kernel.
     *
     * @param model the model from {@link #model}
     * @param debugfs the content of {@code /sys/kernel/debug/sched/preempt}
     * @param cmdline the content of {@code /proc/cmdline}, for the boot-time choice when debugfs is unreadable
     * @return the mode, such as {@code "full"}; for other models, the model's fixed behaviour
     */
    static Report.Value<String> dynamicMode(Report.Value<String> model, Report.Value<String> debugfs,
            Report.Value<String> cmdline) {
        if (!model.isKnown()) {
            return model.stillUnknown();
        }
        if (!"PREEMPT_DYNAMIC".equals(model.json())) {
            return Report.Value.known(null, "fixed by the " + model.json() + " build");
        }
        if (debugfs.isKnown()) {
            Matcher current = CURRENT_MODE.matcher(debugfs.json());
            if (current.find()) {
                return Report.Value.known(current.group(1));
            }
            return Report.Value.unknown("/sys/kernel/debug/sched/preempt holds '" + debugfs.json()
                    + "', which marks no mode");
        }
        String bootHint = "";
        if (cmdline.isKnown()) {
            Matcher boot = BOOT_MODE.matcher(cmdline.json());
            bootHint = boot.find() ? "; booted with preempt=" + boot.group(1)
                    : "; no preempt= on the kernel command line, so the build's default";
        }
        return Report.Value.unknown(debugfs.reason() + ": mount debugfs (mount -t debugfs none /sys/kernel/debug)"
                + " as root to read it" + bootHint);
    }
}
