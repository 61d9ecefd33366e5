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
 *
 * <p>A job runs once: each claim writes a fresh lease token to the row, and a runner's progress,
 * artefacts and end are written only while the row still carries its token (fencing: a runner
 * whose lease ran out and whose job was claimed again writes nothing). The lease is renewed by
 * a heartbeat ({@link #renewLeases}) while the claim is held, not by progress. "done" and
 * "failed" are final for their revision; stored progress never goes back.
 */
public final class ReportStore {

    /** The statuses as the statements write them: one spelling, {@link ReportStatus}. */
    private static final String QUEUED = ReportStatus.QUEUED.sql();
    private static final String RUNNING = ReportStatus.RUNNING.sql();
    private static final String DONE = ReportStatus.DONE.sql();
    private static final String FAILED = ReportStatus.FAILED.sql();


    private static final String COLUMNS = "id, spec, cohort_name, follow, cohort_id, revision, "
            + "status, error, progress_done, progress_total, done_revision, created_at, "
            + "updated_at, owner";
    /** A job any node may claim: queued, or running with its lease run out. */
    private static final String CLAIMABLE = "(status = " + QUEUED + " OR (status = " + RUNNING
            + " AND lease_until < ?))";

    private final Database database;
    private final Clock clock;
    private final String node;
    private final java.time.Duration lease;
    /**
     * The jobs this process's runners are running now, with the lease token of their claim:
     * never claimed a second time here (a slow step must not let a second runner start the
     * same job) nor requeued under them; the token fences their writes.
     */
    private final java.util.Map<String, String> working =
            new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * Jobs whose artefacts are being written: their row is locked by that transaction, so the
     * heartbeat leaves them out rather than wait for it (and let the other jobs' leases lapse).
     */
    private final java.util.Set<String> completing =
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
        List<String> mine = List.copyOf(working.keySet());
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
                String token = UUID.randomUUID().toString();
                int updated;
                // the condition again: a job finished meanwhile is never reopened
                try (PreparedStatement s = c.prepareStatement("UPDATE report SET status = "
                        + RUNNING + ", owner = ?, lease_until = ?, updated_at = ?, lease_token = "
                        + "? WHERE id = ? AND revision = ? AND " + CLAIMABLE)) {
                    s.setString(1, node);
                    s.setTimestamp(2, leaseEnd());
                    s.setTimestamp(3, now());
                    s.setString(4, token);
                    s.setString(5, id);
                    s.setInt(6, revision);
                    s.setTimestamp(7, now());
                    updated = s.executeUpdate();
                }
                if (updated == 0) {
                    c.rollback();
                    return Optional.empty();
                }
                working.put(id, token);
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

    /** The lease token of this process's claim on a job; a token no row carries when none. */
    private String token(String id) {
        String token = working.get(id);
        return token == null ? "none" : token;
    }

    /**
     * The heartbeat: renews the lease of every job this process's runners hold, whatever their
     * progress: while the process lives its jobs stay its own, however slow a step (a loaded
     * machine, a long PDF); only a dead or frozen node's lease runs out. A claim another runner
     * took over meanwhile is not renewed (its token is not the row's any more).
     *
     * @return the jobs renewed
     */
    public int renewLeases() {
        List<String> tokens = new ArrayList<>();
        working.forEach((id, token) -> {
            if (!completing.contains(id)) {
                tokens.add(token);
            }
        });
        if (tokens.isEmpty()) {
            return 0;
        }
        int[] updated = new int[1];
        update("UPDATE report SET lease_until = ? WHERE status = " + RUNNING
                + " AND lease_token IN ("
                + String.join(", ", java.util.Collections.nCopies(tokens.size(), "?")) + ")",
                s -> {
                    s.setTimestamp(1, leaseEnd());
                    bind(s, 2, tokens);
                }, updated);
        return updated[0];
    }

    /** How long a job stays a node's without a renewal. */
    public java.time.Duration lease() {
        return lease;
    }

    /** Jobs queued or running, over all nodes: what the bound on jobs counts. */
    public int active() {
        return select("SELECT " + COLUMNS + " FROM report WHERE status IN (" + QUEUED + ", "
                + RUNNING + ")", null).size();
    }

    private Timestamp leaseEnd() {
        return Timestamp.from(clock.instant().plus(lease).truncatedTo(ChronoUnit.MILLIS));
    }

    /** A new report, queued for its first revision. */
    public StoredReport create(String spec, String cohortName, boolean follow, String cohortId) {
        Timestamp now = now();
        String id = UUID.randomUUID().toString();
        update("INSERT INTO report (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, 1, " + QUEUED
                + ", NULL, 0, 0, 0, ?, ?, NULL)", s -> {
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
        return select("SELECT " + COLUMNS + " FROM report WHERE status IN (" + QUEUED + ", "
                + RUNNING + ") ORDER BY created_at", null);
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
        if (working.containsKey(id)) {
            return;
        }
        // only a run left unfinished: a job that ended since the caller looked stays ended
        update("UPDATE report SET status = " + QUEUED + ", error = NULL, updated_at = ?, "
                + "owner = NULL, lease_token = NULL WHERE id = ? AND revision = ? AND status IN ("
                + QUEUED + ", "
                + RUNNING + ")", s -> {
                    s.setTimestamp(1, now());
                    s.setString(2, id);
                    s.setInt(3, revision);
                });
    }

    /** The next revision, on another cohort version, queued; its served artefacts stay. */
    public StoredReport nextRevision(String id, String cohortId) {
        update("UPDATE report SET revision = revision + 1, cohort_id = ?, status = " + QUEUED + ", "
                + "error = NULL, progress_done = 0, progress_total = 0, updated_at = ?, owner = "
                + "NULL, lease_token = NULL WHERE id = ?", s -> {
                    s.setString(1, cohortId);
                    s.setTimestamp(2, now());
                    s.setString(3, id);
                });
        return get(id).orElseThrow();
    }
    /**
     * Claims this revision for this process, as {@link #claim} does for the next job (a test's
     * or a tool's way to run one job): only while it is queued or its lease ran out.
     *
     * @return false when the report is not at that revision any more (a stale run), ended, or
     *         held by a live claim
     */
    public boolean start(String id, int revision) {
        String token = UUID.randomUUID().toString();
        int[] updated = new int[1];
        update("UPDATE report SET status = " + RUNNING + ", owner = ?, lease_until = ?, "
                + "updated_at = ?, lease_token = ? WHERE id = ? AND revision = ? AND "
                + CLAIMABLE, s -> {
                    s.setString(1, node);
                    s.setTimestamp(2, leaseEnd());
                    s.setTimestamp(3, now());
                    s.setString(4, token);
                    s.setString(5, id);
                    s.setInt(6, revision);
                    s.setTimestamp(7, now());
                }, updated);
        if (updated[0] == 1) {
            working.put(id, token);
        }
        return updated[0] == 1;
    }

    /** Held by this process's claim: running with its token, or queued and claimed by none. */
    private static final String HELD = "((status = " + RUNNING + " AND lease_token = ?) OR "
            + "(status = " + QUEUED + " AND lease_token IS NULL))";

    /**
     * Progress of this process's claim (the lease is the heartbeat's business, not progress's).
     *
     * @return false when the job is not this claim's running job any more (requeued, taken
     *         over, finished, or moved on to another revision): its runner should stop
     */
    public boolean progress(String id, int revision, int done, int total) {
        return advance(id, revision, done, total).isPresent();
    }

    /**
     * Progress that never goes back: stored only when {@code done} is at least the stored step
     * (a runner that took a job over starts again from its first step).
     *
     * @return empty when the job is not this claim's any more; else whether the stored progress
     *         is now {@code done} (false: it stays further on)
     */
    public Optional<Boolean> advance(String id, int revision, int done, int total) {
        String token = token(id);
        int[] updated = new int[1];
        update("UPDATE report SET progress_done = ?, progress_total = ?, updated_at = ? WHERE id "
                + "= ? AND revision = ? AND status = " + RUNNING + " AND lease_token = ? AND "
                + "progress_done <= ?", s -> {
                    s.setInt(1, done);
                    s.setInt(2, total);
                    s.setTimestamp(3, now());
                    s.setString(4, id);
                    s.setInt(5, revision);
                    s.setString(6, token);
                    s.setInt(7, done);
                }, updated);
        if (updated[0] == 1) {
            return Optional.of(true);
        }
        return held(id, revision, token) ? Optional.of(false) : Optional.empty();
    }

    private boolean held(String id, int revision, String token) {
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement("SELECT 1 FROM report WHERE id = ? AND "
                        + "revision = ? AND status = " + RUNNING + " AND lease_token = ?")) {
            s.setString(1, id);
            s.setInt(2, revision);
            s.setString(3, token);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        } catch (SQLException e) {
            throw new StoreException("could not read report " + id, e);
        }
    }

    /**
     * Fails the revision, while this process's claim holds it (not after another took it over)
     * and it has not ended (a done job is never turned to failed).
     */
    public void fail(String id, int revision, String error) {
        String text = error.length() > 2000 ? error.substring(0, 1997) + "..." : error;
        String token = token(id);
        update("UPDATE report SET status = " + FAILED + ", error = ?, updated_at = ? WHERE "
                + "id = ? AND revision = ? AND " + HELD, s -> {
                    s.setString(1, text);
                    s.setTimestamp(2, now());
                    s.setString(3, id);
                    s.setInt(4, revision);
                    s.setString(5, token);
                });
    }

    /**
     * The revision's artefacts and its "done", in one transaction, while this process's claim
     * holds it; the artefacts of earlier revisions go in the same transaction. The row is
     * locked first, so no other claim can take the job while its artefacts are written, and
     * the writes are idempotent: the revision's rows are replaced, never added twice.
     *
     * @return false when the report has moved on to another revision meanwhile, or another
     *         runner took it over, or it is finished already
     */
    public boolean complete(String id, int revision, List<StoredArtefact> artefacts) {
        String token = token(id);
        completing.add(id);
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                int updated;
                try (PreparedStatement s = c.prepareStatement("UPDATE report SET status = "
                        + DONE + ", error = NULL, done_revision = ?, progress_done = "
                        + "progress_total, updated_at = ? WHERE id = ? AND revision = ? AND "
                        + HELD)) {
                    s.setInt(1, revision);
                    s.setTimestamp(2, now());
                    s.setString(3, id);
                    s.setInt(4, revision);
                    s.setString(5, token);
                    updated = s.executeUpdate();
                }
                if (updated == 0) {
                    c.rollback();
                    return false;
                }
                try (PreparedStatement s = c.prepareStatement("DELETE FROM report_artefact "
                        + "WHERE report_id = ? AND revision = ?")) {
                    s.setString(1, id);
                    s.setInt(2, revision);
                    s.executeUpdate();
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
        } finally {
            completing.remove(id);
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
                            r.getBoolean(4), r.getString(5), r.getInt(6),
                            ReportStatus.of(r.getString(7)), r.getString(8), r.getInt(9),
                            r.getInt(10), r.getInt(11),
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
