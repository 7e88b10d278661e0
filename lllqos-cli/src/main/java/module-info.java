/** The {@code lllqos} command. */
// HdrHistogram publishes no module name: it is required by its file name until it does.
@SuppressWarnings("requires-automatic")
module io.github.lllqos.cli {
    requires io.github.lllqos;
    requires io.github.lllqos.monitor;
    requires jdk.attach;
    requires info.picocli;
    requires HdrHistogram;
    requires com.fasterxml.jackson.databind;
    requires java.desktop;

    // picocli sets the options; Jackson reads the records status writes as JSON.
    opens io.github.lllqos.cli to info.picocli, com.fasterxml.jackson.databind;
    // The --json report's records (SpinCost, DeadlineRun) are written by Jackson.
    opens io.github.lllqos.cli.cyclic to com.fasterxml.jackson.databind;
}
