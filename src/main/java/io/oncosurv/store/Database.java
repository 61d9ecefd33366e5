package io.oncosurv.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.api.ErrorCode;

/**
 * The store's database: the embedded H2 file database in the data directory (the default), or a
 * PostgreSQL server shared by the nodes of a cluster ({@link #openPostgres}); the same Flyway
 * migrations bring either up to date, and the same SQL runs on both.
 * {@code WRITE_DELAY=0} makes every commit reach the file before {@code commit()} returns, so a
 * process killed right after an acknowledged upload has it when it starts again. A database that
 * cannot be opened (corrupted, truncated) is an error that says so: nothing is served from it.
 * After a write the disk refused, H2 closes the database; the next connection reopens it from
 * the file as last committed, so the server goes on with what it had. H2's connections come
 * from {@link H2Connections}, which never sends H2 a ROLLBACK statement (it would hang a thread
 * on the closed store). PostgreSQL's come from HikariCP, which checks a connection before
 * handing it out and replaces the dead ones (a restarted server) itself.
 */
public final class Database implements AutoCloseable {

    /** How long a reopening waits for H2 to let go of the closed database's file. */
    static final long REOPEN_WAIT_MILLIS = 10_000;

    private final Supplier<Pool> pools;
    private final Path file;
    private final String description;
    private volatile Pool pool;
    private final Opening opening;

    /** Where connections come from, and how to let them all go. */
    private record Pool(DataSource source, Runnable dispose) {
    }

    /**
     * How long opening took: the engine (for H2, reading the file and recovering it after a
     * crash) and the migrations (Flyway checking, or applying, the schema).
     */
    public record Opening(long engineMillis, long migrationMillis) {
    }

    private Database(Supplier<Pool> pools, Path file, String description, Pool pool,
            Opening opening) {
        this.pools = pools;
        this.file = file;
        this.description = description;
        this.pool = pool;
        this.opening = opening;
    }

    /** Opens (creating if needed) {@code <dataDir>/oncosurv.mv.db} and migrates it. */
    public static Database open(Path dataDir) {
        return open(dataDir, "file");
    }

    /** The same through one of H2's file systems (tests give one whose disk fills). */
    static Database open(Path dataDir, String fileSystem) {
        Path file = dataDir.toAbsolutePath().resolve("oncosurv.mv.db");
        String url = "jdbc:h2:" + fileSystem + ":" + dataDir.toAbsolutePath().resolve("oncosurv")
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        Supplier<Pool> pools = () -> {
            H2Connections connections = new H2Connections(url, "oncosurv");
            return new Pool(connections, connections::close);
        };
        Pool pool = pools.get();
        Opening opening;
        try {
            opening = openAndMigrate(pool.source());
        } catch (RuntimeException | SQLException e) {
            pool.dispose().run();
            throw new StoreException("the database " + file + " cannot be opened"
                    + (Files.exists(file) ? " (it may be corrupted or truncated)" : "")
                    + ": OncoSurv will not serve from it; restore it from a backup", e);
        }
        return new Database(pools, file, file.toString(), pool, opening);
    }

    /** The most connections a node holds to PostgreSQL (docs/deployment.md sizes the server). */
    static final int POSTGRES_CONNECTIONS = 16;

    static {
        // HikariCP checks a connection before handing it out unless it was used in the last
        // 500 ms; 0 checks every time (one round trip, as the H2 path's query), so a connection
        // a restarted server dropped a moment ago is never handed to a request. Its documented
        // setting is this system property; an operator's own value is kept.
        if (System.getProperty("com.zaxxer.hikari.aliveBypassWindowMs") == null) {
            System.setProperty("com.zaxxer.hikari.aliveBypassWindowMs", "0");
        }
    }

    /**
     * A PostgreSQL database (e.g. {@code jdbc:postgresql://db:5432/oncosurv}), shared by the
     * nodes of a cluster, migrated as the H2 one is. Its connections come from a HikariCP pool
     * of at most {@link #POSTGRES_CONNECTIONS}, opened as they are needed (two kept idle) so
     * that idle nodes and tests hold few of the server's connections.
     */
    public static Database openPostgres(String url, String user, String password) {
        Supplier<Pool> pools = () -> {
            HikariConfig config = new HikariConfig();
            config.setPoolName("oncosurv-postgres");
            config.setJdbcUrl(url);
            config.setUsername(user);
            config.setPassword(password);
            config.setMaximumPoolSize(POSTGRES_CONNECTIONS);
            config.setMinimumIdle(2);
            HikariDataSource connections = new HikariDataSource(config); // one connection, now
            return new Pool(connections, connections::close);
        };
        Pool pool = null;
        Opening opening;
        try {
            pool = pools.get();
            opening = openAndMigrate(pool.source());
        } catch (RuntimeException | SQLException e) {
            if (pool != null) {
                pool.dispose().run();
            }
            throw new StoreException("the database " + url + " cannot be opened or migrated: "
                    + rootMessage(e), e);
        }
        return new Database(pools, null, url, pool, opening);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** The first connection opens the database (H2: reads and recovers the file); then Flyway. */
    private static Opening openAndMigrate(DataSource pool) throws SQLException {
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
        Pool used = pool;
        if (file == null) { // PostgreSQL: HikariCP checks and replaces its connections
            return used.source().getConnection();
        }
        try {
            Connection c = used.source().getConnection();
            if (alive(c)) {
                return c;
            }
            closeQuietly(c);
        } catch (SQLException e) {
            // the pool's database is closed: open it again below
        }
        return reopened(used).source().getConnection();
    }

    /**
     * Rolls back after {@code failure}; a rollback that fails too (the database H2 closed under a
     * refused write) is kept with it, never in its place: the failure says what happened.
     */
    static void rollBackAfter(Connection c, Exception failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
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
     * and a new one opens the database again from the file as last committed. Threads that
     * find the same dead pool wait here for the one that replaces it.
     */
    private synchronized Pool reopened(Pool dead) throws SQLException {
        if (pool == dead) { // else another thread has replaced it already
            dead.dispose().run();
            pool = opened();
        }
        return pool;
    }

    /**
     * An H2 pool whose first connection could be made, which opens the database again. H2 may
     * still be letting go of the closed one: its store still holds the file's lock ("Database
     * may be already in use": The file is locked), or it is still registered ("The database has
     * been closed"). Either ends within milliseconds, so those are tried again, for at most
     * {@link #REOPEN_WAIT_MILLIS}. Blocking: workers only, never an event loop.
     */
    private Pool opened() throws SQLException {
        long deadline = System.nanoTime() + REOPEN_WAIT_MILLIS * 1_000_000;
        long pause = 10;
        while (true) {
            Pool fresh = pools.get();
            try {
                fresh.source().getConnection().close();
                return fresh;
            } catch (SQLException e) {
                fresh.dispose().run();
                if (!h2LettingGo(e) || System.nanoTime() + pause * 1_000_000 > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while reopening " + description, e);
            }
            pause = Math.min(pause * 2, 500);
        }
    }

    private static boolean h2LettingGo(SQLException e) {
        return e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1
                || e.getErrorCode() == ErrorCode.DATABASE_IS_CLOSED;
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
        pool.dispose().run();
    }
}
