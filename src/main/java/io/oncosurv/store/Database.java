package io.oncosurv.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * The store's database: the embedded H2 file database in the data directory (the default), or a
 * PostgreSQL server shared by the nodes of a cluster ({@link #openPostgres}); the same Flyway
 * migrations bring either up to date, and the same SQL runs on both.
 * {@code WRITE_DELAY=0} makes every commit reach the file before {@code commit()} returns, so a
 * process killed right after an acknowledged upload has it when it starts again. A database that
 * cannot be opened (corrupted, truncated) is an error that says so: nothing is served from it.
 * After a write the disk refused, H2 closes the database; the next connection reopens it from
 * the file as last committed, so the server goes on with what it had.
 */
public final class Database implements AutoCloseable {

    private final java.util.function.Supplier<JdbcConnectionPool> pools;
    private final Path file;
    private final String description;
    private volatile JdbcConnectionPool pool;
    private final Opening opening;

    /**
     * How long opening took: the engine (for H2, reading the file and recovering it after a
     * crash) and the migrations (Flyway checking, or applying, the schema).
     */
    public record Opening(long engineMillis, long migrationMillis) {
    }

    private Database(java.util.function.Supplier<JdbcConnectionPool> pools, Path file,
            String description, JdbcConnectionPool pool, Opening opening) {
        this.pools = pools;
        this.file = file;
        this.description = description;
        this.pool = pool;
        this.opening = opening;
    }

    /** Opens (creating if needed) {@code <dataDir>/oncosurv.mv.db} and migrates it. */
    public static Database open(Path dataDir) {
        Path file = dataDir.toAbsolutePath().resolve("oncosurv.mv.db");
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("oncosurv")
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        java.util.function.Supplier<JdbcConnectionPool> pools = () -> sized(
                JdbcConnectionPool.create(url, "oncosurv", ""));
        JdbcConnectionPool pool = pools.get();
        Opening opening;
        try {
            opening = openAndMigrate(pool);
        } catch (RuntimeException | SQLException e) {
            pool.dispose();
            throw new StoreException("the database " + file + " cannot be opened"
                    + (Files.exists(file) ? " (it may be corrupted or truncated)" : "")
                    + ": OncoSurv will not serve from it; restore it from a backup", e);
        }
        return new Database(pools, file, file.toString(), pool, opening);
    }

    /**
     * A PostgreSQL database (e.g. {@code jdbc:postgresql://db:5432/oncosurv}), shared by the
     * nodes of a cluster, migrated as the H2 one is.
     */
    public static Database openPostgres(String url, String user, String password) {
        java.util.function.Supplier<JdbcConnectionPool> pools = () -> {
            PGConnectionPoolDataSource source = new PGConnectionPoolDataSource();
            source.setURL(url);
            source.setUser(user);
            source.setPassword(password);
            return sized(JdbcConnectionPool.create(source));
        };
        JdbcConnectionPool pool = pools.get();
        Opening opening;
        try {
            opening = openAndMigrate(pool);
        } catch (RuntimeException | SQLException e) {
            pool.dispose();
            throw new StoreException("the database " + url + " cannot be opened or migrated: "
                    + rootMessage(e), e);
        }
        return new Database(pools, null, url, pool, opening);
    }

    private static JdbcConnectionPool sized(JdbcConnectionPool pool) {
        pool.setMaxConnections(16);
        return pool;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** The first connection opens the database (H2: reads and recovers the file); then Flyway. */
    private static Opening openAndMigrate(JdbcConnectionPool pool) throws SQLException {
        long start = System.nanoTime();
        pool.getConnection().close();
        long opened = System.nanoTime();
        migrate(pool);
        return new Opening((opened - start) / 1_000_000, (System.nanoTime() - opened) / 1_000_000);
    }

    private static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .javaMigrations(new CohortContentApart()).load().migrate();
    }

    Connection connection() throws SQLException {
        JdbcConnectionPool used = pool;
        try {
            Connection c = used.getConnection();
            if (alive(c)) {
                return c;
            }
            closeQuietly(c);
        } catch (SQLException e) {
            // the pool's database is closed: open it again below
        }
        return reopened(used).getConnection();
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // a dead connection may fail even to close; it is dropped with its pool
        }
    }

    /**
     * A query that reads the store, not {@code isValid} or {@code SELECT 1}: a session of a
     * database H2 closed after a failed write still answers those.
     */
    private static boolean alive(Connection c) {
        try (var s = c.createStatement()) {
            s.execute("SELECT COUNT(*) FROM \"flyway_schema_history\""); // touches the store
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * A fresh pool after H2 closed the database (a failed write): its connections are all dead,
     * and a new one opens the database again from the file as last committed.
     */
    private synchronized JdbcConnectionPool reopened(JdbcConnectionPool dead) {
        if (pool == dead) { // else another thread has replaced it already
            dead.dispose();
            pool = pools.get();
        }
        return pool;
    }

    /** How long {@link #open} or {@link #openPostgres} took, by step. */
    public Opening opening() {
        return opening;
    }

    /** The H2 database file; null for PostgreSQL. */
    public Path file() {
        return file;
    }

    /** The file or the URL, for messages (never a password). */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        pool.dispose();
    }
}
