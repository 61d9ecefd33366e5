package io.oncosurv.server;

import io.vertx.core.http.HttpMethod;
import java.util.regex.Pattern;

/**
 * The permission each request needs, in one table so it can be read and tested whole; anything
 * not listed that is not a read needs the admin's permission (denied by default).
 */
final class Permissions {

    private static final Pattern COHORT = Pattern.compile("/api/cohorts/[^/]+");
    private static final Pattern COHORT_FILE = Pattern.compile("/api/cohorts/[^/]+/file");

    private Permissions() {
    }

    static Role.Permission required(HttpMethod method, String path) {
        if (path.startsWith("/api/tokens") || path.startsWith("/api/audit")) {
            return Role.Permission.ADMINISTER;
        }
        if (COHORT_FILE.matcher(path).matches()) {
            return Role.Permission.ROWS;
        }
        if (method == HttpMethod.POST && path.equals("/api/cohorts")) {
            return Role.Permission.UPLOAD;
        }
        if (method == HttpMethod.DELETE && COHORT.matcher(path).matches()) {
            return Role.Permission.DELETE;
        }
        if (method == HttpMethod.POST && path.equals("/api/reports")) {
            return Role.Permission.REPORT;
        }
        if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
            return Role.Permission.READ;
        }
        return Role.Permission.ADMINISTER;
    }

    /** What a permission allows, for the 403's sentence. */
    static String describe(Role.Permission permission) {
        return switch (permission) {
            case READ -> "read cohorts, analyses and reports";
            case ROWS -> "read a cohort's patient rows";
            case UPLOAD -> "upload cohorts";
            case DELETE -> "delete cohorts";
            case REPORT -> "create report jobs";
            case ADMINISTER -> "manage tokens or read the audit log";
        };
    }
}
