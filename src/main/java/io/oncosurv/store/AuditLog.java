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

/**
 * The audit log: append and read, nothing else (no update, no delete anywhere in the code), so
 * that what was done stays recorded. Entries name tokens, cohorts, reports and files, never a
 * patient's data.
 */
public final class AuditLog {

    private final Database database;
    private final Clock clock;

    public AuditLog(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public void append(String actor, String role, String action, String target, String detail) {
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement("INSERT INTO audit (at, actor, role, "
                        + "action, target, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setTimestamp(1, Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MILLIS)));
            s.setString(2, cut(actor, 200));
            s.setString(3, role);
            s.setString(4, action);
            s.setString(5, cut(target, 500));
            s.setString(6, detail == null ? null : cut(detail, 1000));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("could not append to the audit log", e);
        }
    }

    /** The newest entries first, at most {@code limit}, older than {@code before} (0: any). */
    public List<AuditEntry> newest(int limit, long before) {
        List<AuditEntry> out = new ArrayList<>();
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement("SELECT seq, at, actor, role, action, "
                        + "target, detail FROM audit WHERE ? = 0 OR seq < ? ORDER BY seq DESC "
                        + "LIMIT ?")) {
            s.setLong(1, before);
            s.setLong(2, before);
            s.setInt(3, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new AuditEntry(r.getLong(1), r.getTimestamp(2).toInstant(),
                            r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                            r.getString(7)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("could not read the audit log", e);
        }
        return out;
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
