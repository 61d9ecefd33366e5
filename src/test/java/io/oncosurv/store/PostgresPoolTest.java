package io.oncosurv.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.cohort.CohortReader;
import io.oncosurv.testsupport.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** PostgreSQL's connections through HikariCP: a bad login says why, dropped ones are replaced. */
class PostgresPoolTest {

    private static final byte[] FILE = "patient_id,os_months,os_event\na,1,1\nb,2,0\n"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    @DisplayName("a wrong password: a StoreException at once naming the database and "
            + "PostgreSQL's reason")
    void wrongPassword() {
        try (TestPostgres pg = TestPostgres.create()) {
            long start = System.nanoTime();
            StoreException e = assertThrows(StoreException.class,
                    () -> Database.openPostgres(pg.url(), pg.user(), pg.password() + "-wrong"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(e.getMessage().startsWith("the database " + pg.url()
                    + " cannot be opened or migrated: "), e.getMessage());
            assertTrue(e.getMessage().contains("password authentication failed for user \""
                    + pg.user() + "\""), e.getMessage());
            assertTrue(millis < 15_000, "fails on the first try, not after the pool's 30 s wait: "
                    + millis + " ms");
        }
    }

    @Test
    @DisplayName("connections the server dropped (pg_terminate_backend) are replaced: the next "
            + "read and write succeed at once")
    void droppedConnectionsReplaced() throws Exception {
        try (TestPostgres pg = TestPostgres.create();
                Database db = Database.openPostgres(pg.url(), pg.user(), pg.password())) {
            CohortStore store = new CohortStore(db, Clock.systemUTC());
            store.put("before", FILE, CohortReader.read(FILE, (char) 0));
            int dropped;
            try (Connection admin = DriverManager.getConnection(pg.url(), pg.user(),
                    pg.password());
                    ResultSet r = admin.createStatement().executeQuery("SELECT COUNT(*) FROM "
                            + "(SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                            + "datname = current_database() AND pid <> pg_backend_pid()) t")) {
                r.next();
                dropped = r.getInt(1);
            }
            assertTrue(dropped >= 1, "the pool held a connection: " + dropped);
            assertEquals(1, store.list().size());
            store.put("after", FILE, CohortReader.read(FILE, (char) 0));
            assertEquals(2, store.list().size());
        }
    }
}
