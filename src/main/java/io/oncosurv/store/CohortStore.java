package io.oncosurv.store;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.Problem;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable, immutable cohorts through JDBC. Blocking: call it from worker threads, never from an
 * event loop. Each write is one transaction, so a failure or a crash leaves either the whole
 * cohort or nothing.
 *
 * <p>With H2, the bytes uploaded are files named by their SHA-256 in {@code <data dir>/cohorts}
 * ({@link CohortFiles}), written and forced to the disk before the row commits; the database
 * keeps the metadata. With PostgreSQL (nodes that share a database, not a disk) they stay in
 * the database's {@code cohort_content} table.
 */
public final class CohortStore {

    private static final Logger LOG = LoggerFactory.getLogger(CohortStore.class);

    /** What an upload did: stored a new version, or found the same bytes already stored. */
    public record Upload(StoredCohort cohort, boolean created) {
    }

    private final Database database;
    private final Clock clock;
    private final java.util.function.LongSupplier usableSpace;
    /** Where the bytes are; null: in the database. */
    private final CohortFiles files;

    public CohortStore(Database database, Clock clock) {
        this(database, clock, () -> {
            if (database.file() == null) {
                return Long.MAX_VALUE; // a database server's disk is its own to watch
            }
            try {
                return java.nio.file.Files.getFileStore(database.file().getParent())
                        .getUsableSpace();
            } catch (java.io.IOException e) {
                return Long.MAX_VALUE; // unknown: let the write itself tell
            }
        });
    }

    /** @param usableSpace the bytes the data directory's disk has left (tests give their own) */
    public CohortStore(Database database, Clock clock,
            java.util.function.LongSupplier usableSpace) {
        this(database, clock, usableSpace, database.file() == null);
    }

    /**
     * A store that keeps the bytes in the database with H2 too, as with PostgreSQL (tests of
     * H2's behaviour under a write the disk refuses).
     */
    static CohortStore withBytesInDatabase(Database database, Clock clock) {
        return new CohortStore(database, clock, () -> Long.MAX_VALUE, true);
    }

    private CohortStore(Database database, Clock clock,
            java.util.function.LongSupplier usableSpace, boolean bytesInDatabase) {
        this.database = database;
        this.clock = clock;
        this.usableSpace = usableSpace;
        this.files = bytesInDatabase ? null
                : new CohortFiles(database.file().getParent().resolve("cohorts"));
        if (files != null) {
            new CohortFileUpkeep(database, files).open();
        }
    }

    /** Kept free on the disk: a database that cannot write is closed by H2. */
    public static final long RESERVE_BYTES = 64L << 20;

    /**
     * Whether an upload of this size fits with room to spare (the database writes it about
     * twice before old pages are freed, and keeps {@link #RESERVE_BYTES} free): refusing an
     * upload beforehand keeps the disk from filling, so the server goes on serving.
     */
    public boolean hasRoomFor(long bytes) {
        return usableSpace.getAsLong() >= 3 * bytes + RESERVE_BYTES;
    }

    /**
     * Stores a parsed cohort, with its value labels ({@link Cohort#valueLabels()}), under a
     * name. Bytes and labels identical to the latest version of that name are not stored again;
     * anything else becomes the next version.
     */
    public Upload put(String name, byte[] content, Cohort cohort) {
        return put(name, content, sha256(content), cohort);
    }

    /**
     * The same with {@code sha256}, the {@link #sha256} of {@code content}, computed by the
     * caller (on another core while the upload is parsed). Reads check it again.
     */
    public Upload put(String name, byte[] content, String sha256, Cohort cohort) {
        if (files == null) {
            return commit(name, content, sha256, cohort);
        }
        Optional<StoredCohort> latest = latest(name);
        if (latest.isPresent() && latest.get().sha256().equals(sha256)
                && latest.get().valueLabels().equals(cohort.valueLabels())) {
            return new Upload(latest.get(), false); // nothing to write
        }
        return placeAndCommit(name, sha256, cohort, () -> files.write(sha256, content));
    }

    /**
     * An upload's bytes with their SHA-256, and (H2) written to a temporary file forced to the
     * disk: made on another core while the upload is parsed. {@link #put(String, Staged,
     * Cohort)} stores it; {@link #close} discards what was not stored (an upload refused).
     */
    public final class Staged implements AutoCloseable {
        private final byte[] content;
        private final String sha256;
        private java.nio.file.Path temporary;

        private Staged(byte[] content, String sha256, java.nio.file.Path temporary) {
            this.content = content;
            this.sha256 = sha256;
            this.temporary = temporary;
        }

        public String sha256() {
            return sha256;
        }

        @Override
        public void close() {
            if (temporary != null) {
                try {
                    files.discard(temporary);
                } catch (java.io.IOException e) {
                    LOG.warn("could not remove {} (the next start does)", temporary, e);
                }
                temporary = null;
            }
        }
    }

    /**
     * Hashes {@code content} and (H2) writes it to a temporary file, forced to the disk. Call
     * it on another core while the upload is parsed.
     */
    public Staged stage(byte[] content) {
        String sha256 = sha256(content);
        if (files == null) {
            return new Staged(content, sha256, null);
        }
        try {
            return new Staged(content, sha256, files.writeTemporary(content));
        } catch (java.io.IOException e) {
            throw new StoreException("could not store an upload: a file in " + files.dir()
                    + " could not be written", e);
        }
    }

    /**
     * Stores a cohort whose bytes are {@link #stage}d: the temporary file is renamed to its
     * SHA-256 (replacing a file of that name, which holds the same bytes or was damaged), then
     * the row commits.
     */
    public Upload put(String name, Staged staged, Cohort cohort) {
        if (files == null) {
            return commit(name, staged.content, staged.sha256, cohort);
        }
        String sha256 = staged.sha256;
        Optional<StoredCohort> latest = latest(name);
        if (latest.isPresent() && latest.get().sha256().equals(sha256)
                && latest.get().valueLabels().equals(cohort.valueLabels())) {
            staged.close();
            return new Upload(latest.get(), false); // nothing to write
        }
        java.nio.file.Path temporary = staged.temporary;
        staged.temporary = null;
        return placeAndCommit(name, sha256, cohort, () -> files.place(temporary, sha256));
    }

    /** Writes a cohort's file. */
    private interface FileWrite {
        void run() throws java.io.IOException;
    }

    /** Puts the file in place, then commits its row (or removes the file), under its lock. */
    private Upload placeAndCommit(String name, String sha256, Cohort cohort, FileWrite write) {
        var lock = CohortFiles.lock(sha256);
        lock.lock(); // no deletion removes the file before the row refers to it
        try {
            try {
                write.run();
            } catch (java.io.IOException e) {
                throw new StoreException("could not store cohort '" + name + "': its file "
                        + files.file(sha256) + " could not be written", e);
            }
            return commitOrRemove(name, sha256, cohort);
        } finally {
            lock.unlock();
        }
    }

    /** Commits the rows of a version whose file is in place; on failure, removes it if unused. */
    private Upload commitOrRemove(String name, String sha256, Cohort cohort) {
        try {
            return commit(name, null, sha256, cohort);
        } catch (RuntimeException e) {
            try { // a version taken meanwhile, a refused commit: no row may refer to it
                new CohortFileUpkeep(database, files).removeIfUnreferred(sha256);
            } catch (SQLException | java.io.IOException | RuntimeException again) {
                e.addSuppressed(again); // the next start removes it
            }
            throw e;
        }
    }

    /** Commits the rows of a new version; {@code content} null: its file is written. */
    private Upload commit(String name, byte[] content, String sha256, Cohort cohort) {
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                Optional<StoredCohort> latest = latest(c, name);
                if (latest.isPresent() && latest.get().sha256().equals(sha256)
                        && latest.get().valueLabels().equals(cohort.valueLabels())) {
                    c.rollback();
                    return new Upload(latest.get(), false);
                }
                int version = latest.map(s -> s.version() + 1).orElse(1);
                StoredCohort stored = new StoredCohort(UUID.randomUUID().toString(), name,
                        version, sha256, cohort.patients(), cohort.endpointNames(),
                        cohort.columns(), cohort.warnings(),
                        // milliseconds: what every database keeps, so the 201 equals a later GET
                        clock.instant().truncatedTo(ChronoUnit.MILLIS), cohort.valueLabels());
                insert(c, stored, content);
                c.commit();
                return new Upload(stored, true);
            } catch (SQLException | RuntimeException e) {
                Database.rollBackAfter(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("could not store cohort '" + name + "'", e);
        }
    }

    /** Every cohort, newest first. */
    public List<StoredCohort> list() {
        // three queries, not three per cohort: thousands of cohorts list in milliseconds
        try (Connection c = database.connection()) {
            Map<String, List<String>> endpoints = new HashMap<>();
            Map<String, List<String>> columns = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT cohort_id, kind, name FROM "
                    + "cohort_column ORDER BY cohort_id, kind, position");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    (r.getString(2).equals("endpoint") ? endpoints : columns)
                            .computeIfAbsent(r.getString(1), k -> new ArrayList<>())
                            .add(r.getString(3));
                }
            }
            Map<String, List<Problem>> warnings = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT cohort_id, row_number, "
                    + "column_name, message FROM cohort_warning ORDER BY cohort_id, position");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    warnings.computeIfAbsent(r.getString(1), k -> new ArrayList<>())
                            .add(new Problem(r.getInt(2), r.getString(3), r.getString(4)));
                }
            }
            Map<String, Map<String, Map<String, String>>> labels = valueLabels(c, null);
            List<StoredCohort> all = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, name, version, sha256, "
                    + "patients, uploaded_at FROM cohort "
                    + "ORDER BY uploaded_at DESC, name, version DESC");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String id = r.getString(1);
                    all.add(new StoredCohort(id, r.getString(2), r.getInt(3), r.getString(4),
                            r.getInt(5), endpoints.getOrDefault(id, List.of()),
                            columns.getOrDefault(id, List.of()),
                            warnings.getOrDefault(id, List.of()), r.getTimestamp(6).toInstant(),
                            labels.getOrDefault(id, Map.of())));
                }
            }
            return all;
        } catch (SQLException e) {
            throw new StoreException("could not read cohorts", e);
        }
    }

    /** The names cohorts are stored under (no metadata: cheaper than {@link #list}). */
    public java.util.Set<String> names() {
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement("SELECT DISTINCT name FROM cohort");
                ResultSet r = s.executeQuery()) {
            java.util.Set<String> names = new java.util.HashSet<>();
            while (r.next()) {
                names.add(r.getString(1));
            }
            return names;
        } catch (SQLException e) {
            throw new StoreException("could not read cohort names", e);
        }
    }

    public Optional<StoredCohort> get(String id) {
        return query("SELECT id, name, version, sha256, patients, uploaded_at FROM cohort "
                + "WHERE id = ?", id).stream().findFirst();
    }

    /**
     * Reads every stored cohort back and checks it against its SHA-256 (one at a time: memory
     * holds one file), so that damage is reported without waiting for a query to meet it.
     * Reads check each cohort anyway ({@link #content}).
     *
     * @return the cohorts that do not read back as stored, each with its reason; empty when all
     *         do
     */
    public List<DamagedCohortException> verifyAll() {
        return verifyAll(() -> true);
    }

    /** The same, stopping before the next cohort once {@code carryOn} says false. */
    public List<DamagedCohortException> verifyAll(java.util.function.BooleanSupplier carryOn) {
        List<DamagedCohortException> damaged = new ArrayList<>();
        for (StoredCohort c : list()) {
            if (!carryOn.getAsBoolean()) {
                break;
            }
            try {
                content(c.id());
            } catch (DamagedCohortException e) {
                damaged.add(e);
            }
        }
        return damaged;
    }

    /**
     * The bytes uploaded, checked against their SHA-256 on every read: a cohort damaged in the
     * database is never answered from.
     *
     * @throws DamagedCohortException when the bytes cannot be read back or do not match
     */
    public Optional<byte[]> content(String id) {
        try (Connection c = database.connection()) {
            String name;
            int version;
            String sha256;
            try (PreparedStatement s = c.prepareStatement("SELECT name, version, sha256 FROM "
                    + "cohort WHERE id = ?")) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    name = r.getString(1);
                    version = r.getInt(2);
                    sha256 = r.getString(3);
                }
            }
            byte[] content;
            String where = files == null ? database.description()
                    : database.description() + " (its file " + files.file(sha256) + ")";
            try {
                content = files == null ? fromDatabase(c, id) : files.read(sha256);
            } catch (SQLException | java.io.IOException | RuntimeException e) {
                throw new DamagedCohortException(where, id, name, version,
                        "cannot be read back", e);
            }
            if (content == null || !sha256(content).equals(sha256)) {
                throw new DamagedCohortException(where, id, name, version,
                        content == null ? "has lost its file" : "does not match its SHA-256",
                        null);
            }
            return Optional.of(content);
        } catch (SQLException e) {
            throw new StoreException("could not read cohort " + id, e);
        }
    }

    private static byte[] fromDatabase(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT content FROM cohort_content "
                + "WHERE cohort_id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getBytes(1) : null;
            }
        }
    }

    /**
     * Deletes a version; its file goes too when no other version refers to it (a crash
     * in between leaves the file to the next start).
     *
     * @return false when there was no such cohort
     */
    public boolean delete(String id) {
        Optional<String> sha256 = files == null ? Optional.empty()
                : get(id).map(StoredCohort::sha256);
        var lock = sha256.map(CohortFiles::lock).orElse(null);
        if (lock != null) {
            lock.lock();
        }
        try {
            boolean deleted;
            try (Connection c = database.connection();
                    PreparedStatement s = c.prepareStatement("DELETE FROM cohort WHERE id = ?")) {
                s.setString(1, id);
                deleted = s.executeUpdate() == 1;
            }
            if (deleted && sha256.isPresent()) {
                new CohortFileUpkeep(database, files).removeIfUnreferred(sha256.get());
            }
            return deleted;
        } catch (SQLException | java.io.IOException e) {
            throw new StoreException("could not delete cohort " + id, e);
        } finally {
            if (lock != null) {
                lock.unlock();
            }
        }
    }

    /** A version's value labels (column → value → label); empty without any or no version. */
    public Map<String, Map<String, String>> valueLabels(String id) {
        try (Connection c = database.connection()) {
            return valueLabels(c, id).getOrDefault(id, Map.of());
        } catch (SQLException e) {
            throw new StoreException("could not read the value labels of cohort " + id, e);
        }
    }

    /** Cohort id → its labels, for one id or (null) every cohort: one query. */
    private static Map<String, Map<String, Map<String, String>>> valueLabels(Connection c,
            String id) throws SQLException {
        Map<String, Map<String, Map<String, String>>> out = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT cohort_id, column_name, "
                + "column_value, value_label FROM cohort_value_label"
                + (id == null ? "" : " WHERE cohort_id = ?") + " ORDER BY cohort_id, position")) {
            if (id != null) {
                s.setString(1, id);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.computeIfAbsent(r.getString(1), k -> new LinkedHashMap<>())
                            .computeIfAbsent(r.getString(2), k -> new LinkedHashMap<>())
                            .put(r.getString(3), r.getString(4));
                }
            }
        }
        return out;
    }

    /** The latest version of a name. */
    public Optional<StoredCohort> latest(String name) {
        try (Connection c = database.connection()) {
            return latest(c, name);
        } catch (SQLException e) {
            throw new StoreException("could not read cohort '" + name + "'", e);
        }
    }

    private Optional<StoredCohort> latest(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id, name, version, sha256, "
                + "patients, uploaded_at FROM cohort WHERE name = ? ORDER BY version DESC "
                + "LIMIT 1")) {
            s.setString(1, name);
            List<StoredCohort> found = read(c, s);
            return found.stream().findFirst();
        }
    }

    private void insert(Connection c, StoredCohort stored, byte[] content) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO cohort (id, name, version, "
                + "sha256, patients, uploaded_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, stored.id());
            s.setString(2, stored.name());
            s.setInt(3, stored.version());
            s.setString(4, stored.sha256());
            s.setInt(5, stored.patients());
            s.setTimestamp(6, Timestamp.from(stored.uploadedAt()));
            s.executeUpdate();
        }
        if (content != null) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO cohort_content "
                    + "(cohort_id, content) VALUES (?, ?)")) {
                s.setString(1, stored.id());
                s.setBytes(2, content);
                s.executeUpdate();
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO cohort_column (cohort_id, "
                + "position, kind, name) VALUES (?, ?, ?, ?)")) {
            addNames(s, stored.id(), "column", stored.columns());
            addNames(s, stored.id(), "endpoint", stored.endpoints());
            s.executeBatch();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO cohort_warning (cohort_id, "
                + "position, row_number, column_name, message) VALUES (?, ?, ?, ?, ?)")) {
            int position = 0;
            for (Problem w : stored.warnings()) {
                s.setString(1, stored.id());
                s.setInt(2, position++);
                s.setInt(3, w.row());
                s.setString(4, w.column());
                s.setString(5, w.message());
                s.addBatch();
            }
            s.executeBatch();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO cohort_value_label "
                + "(cohort_id, position, column_name, column_value, value_label) "
                + "VALUES (?, ?, ?, ?, ?)")) {
            int position = 0;
            for (var column : stored.valueLabels().entrySet()) {
                for (var value : column.getValue().entrySet()) {
                    s.setString(1, stored.id());
                    s.setInt(2, position++);
                    s.setString(3, column.getKey());
                    s.setString(4, value.getKey());
                    s.setString(5, value.getValue());
                    s.addBatch();
                }
            }
            s.executeBatch();
        }
    }

    private static void addNames(PreparedStatement s, String id, String kind, List<String> names)
            throws SQLException {
        for (int i = 0; i < names.size(); i++) {
            s.setString(1, id);
            s.setInt(2, i);
            s.setString(3, kind);
            s.setString(4, names.get(i));
            s.addBatch();
        }
    }

    private List<StoredCohort> query(String sql, String parameter) {
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement(sql)) {
            if (parameter != null) {
                s.setString(1, parameter);
            }
            return read(c, s);
        } catch (SQLException e) {
            throw new StoreException("could not read cohorts", e);
        }
    }

    private List<StoredCohort> read(Connection c, PreparedStatement s) throws SQLException {
        List<StoredCohort> found = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                String id = r.getString(1);
                found.add(new StoredCohort(id, r.getString(2), r.getInt(3), r.getString(4),
                        r.getInt(5), names(c, id, "endpoint"), names(c, id, "column"),
                        warnings(c, id), r.getTimestamp(6).toInstant(),
                        valueLabels(c, id).getOrDefault(id, Map.of())));
            }
        }
        return found;
    }

    private static List<String> names(Connection c, String id, String kind) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT name FROM cohort_column WHERE "
                + "cohort_id = ? AND kind = ? ORDER BY position")) {
            s.setString(1, id);
            s.setString(2, kind);
            List<String> names = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    names.add(r.getString(1));
                }
            }
            return names;
        }
    }

    private static List<Problem> warnings(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT row_number, column_name, message "
                + "FROM cohort_warning WHERE cohort_id = ? ORDER BY position")) {
            s.setString(1, id);
            List<Problem> warnings = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    warnings.add(new Problem(r.getInt(1), r.getString(2), r.getString(3)));
                }
            }
            return warnings;
        }
    }

    /** The SHA-256 of {@code content}, in lower-case hex: a cohort file's identity. */
    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
