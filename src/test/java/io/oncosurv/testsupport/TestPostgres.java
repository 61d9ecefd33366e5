package io.oncosurv.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh PostgreSQL database for one test, made on the server named by
 * {@code ONCOSURV_TEST_PG_URL} (a database to connect to for CREATE DATABASE, e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres}), {@code ONCOSURV_TEST_PG_USER} and
 * {@code ONCOSURV_TEST_PG_PASSWORD}, and dropped after. {@code .ci/run} starts Debian's
 * PostgreSQL and sets them, with {@code ONCOSURV_REQUIRE_PG=1}: then a missing server fails the
 * tests instead of skipping them.
 */
public final class TestPostgres implements AutoCloseable {

    private final String admin;
    private final String user;
    private final String password;
    private final String name;

    private TestPostgres(String admin, String user, String password, String name) {
        this.admin = admin;
        this.user = user;
        this.password = password;
        this.name = name;
    }

    public static TestPostgres create() {
        String admin = System.getenv("ONCOSURV_TEST_PG_URL");
        if (admin == null) {
            if ("1".equals(System.getenv("ONCOSURV_REQUIRE_PG"))) {
                Assertions.fail("ONCOSURV_REQUIRE_PG=1 but ONCOSURV_TEST_PG_URL is not set");
            }
            Assumptions.abort("no PostgreSQL for tests: set ONCOSURV_TEST_PG_URL (.ci/run does)");
        }
        String user = System.getenv().getOrDefault("ONCOSURV_TEST_PG_USER", "oncosurv");
        String password = System.getenv().getOrDefault("ONCOSURV_TEST_PG_PASSWORD", "oncosurv");
        String name = "oncosurv_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(admin, user, password)) {
            c.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + admin, e);
        }
        return new TestPostgres(admin, user, password, name);
    }

    /** The JDBC URL of the test's database. */
    public String url() {
        return admin.substring(0, admin.lastIndexOf('/') + 1) + name;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /**
     * Drops the database, its sessions ended. A session this role may not end (an autovacuum
     * worker that just started on the new database: "must be a member of the role whose
     * process is being terminated") ends by itself within moments: tried again for up to 30 s.
     */
    @Override
    public void close() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Connection c = DriverManager.getConnection(admin, user, password)) {
                c.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                return;
            } catch (SQLException e) {
                boolean passing = "42501".equals(e.getSQLState()) // may not end that session
                        || "55006".equals(e.getSQLState()); // still in use
                if (!passing || System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot drop the test database " + name, e);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted dropping " + name, stop);
                }
            }
        }
    }
}
