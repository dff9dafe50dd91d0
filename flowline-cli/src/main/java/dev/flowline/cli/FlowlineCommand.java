package dev.flowline.cli;

import dev.flowline.core.error.FlowlineException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code flowline} command. */
@Command(
        name = "flowline",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "ML lifecycle platform that speaks MLflow's protocols.",
        subcommands = {ServerCommand.class, DbCommand.class})
public final class FlowlineCommand {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command and returns its exit code, printing one clear line for a failure the user can fix. */
    public static int run(String... args) {
        Logging.configure();
        CommandLine commandLine = new CommandLine(new FlowlineCommand());
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (e instanceof FlowlineException fe) {
                cmd.getErr().println("flowline: " + fe.getMessage());
                return 1;
            }
            throw e;
        });
        commandLine.setParameterExceptionHandler((e, ignored) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("flowline: " + e.getMessage());
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        });
        return commandLine.execute(args);
    }
}
