package io.oncosurv.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reports and their artefacts, durable: a job acknowledged with 202 is a row before the answer
 * goes out, and a revision's artefacts are written in the transaction that marks it done, so a
 * crash leaves either the whole set or none. Revisions of a report never overwrite the served
 * artefacts until the new set is complete.
 */
public final class ReportStore {

    private static final String COLUMNS = "id, spec, cohort_name, follow, cohort_id, revision, "
            + "status, error, progress_done, progress_total, done_revision, created_at, "
            + "updated_at, owner";
    /** A job any node may claim: queued, or running with its lease run out. */
    private static final String CLAIMABLE = "(status = 'queued' OR (status = 'running' AND "
            + "lease_until < ?))";

    private final Database database;
    private final Clock clock;
    private final String node;
    private final java.time.Duration lease;
    /**
     * The jobs this process's runners are running now: never claimed a second time here (a
     * slow step must not let a second runner start the same job) nor requeued under them.
     */
    private final java.util.Set<String> working =
            java.util.concurrent.ConcurrentHashMap.newKeySet();

    public ReportStore(Database database, Clock clock) {
        this(database, clock, "local", java.time.Duration.ofSeconds(30));
    }

    /**
     * @param node  this node's name, recorded as the owner of the jobs it runs
     * @param lease how long a claimed job stays this node's without progress
     */
    public ReportStore(Database database, Clock clock, String node, java.time.Duration lease) {
        this.database = database;
        this.clock = clock;
        this.node = node;
        this.lease = lease;
    }

    /**
     * Claims the next job to run for this node: a queued one, or a running one whose node let
     * its lease run out (it died). The row lock with SKIP LOCKED makes each job one node's,
     * even when every node claims at once.
     */
    public Optional<StoredReport> claim() {
        List<String> mine = List.copyOf(working);
        if (!anyClaimable(mine)) {
            return Optional.empty(); // idle polls only read: no transaction, no lock, no write
        }
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                String id = null;
                int revision = 0;
                try (PreparedStatement s = c.prepareStatement("SELECT id, revision FROM report "
                        + "WHERE " + CLAIMABLE + notIn(mine) + " ORDER BY updated_at, id LIMIT 1 "
                        + "FOR UPDATE SKIP LOCKED")) {
                    s.setTimestamp(1, now());
                    bind(s, 2, mine);
                    try (ResultSet r = s.executeQuery()) {
                        if (r.next()) {
                            id = r.getString(1);
                            revision = r.getInt(2);
                        }
                    }
                }
                if (id == null) {
                    c.rollback();
                    return Optional.empty();
                }
                try (PreparedStatement s = c.prepareStatement("UPDATE report SET status = "
                        + "'running', owner = ?, lease_until = ?, updated_at = ? WHERE id = ? "
                        + "AND revision = ?")) {
                    s.setString(1, node);
                    s.setTimestamp(2, leaseEnd());
                    s.setTimestamp(3, now());
                    s.setString(4, id);
                    s.setInt(5, revision);
                    s.executeUpdate();
                }
                working.add(id);
                try {
                    c.commit();
                } catch (SQLException e) {
                    working.remove(id); // not claimed after all
                    throw e;
                }
                try {
                    return get(id);
                } catch (RuntimeException e) {
                    working.remove(id); // claimed but not run: its lease runs out
                    throw e;
                }
            } catch (SQLException | RuntimeException e) {
                Database.rollBackAfter(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("could not claim a report job", e);
        }
    }

    private boolean anyClaimable(List<String> mine) {
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement("SELECT 1 FROM report WHERE "
                        + CLAIMABLE + notIn(mine) + " LIMIT 1")) {
            s.setTimestamp(1, now());
            bind(s, 2, mine);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        } catch (SQLException e) {
            throw new StoreException("could not look for report jobs", e);
        }
    }

    private static String notIn(List<String> ids) {
        return ids.isEmpty() ? "" : " AND id NOT IN (" + String.join(", ", java.util.Collections
                .nCopies(ids.size(), "?")) + ")";
    }

    private static void bind(PreparedStatement s, int first, List<String> ids)
            throws SQLException {
        for (int i = 0; i < ids.size(); i++) {
            s.setString(first + i, ids.get(i));
        }
    }

    /** A runner of this process is done with a job it claimed (finished, failed or lost it). */
    public void released(String id) {
        working.remove(id);
    }

    /**
     * Renews the lease of every job this process's runners are running: while the process
     * lives its jobs stay its own, however slow a step (a loaded machine); only a dead or frozen
     * node's lease runs out.
     *
     * @return the jobs renewed
     */
    public int renewLeases() {
        List<String> mine = List.copyOf(working);
        if (mine.isEmpty()) {
            return 0;
        }
        int[] updated = new int[1];
        update("UPDATE report SET lease_until = ? WHERE status = 'running' AND owner = ?"
                + " AND id IN (" + String.join(", ", java.util.Collections.nCopies(mine.size(),
                        "?")) + ")", s -> {
                    s.setTimestamp(1, leaseEnd());
                    s.setString(2, node);
                    bind(s, 3, mine);
                }, updated);
        return updated[0];
    }

    /** How long a job stays a node's without a renewal. */
    public java.time.Duration lease() {
        return lease;
    }

    /** Jobs queued or running, over all nodes: what the bound on jobs counts. */
    public int active() {
        return select("SELECT " + COLUMNS + " FROM report WHERE status IN ('queued', "
                + "'running')", null).size();
    }

    private Timestamp leaseEnd() {
        return Timestamp.from(clock.instant().plus(lease).truncatedTo(ChronoUnit.MILLIS));
    }

    /** A new report, queued for its first revision. */
    public StoredReport create(String spec, String cohortName, boolean follow, String cohortId) {
        Timestamp now = now();
        String id = UUID.randomUUID().toString();
        update("INSERT INTO report (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, 1, 'queued', NULL, "
                + "0, 0, 0, ?, ?, NULL)", s -> {
                    s.setString(1, id);
                    s.setString(2, spec);
                    s.setString(3, cohortName);
                    s.setBoolean(4, follow);
                    s.setString(5, cohortId);
                    s.setTimestamp(6, now);
                    s.setTimestamp(7, now);
                });
        return get(id).orElseThrow();
    }

    public Optional<StoredReport> get(String id) {
        return select("SELECT " + COLUMNS + " FROM report WHERE id = ?", id).stream()
                .findFirst();
    }

    /** Reports queued or running: after a restart, each is run again. */
    /** The newest {@code limit} reports, newest first (ties: by id, so the order is stable). */
    public List<StoredReport> recent(int limit) {
        return select("SELECT " + COLUMNS + " FROM report ORDER BY created_at DESC, id DESC "
                + "LIMIT " + Math.max(0, limit), null);
    }

    public List<StoredReport> unfinished() {
        return select("SELECT " + COLUMNS + " FROM report WHERE status IN ('queued', "
                + "'running') ORDER BY created_at", null);
    }

    /** Reports that follow a cohort name. */
    public List<StoredReport> following(String cohortName) {
        return select("SELECT " + COLUMNS + " FROM report WHERE follow AND cohort_name = ? "
                + "ORDER BY created_at", cohortName);
    }

    /**
     * Back to "queued" (a run cut short by a restart), same revision; not a job a runner of
     * this process has claimed since (it is running, not cut short).
     */
    public void requeue(String id, int revision) {
        if (working.contains(id)) {
            return;
        }
        transition(id, revision, "queued", null);
    }

    /** The next revision, on another cohort version, queued; its served artefacts stay. */
    public StoredReport nextRevision(String id, String cohortId) {
        update("UPDATE report SET revision = revision + 1, cohort_id = ?, status = 'queued', "
                + "error = NULL, progress_done = 0, progress_total = 0, updated_at = ?, owner = "
                + "NULL WHERE id = ?", s -> {
                    s.setString(1, cohortId);
                    s.setTimestamp(2, now());
                    s.setString(3, id);
                });
        return get(id).orElseThrow();
    }

    /** @return false when the report is not at that revision any more (a stale run) */
    public boolean start(String id, int revision) {
        int[] updated = new int[1];
        update("UPDATE report SET status = 'running', owner = ?, lease_until = ?, updated_at = ? "
                + "WHERE id = ? AND revision = ?", s -> {
                    s.setString(1, node);
                    s.setTimestamp(2, leaseEnd());
                    s.setTimestamp(3, now());
                    s.setString(4, id);
                    s.setInt(5, revision);
                }, updated);
        return updated[0] == 1;
    }

    /**
     * Progress, which also renews this node's lease on the job.
     *
     * @return false when the job is not this node's running job any more (requeued, taken
     *         over, finished, or moved on to another revision): its runner should stop
     */
    public boolean progress(String id, int revision, int done, int total) {
        int[] updated = new int[1];
        update("UPDATE report SET progress_done = ?, progress_total = ?, updated_at = ?, "
                + "lease_until = ? WHERE id = ? AND revision = ? AND status = 'running' AND "
                + "(owner IS NULL OR owner = ?)",
                s -> {
                    s.setInt(1, done);
                    s.setInt(2, total);
                    s.setTimestamp(3, now());
                    s.setTimestamp(4, leaseEnd());
                    s.setString(5, id);
                    s.setInt(6, revision);
                    s.setString(7, node);
                }, updated);
        return updated[0] == 1;
    }

    /**
     * Fails the revision, while it is this node's (not after another took it over) and not
     * finished (a done job is never turned to failed).
     */
    public void fail(String id, int revision, String error) {
        String text = error.length() > 2000 ? error.substring(0, 1997) + "..." : error;
        update("UPDATE report SET status = 'failed', error = ?, updated_at = ? WHERE id = ? AND "
                + "revision = ? AND status IN ('queued', 'running') AND (owner IS NULL OR "
                + "owner = ?)", s -> {
                    s.setString(1, text);
                    s.setTimestamp(2, now());
                    s.setString(3, id);
                    s.setInt(4, revision);
                    s.setString(5, node);
                });
    }

    /**
     * The revision's artefacts and its "done", in one transaction; the artefacts of earlier
     * revisions go in the same transaction.
     *
     * @return false when the report has moved on to another revision meanwhile, or another
     *         node took it over, or it is finished already
     */
    public boolean complete(String id, int revision, List<StoredArtefact> artefacts) {
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                int updated;
                // only while the job is this node's: one taken over after a lost lease is not
                try (PreparedStatement s = c.prepareStatement("UPDATE report SET status = "
                        + "'done', error = NULL, done_revision = ?, progress_done = "
                        + "progress_total, updated_at = ? WHERE id = ? AND revision = ? AND "
                        + "status IN ('queued', 'running') AND (owner IS NULL OR owner = ?)")) {
                    s.setInt(1, revision);
                    s.setTimestamp(2, now());
                    s.setString(3, id);
                    s.setInt(4, revision);
                    s.setString(5, node);
                    updated = s.executeUpdate();
                }
                if (updated == 0) {
                    c.rollback();
                    return false;
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO report_artefact "
                        + "(report_id, revision, position, name, media_type, sha256, content) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    for (int i = 0; i < artefacts.size(); i++) {
                        StoredArtefact a = artefacts.get(i);
                        s.setString(1, id);
                        s.setInt(2, revision);
                        s.setInt(3, i);
                        s.setString(4, a.name());
                        s.setString(5, a.mediaType());
                        s.setString(6, a.sha256());
                        s.setBytes(7, a.content());
                        s.addBatch();
                    }
                    s.executeBatch();
                }
                try (PreparedStatement s = c.prepareStatement("DELETE FROM report_artefact "
                        + "WHERE report_id = ? AND revision < ?")) {
                    s.setString(1, id);
                    s.setInt(2, revision);
                    s.executeUpdate();
                }
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                Database.rollBackAfter(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("could not store the artefacts of report " + id, e);
        }
    }

    /** The served artefacts (of the done revision), without their bytes, in report order. */
    public List<StoredArtefact> artefacts(String id) {
        List<StoredArtefact> out = new ArrayList<>();
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement("SELECT a.name, a.media_type, "
                        + "a.sha256, OCTET_LENGTH(a.content) FROM report_artefact a JOIN report r "
                        + "ON r.id = a.report_id AND r.done_revision = a.revision WHERE r.id = ? "
                        + "ORDER BY a.position")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new StoredArtefact(r.getString(1), r.getString(2), r.getString(3),
                            r.getInt(4), null));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("could not list the artefacts of report " + id, e);
        }
        return out;
    }

    /** One served artefact with its bytes. */
    public Optional<StoredArtefact> artefact(String id, String name) {
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement("SELECT a.name, a.media_type, "
                        + "a.sha256, a.content FROM report_artefact a JOIN report r ON r.id = "
                        + "a.report_id AND r.done_revision = a.revision WHERE r.id = ? AND "
                        + "a.name = ?")) {
            s.setString(1, id);
            s.setString(2, name);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                byte[] content = r.getBytes(4);
                return Optional.of(new StoredArtefact(r.getString(1), r.getString(2),
                        r.getString(3), content.length, content));
            }
        } catch (SQLException e) {
            throw new StoreException("could not read artefact " + name + " of report " + id, e);
        }
    }

    private boolean transition(String id, int revision, String status, String error) {
        int[] updated = new int[1];
        update("UPDATE report SET status = ?, error = ?, updated_at = ?, owner = CASE WHEN ? = "
                + "'queued' THEN NULL ELSE owner END WHERE id = ? AND revision = ?", s -> {
                    s.setString(1, status);
                    s.setString(2, error);
                    s.setTimestamp(3, now());
                    s.setString(4, status);
                    s.setString(5, id);
                    s.setInt(6, revision);
                }, updated);
        return updated[0] == 1;
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    private interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    private void update(String sql, Binder binder) {
        update(sql, binder, new int[1]);
    }

    private void update(String sql, Binder binder, int[] count) {
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            count[0] = s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("could not update reports", e);
        }
    }

    private List<StoredReport> select(String sql, String parameter) {
        List<StoredReport> out = new ArrayList<>();
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement(sql)) {
            if (parameter != null) {
                s.setString(1, parameter);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new StoredReport(r.getString(1), r.getString(2), r.getString(3),
                            r.getBoolean(4), r.getString(5), r.getInt(6), r.getString(7),
                            r.getString(8), r.getInt(9), r.getInt(10), r.getInt(11),
                            r.getTimestamp(12).toInstant(), r.getTimestamp(13).toInstant(),
                            r.getString(14)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("could not read reports", e);
        }
        return out;
    }
}
