package dev.flowline.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowline.core.error.FlowlineException;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUriTest {

    @Test
    void sqliteWithThreeSlashesIsRelativeToTheWorkingDirectoryAndFourAbsolute() {
        assertThat(DatabaseUri.parse(URI.create("sqlite:///mlflow.db")).jdbcUrl())
                .isEqualTo("jdbc:sqlite:" + Path.of("mlflow.db").toAbsolutePath());
        DatabaseUri absolute = DatabaseUri.parse(URI.create("sqlite:////var/data/mlflow.db"));
        assertThat(absolute.jdbcUrl()).isEqualTo("jdbc:sqlite:/var/data/mlflow.db");
        assertThat(absolute.dialect()).isInstanceOf(SqliteDialect.class);
    }

    @Test
    void postgresqlWithDriverSuffixCredentialsAndPortBecomesJdbcWithBatchRewriting() {
        DatabaseUri uri = DatabaseUri.parse(URI.create("postgresql+psycopg2://bob:s%40cret@db.example:6543/mlflow"));
        assertThat(uri.dialect()).isInstanceOf(PostgresDialect.class);
        assertThat(uri.jdbcUrl())
                .isEqualTo(
                        "jdbc:postgresql://db.example:6543/mlflow?reWriteBatchedInserts=true&defaultRowFetchSize=1000"
                                + "&options=-c%20jit%3Doff");
        assertThat(uri.user()).isEqualTo("bob");
        assertThat(uri.password()).isEqualTo("s@cret");
    }

    @Test
    void mysqlUsesTheMariadbDriverWithDefaultPortAndTheSessionModeFlowlineNeeds() {
        DatabaseUri uri = DatabaseUri.parse(URI.create("mysql+pymysql://root@localhost/mlflow"));
        assertThat(uri.dialect()).isInstanceOf(MySqlDialect.class);
        assertThat(uri.jdbcUrl())
                .startsWith("jdbc:mariadb://localhost:3306/mlflow?")
                .contains("NO_AUTO_VALUE_ON_ZERO");
        assertThat(uri.user()).isEqualTo("root");
        assertThat(uri.password()).isNull();
    }

    @Test
    void supportedSchemesAreRecognisedWithAndWithoutDriverSuffix() {
        assertThat(DatabaseUri.supports(URI.create("sqlite:///x.db"))).isTrue();
        assertThat(DatabaseUri.supports(URI.create("postgresql+psycopg2://h/db")))
                .isTrue();
        assertThat(DatabaseUri.supports(URI.create("mysql+pymysql://h/db"))).isTrue();
        assertThat(DatabaseUri.supports(URI.create("mssql://h/db"))).isFalse();
        assertThat(DatabaseUri.supports(URI.create("file:///tmp/mlruns"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "sqlite://relative.db",
                "sqlite:///",
                "postgresql:///db",
                "postgresql://host",
                "mysql://host/",
                "mssql://h/db"
            })
    void malformedUrisAreRejectedWithAMessage(String uri) {
        assertThatThrownBy(() -> DatabaseUri.parse(URI.create(uri)))
                .isInstanceOf(FlowlineException.class)
                .message()
                .isNotBlank();
    }

    @Test
    void redactedUriHidesThePassword() {
        assertThat(DatabaseUri.redacted(URI.create("postgresql://bob:secret@h/db")))
                .isEqualTo("postgresql://bob:***@h/db");
    }
}
