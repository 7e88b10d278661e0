/** The {@code lllqos} command. */
module io.github.lllqos.cli {
    requires io.github.lllqos;
    requires info.picocli;
    requires HdrHistogram;
    requires java.desktop;

    opens io.github.lllqos.cli to info.picocli;
}
