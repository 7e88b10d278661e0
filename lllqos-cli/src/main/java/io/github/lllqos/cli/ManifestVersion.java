package io.github.lllqos.cli;

import picocli.CommandLine.IVersionProvider;

/** The version of {@code --version}: the {@code Implementation-Version} of the jar the command runs from. */
final class ManifestVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = LllqosCommand.class.getPackage().getImplementationVersion();
        return new String[] {"lllqos " + (version == null ? "(not run from a jar: no version)" : version),
            "JVM: ${java.version} (${java.vendor} ${java.vm.name} ${java.vm.version})",
            "OS: ${os.name} ${os.version} ${os.arch}"};
    }
}
