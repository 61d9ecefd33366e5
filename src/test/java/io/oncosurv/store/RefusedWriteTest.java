package io.oncosurv.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.CohortReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write the disk refuses, in process ({@link FullDisk}): H2 closes its store, and nothing may
 * hang on it (H2 spins for ever on a closed store once a ROLLBACK statement has met it) or fail
 * for long after it (the store is opened again from the file as last committed).
 */
class RefusedWriteTest {

    /** Generous: each step takes milliseconds; a hung thread never returns. */
    private static final Duration PROMPTLY = Duration.ofSeconds(20);

    private static final String SMALL = "patient_id,os_months,os_event\na,1,1\nb,2,0\n";

    @TempDir
    Path dataDir;

    private Database db;
    private CohortStore store;

    @BeforeEach
    void storeWithOneCohort() throws Exception {
        FullDisk.install();
        db = Database.open(dataDir, FullDisk.SCHEME);
        // the bytes in the database too, as with PostgreSQL: H2 writes the 16 MB (with H2 alone
        // they go to a file of their own, and only the metadata to H2)
        store = CohortStore.withBytesInDatabase(db, Clock.systemUTC());
        store.put("small", bytes(SMALL), parse(SMALL));
        // room for small writes, not for 16 MB
        FullDisk.limit(Files.size(db.file()) + (2 << 20));
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        FullDisk.limit(Long.MAX_VALUE);
        db.close();
    }

    @Test
    @DisplayName("a put the disk refuses fails at once with the disk's error, nothing stored; "
            + "connections in a transaction meanwhile roll back and close at once; reads and "
            + "puts work after")
    void refusedPut() throws Exception {
        // as report claims or other uploads would be, between two statements
        List<Connection> inTransaction = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Connection c = db.connection();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT COUNT(*) FROM cohort")) {
                r.next();
                assertEquals(1, r.getInt(1));
            }
            inTransaction.add(c);
        }

        StoreException refused = assertTimeoutPreemptively(PROMPTLY, () -> assertThrows(
                StoreException.class, () -> store.put("big", noise(16 << 20), parse(SMALL))));
        assertEquals("could not store cohort 'big'", refused.getMessage());
        assertTrue(causes(refused).contains("No space left on device"), causes(refused));

        // before the fix H2 spun for ever here: each ROLLBACK statement on the closed store
        // released its version twice, and the next statement never returned
        assertTimeoutPreemptively(PROMPTLY, () -> {
            for (Connection c : inTransaction) {
                try {
                    c.rollback();
                } catch (java.sql.SQLException e) {
                    // the database is closed: nothing to roll back
                }
                c.close();
            }
        });

        List<StoredCohort> listed = assertTimeoutPreemptively(PROMPTLY, store::list);
        assertEquals(List.of("small"), listed.stream().map(StoredCohort::name).toList());
        assertTimeoutPreemptively(PROMPTLY, () -> store.put("small-2", bytes(SMALL + "c,3,1\n"),
                parse(SMALL + "c,3,1\n")));
        assertEquals(Set.of("small", "small-2"), store.names());
    }

    @Test
    @DisplayName("the store opened again after a refused write waits while the old store's file "
            + "lock is still held, then serves; not for ever")
    void reopeningWaitsForTheLock() throws Exception {
        assertThrows(StoreException.class, () -> store.put("big", noise(16 << 20),
                parse(SMALL)));
        // H2 released the closed store's lock; holding it here as H2 might still, for a moment
        try (FileChannel file = FileChannel.open(db.file(), StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            FileLock lock = file.lock();
            CompletableFuture.runAsync(() -> {
                try {
                    lock.release();
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }, CompletableFuture.delayedExecutor(700, TimeUnit.MILLISECONDS));
            long start = System.nanoTime();
            assertEquals(Set.of("small"), assertTimeoutPreemptively(PROMPTLY, store::names));
            long waited = (System.nanoTime() - start) / 1_000_000;
            assertTrue(waited >= 600, "it waited for the lock: " + waited + " ms");
        }

        // a lock that is not let go: the wait ends, with H2's error, after its bound
        assertThrows(StoreException.class, () -> store.put("big-2", noise(16 << 20),
                parse(SMALL)));
        try (FileChannel file = FileChannel.open(db.file(), StandardOpenOption.READ,
                StandardOpenOption.WRITE); FileLock held = file.lock()) {
            long start = System.nanoTime();
            StoreException locked = assertTimeoutPreemptively(PROMPTLY, () -> assertThrows(
                    StoreException.class, store::names));
            long waited = (System.nanoTime() - start) / 1_000_000;
            assertTrue(causes(locked).contains("The file is locked"), causes(locked));
            assertTrue(waited >= Database.REOPEN_WAIT_MILLIS - 1_000
                    && waited < Database.REOPEN_WAIT_MILLIS + 5_000, waited + " ms");
        }
        assertEquals(Set.of("small"), assertTimeoutPreemptively(PROMPTLY, store::names));
    }

    private static String causes(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Bytes that do not compress: the store writes them whole. */
    private static byte[] noise(int size) {
        byte[] b = new byte[size];
        new Random(15).nextBytes(b);
        return b;
    }

    private static Cohort parse(String text) throws Exception {
        return CohortReader.read(bytes(text), ',');
    }
}
