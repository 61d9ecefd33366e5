package io.oncosurv.report;

/** One access token as the admin's token page lists it (never its secret). */
public record TokenRow(String id, String name, String role, String source, String createdAt,
        String revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }
}
