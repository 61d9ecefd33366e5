package io.oncosurv.store;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.message.DbException;

/**
 * Pooled connections to the embedded H2 database that never send it a ROLLBACK statement.
 *
 * <p>After a write the disk refused, H2 (2.3.232; 2.4.240 alike) closes the store, and a
 * ROLLBACK statement that meets it then releases the store's current version twice: the
 * transaction's end releases it, throws the write's error again, and the end of the statement
 * releases it once more. From then on every statement on that store spins for ever in
 * {@code MVStore.registerVersionUsage} (the closed store never gets a newer version), holding
 * its thread: an upload answered 503 at its deadline instead of 507, a worker lost. Rolling
 * back through the session, which is what the ROLLBACK statement does inside, releases nothing
 * twice, and writes nothing when there is no transaction (the statement always began one, and
 * with {@code WRITE_DELAY=0} ending it wrote other sessions' pending pages).
 * {@code JdbcConnectionPool} sends ROLLBACK whenever a connection comes back, so H2 has this
 * pool. A connection that cannot be rolled back, or whose database H2 has closed, is closed
 * through its session and never handed out again.
 */
final class H2Connections implements DataSource {

    private static final int MAX_CONNECTIONS = 16;
    private static final long WAIT_SECONDS = 30;

    private final JdbcDataSource source = new JdbcDataSource();
    private final Semaphore free = new Semaphore(MAX_CONNECTIONS);
    private final Deque<JdbcConnection> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    H2Connections(String url, String user) {
        source.setURL(url);
        source.setUser(user);
        source.setPassword("");
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (closed) {
            throw new SQLException("the connections to " + source.getURL() + " are closed");
        }
        try {
            if (!free.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new SQLException("all " + MAX_CONNECTIONS + " connections to the database "
                        + "stayed in use for " + WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a database connection", e);
        }
        try {
            JdbcConnection c = idle.pollFirst();
            return handle(c != null ? c : (JdbcConnection) source.getConnection());
        } catch (SQLException | RuntimeException e) {
            free.release();
            throw e;
        }
    }

    /** The connection as its user sees it: rollback through the session, close gives it back. */
    private Connection handle(JdbcConnection c) {
        AtomicBoolean returned = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(H2Connections.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close":
                            if (returned.compareAndSet(false, true)) {
                                giveBack(c);
                            }
                            return null;
                        case "isClosed":
                            return returned.get() || c.isClosed();
                        case "equals":
                            return proxy == args[0];
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "toString":
                            return "pooled " + c;
                        default:
                            break;
                    }
                    if (returned.get()) { // the connection may be someone else's by now
                        throw new SQLException("the connection is closed", "08003");
                    }
                    if (method.getName().equals("rollback") && method.getParameterCount() == 0) {
                        rollBack(c);
                        return null;
                    }
                    return invoke(method, c, args);
                });
    }

    private static Object invoke(Method method, JdbcConnection c, Object[] args)
            throws Throwable {
        try {
            return method.invoke(c, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** What the ROLLBACK statement does, without the statement around it (see above). */
    private static void rollBack(JdbcConnection c) throws SQLException {
        if (!(c.getSession() instanceof SessionLocal session)) {
            c.rollback(); // closed (this throws), or not embedded, which a file URL never is
            return;
        }
        session.lock();
        try {
            session.rollback();
        } catch (RuntimeException e) {
            throw DbException.toSQLException(e);
        } finally {
            session.unlock();
        }
    }

    private void giveBack(JdbcConnection c) {
        try {
            if (!closed && reset(c)) {
                idle.addFirst(c);
            } else {
                discard(c);
            }
        } finally {
            free.release();
        }
        if (closed) { // closed while this one was out
            closeIdle();
        }
    }

    /** Rolled back and in auto-commit again, on a store H2 has not closed: fit to reuse. */
    private static boolean reset(JdbcConnection c) {
        try {
            rollBack(c);
            if (!(c.getSession() instanceof SessionLocal session) || storeClosed(session)) {
                return false;
            }
            session.setAutoCommit(true); // no transaction is left to commit
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private static boolean storeClosed(SessionLocal session) {
        var store = session.getDatabase().getStore().getMvStore();
        return store.isClosed() || store.getPanicException() != null;
    }

    /**
     * Closes the session first, which rolls back through it: closing a connection with changes
     * pending would send a ROLLBACK statement.
     */
    private static void discard(JdbcConnection c) {
        Session session = c.getSession();
        if (session != null) {
            session.lock();
            try {
                session.close();
            } catch (RuntimeException e) {
                // a database H2 closed may fail even to close a session; it is dropped
            } finally {
                session.unlock();
            }
        }
        try {
            c.close();
        } catch (SQLException e) {
            // its session is closed already
        }
    }

    /** Closes the idle connections now and the others when they come back. */
    void close() {
        closed = true;
        closeIdle();
    }

    private void closeIdle() {
        JdbcConnection c;
        while ((c = idle.pollFirst()) != null) {
            discard(c);
        }
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the store's connections have one user");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // nothing is logged through JDBC
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // an embedded database has no login to wait for
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no java.util.logging");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
