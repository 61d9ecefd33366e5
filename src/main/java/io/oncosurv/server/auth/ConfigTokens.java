package io.oncosurv.server.auth;

import io.oncosurv.store.TokenStore;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tokens declared in the config file ({@code token.NAME = ROLE:ID:SALT:HASH}, as
 * {@code oncosurv token} prints them), put in the store at every start in place of the previous
 * declarations, so that removing a line revokes the token at the next start.
 */
public final class ConfigTokens {

    private static final Pattern LINE = Pattern.compile(
            "(admin|statistician|clinician|automation)"
                    + ":([0-9a-f-]{36}):([0-9a-f]{32}):([0-9a-f]{64})");

    private ConfigTokens() {
    }

    public static void apply(Map<String, String> declared, TokenStore store) {
        store.deleteFromConfig();
        declared.forEach((name, line) -> {
            var m = LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("config token '" + name + "' must be "
                        + "ROLE:ID:SALT:HASH as 'oncosurv token' prints it; got '" + line + "'");
            }
            store.insert(m.group(2), name, m.group(1), m.group(3), m.group(4), "config");
        });
    }

    /** A new token for the config file: the token to hand out, and the line to add. */
    public static String[] issue(Role role, String name) {
        Tokens.Issued t = Tokens.issue();
        return new String[] {t.token(), "token." + name + " = " + role.key() + ":" + t.id() + ":"
                + t.salt() + ":" + t.hash()};
    }
}
