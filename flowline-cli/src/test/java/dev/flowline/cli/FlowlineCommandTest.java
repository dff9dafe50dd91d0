package dev.flowline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FlowlineCommandTest {

    private record Outcome(int exitCode, String stderr) {}

    private static Outcome run(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int code = FlowlineCommand.run(args);
            return new Outcome(code, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    @Test
    void unknownServerFlagPrintsOneClearLineAndExitsWithTwo() {
        Outcome outcome = run("server", "--bogus");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr())
                .startsWith("flowline: Unknown option: '--bogus'")
                .contains("Try 'flowline server --help'");
    }

    @Test
    void nonNumericPortIsRejected() {
        Outcome outcome = run("server", "--port", "abc");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr()).contains("'--port'").contains("abc");
    }

    @Test
    void portOutOfRangeIsRejected() {
        Outcome outcome = run("server", "--port", "70000");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr()).contains("70000 is not a port number");
    }

    @Test
    void unsupportedBackendStoreUriExitsWithOneAndNamesTheSupportedSchemes() {
        Outcome outcome = run("server", "--backend-store-uri", "foo://x");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.stderr())
                .contains("Unsupported backend store URI 'foo://x'")
                .contains("sqlite:///");
    }

    @Test
    void unknownSubcommandIsRejected() {
        Outcome outcome = run("serverx");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.stderr()).contains("'serverx'");
    }
}
