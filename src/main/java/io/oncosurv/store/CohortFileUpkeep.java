package io.oncosurv.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cohort files kept in step with the rows that name them: at start the bytes of cohorts
 * stored before files existed move out of the database, and files no row names are removed; a
 * file goes when its last row does.
 */
final class CohortFileUpkeep {

    private static final Logger LOG = LoggerFactory.getLogger(CohortFileUpkeep.class);

    private final Database database;
    private final CohortFiles files;

    CohortFileUpkeep(Database database, CohortFiles files) {
        this.database = database;
        this.files = files;
    }

    /**
     * Creates the directory of files, moves the bytes of cohorts stored before it out of the
     * database (one cohort at a time: killed half-way, the next start goes on), and removes
     * files no row refers to (a crash between a file's rename and its row's commit).
     */
    void open() {
        try {
            files.create();
            int moved = moveOutOfDatabase();
            if (moved > 0) {
                LOG.info("moved the files of {} cohorts out of the database into {}", moved,
                        files.dir());
            }
            int removed = removeOrphans();
            if (removed > 0) {
                LOG.info("removed {} cohort files no cohort refers to (left by a crash before "
                        + "their upload was committed) from {}", removed, files.dir());
            }
        } catch (IOException | SQLException e) {
            throw new StoreException("could not open the cohort files in " + files.dir(), e);
        }
    }

    private int moveOutOfDatabase() throws SQLException, IOException {
        Map<String, String> shaById = new LinkedHashMap<>();
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement("SELECT k.cohort_id, c.sha256 FROM "
                        + "cohort_content k JOIN cohort c ON c.id = k.cohort_id");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                shaById.put(r.getString(1), r.getString(2));
            }
        }
        for (var e : shaById.entrySet()) {
            try (Connection c = database.connection()) {
                byte[] content;
                try (PreparedStatement s = c.prepareStatement("SELECT content FROM "
                        + "cohort_content WHERE cohort_id = ?")) {
                    s.setString(1, e.getKey());
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        content = r.getBytes(1);
                    }
                }
                // under the name its row gives: bytes damaged in the database stay damaged
                // (reads refuse them), never take another file's place
                var lock = CohortFiles.lock(e.getValue());
                lock.lock();
                try {
                    files.write(e.getValue(), content);
                } finally {
                    lock.unlock();
                }
                try (PreparedStatement s = c.prepareStatement("DELETE FROM cohort_content "
                        + "WHERE cohort_id = ?")) {
                    s.setString(1, e.getKey());
                    s.executeUpdate();
                }
            }
        }
        return shaById.size();
    }

    private int removeOrphans() throws SQLException, IOException {
        Set<String> referred = new HashSet<>();
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement("SELECT DISTINCT sha256 FROM cohort");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                referred.add(r.getString(1));
            }
        }
        int removed = 0;
        for (String name : files.names()) {
            if (CohortFiles.TEMPORARY.matcher(name).matches()) {
                if (files.deleteLeftOver(name)) {
                    removed++;
                }
            } else if (CohortFiles.NAME.matcher(name).matches() && !referred.contains(name)
                    && removeIfUnreferred(name)) {
                removed++;
            }
        }
        return removed;
    }

    /** Removes the file of {@code sha256} if no row refers to it (now, under its lock). */
    boolean removeIfUnreferred(String sha256) throws SQLException, IOException {
        var lock = CohortFiles.lock(sha256);
        lock.lock();
        try {
            try (Connection c = database.connection();
                    PreparedStatement s = c.prepareStatement("SELECT 1 FROM cohort WHERE "
                            + "sha256 = ? LIMIT 1")) {
                s.setString(1, sha256);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        return false;
                    }
                }
            }
            files.delete(sha256);
            return true;
        } finally {
            lock.unlock();
        }
    }
}
