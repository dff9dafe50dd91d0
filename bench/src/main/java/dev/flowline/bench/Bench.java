package dev.flowline.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bench <area>}: load scenarios against a flowline server started as its own process. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Flowline benchmarks: start a server, drive it over HTTP keep-alive connections, print medians.",
        subcommands = {TrackingBench.class, RegistryBench.class, ArtifactsBench.class})
public final class Bench {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }
}
