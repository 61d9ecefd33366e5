package io.oncosurv.server;

/** Who a request comes from: the token's id and name, and its role. */
record Principal(String tokenId, String name, Role role) {

    /** The admin token of the settings (ONCOSURV_ADMIN_TOKEN or data/admin.token). */
    static final Principal ADMIN = new Principal("admin", "admin", Role.ADMIN);
}
