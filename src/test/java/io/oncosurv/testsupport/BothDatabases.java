package io.oncosurv.testsupport;

import io.oncosurv.store.Database;
import java.nio.file.Path;
import java.util.function.Consumer;

/** A store test on "h2" (a file under {@code dataDir}) or "postgres" (a throwaway database). */
public final class BothDatabases {

    private BothDatabases() {
    }

    public static void on(String kind, Path dataDir, Consumer<Database> test) {
        if (kind.equals("h2")) {
            try (Database db = Database.open(dataDir)) {
                test.accept(db);
            }
            return;
        }
        try (TestPostgres pg = TestPostgres.create();
                Database db = Database.openPostgres(pg.url(), pg.user(), pg.password())) {
            test.accept(db);
        }
    }
}
