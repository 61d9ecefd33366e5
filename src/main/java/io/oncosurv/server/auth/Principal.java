package io.oncosurv.server.auth;

/** Who a request comes from: the token's id and name, and its role. */
public record Principal(String tokenId, String name, Role role) {

    /** Whether {@code reader} may see patient rows, and so warnings with their rows and values. */
    public static boolean mayReadRows(Principal reader) {
        return reader != null && reader.role().may(Role.Permission.ROWS);
    }

    /** The admin token of the settings (ONCOSURV_ADMIN_TOKEN or data/admin.token). */
    static final Principal ADMIN = new Principal("admin", "admin", Role.ADMIN);
}
