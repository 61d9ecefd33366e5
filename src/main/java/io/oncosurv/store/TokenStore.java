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

/** Access tokens, by salted hash; revoked ones are kept (marked) for the audit trail. */
public final class TokenStore {

    private final Database database;
    private final Clock clock;

    public TokenStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public StoredToken insert(String id, String name, String role, String salt, String hash,
            String source) {
        Timestamp now = Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement("INSERT INTO api_token (id, name, "
                        + "role, salt, hash, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, id);
            s.setString(2, name);
            s.setString(3, role);
            s.setString(4, salt);
            s.setString(5, hash);
            s.setString(6, source);
            s.setTimestamp(7, now);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("could not store token '" + name + "'", e);
        }
        return new StoredToken(id, name, role, salt, hash, source, now.toInstant(), null);
    }

    /** @return false when there is no active token with that id */
    public boolean revoke(String id) {
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement("UPDATE api_token SET revoked_at = ? "
                        + "WHERE id = ? AND revoked_at IS NULL")) {
            s.setTimestamp(1, Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MILLIS)));
            s.setString(2, id);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("could not revoke token " + id, e);
        }
    }

    /** Config-file tokens are declared anew at every start: the old declarations go. */
    public void deleteFromConfig() {
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement("DELETE FROM api_token WHERE source = "
                        + "'config'")) {
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("could not reset the config tokens", e);
        }
    }

    public List<StoredToken> list() {
        List<StoredToken> out = new ArrayList<>();
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement("SELECT id, name, role, salt, hash, "
                        + "source, created_at, revoked_at FROM api_token ORDER BY created_at, id");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(token(r));
            }
        } catch (SQLException e) {
            throw new StoreException("could not read tokens", e);
        }
        return out;
    }

    /** One token by its id (one indexed read: a node asks for a token it has not heard of). */
    public Optional<StoredToken> get(String id) {
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement("SELECT id, name, role, salt, hash, "
                        + "source, created_at, revoked_at FROM api_token WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(token(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("could not read token " + id, e);
        }
    }

    private static StoredToken token(ResultSet r) throws SQLException {
        Timestamp revoked = r.getTimestamp(8);
        return new StoredToken(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                r.getString(5), r.getString(6), r.getTimestamp(7).toInstant(),
                revoked == null ? null : revoked.toInstant());
    }
}
