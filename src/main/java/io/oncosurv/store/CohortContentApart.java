package io.oncosurv.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration 5: each cohort's file moves to a table of its own, {@code cohort_content}, so that
 * listing and reading metadata never reads a file (H2 reads a row whole: with the file in the
 * cohort row, every listing read every file). Then V6 drops the old column.
 *
 * <p>One cohort per transaction: a single {@code INSERT ... SELECT} of gigabytes holds them all
 * in memory until it commits. Copying only what is not copied yet, it picks up where a crash
 * left it.
 */
final class CohortContentApart implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("5");
    }

    @Override
    public String getDescription() {
        return "cohort content apart";
    }

    @Override
    public Integer getChecksum() {
        return 5; // fixed: a change to this class must be a new migration
    }

    @Override
    public boolean canExecuteInTransaction() {
        return false; // it commits cohort by cohort itself
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        boolean autoCommit = c.getAutoCommit();
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS cohort_content ("
                    + "cohort_id VARCHAR(36) PRIMARY KEY REFERENCES cohort (id) ON DELETE CASCADE, "
                    + "content BYTEA NOT NULL)");
        }
        List<String> ids = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT id FROM "
                + "cohort c WHERE NOT EXISTS (SELECT 1 FROM cohort_content k "
                + "WHERE k.cohort_id = c.id)")) {
            while (r.next()) {
                ids.add(r.getString(1));
            }
        }
        c.setAutoCommit(false);
        try (PreparedStatement copy = c.prepareStatement("INSERT INTO cohort_content "
                + "(cohort_id, content) SELECT id, content FROM cohort WHERE id = ?")) {
            for (String id : ids) {
                copy.setString(1, id);
                copy.executeUpdate();
                c.commit();
            }
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
