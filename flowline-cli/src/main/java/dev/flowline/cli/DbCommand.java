package dev.flowline.cli;

import dev.flowline.core.backend.BackendStores;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code flowline db upgrade <uri>}: migrates a backend store's schema. */
@Command(
        name = "db",
        description = "Manage the backend store's database.",
        subcommands = DbCommand.Upgrade.class,
        mixinStandardHelpOptions = true)
final class DbCommand {

    @Command(
            name = "upgrade",
            mixinStandardHelpOptions = true,
            description =
                    "Upgrade the schema of a backend store to this version of Flowline. Back the database up first.")
    static final class Upgrade implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "URL", description = "Backend store URI, e.g. sqlite:///mlflow.db")
        URI url;

        @Override
        public Integer call() {
            System.out.println(BackendStores.providerFor(url).upgrade(url));
            return 0;
        }
    }
}
