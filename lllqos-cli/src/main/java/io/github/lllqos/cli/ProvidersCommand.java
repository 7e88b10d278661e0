package io.github.lllqos.cli;

import io.github.lllqos.LowLatency;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints which provider is in use and why the others were passed over. */
@Command(name = "providers", mixinStandardHelpOptions = true,
        description = "Show which provider lllqos uses and why the others were passed over.")
final class ProvidersCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(LowLatency.providerSelection().report());
        return 0;
    }
}
