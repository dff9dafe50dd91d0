package dev.flowline.cli;

import dev.flowline.server.FlowlineVersion;
import picocli.CommandLine.IVersionProvider;

/** Prints the version from the jar's manifest. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"flowline " + FlowlineVersion.get()};
    }
}
