package io.oncosurv.server.auth;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a token may do. {@code admin}: everything, tokens and the audit log included;
 * {@code statistician}: upload, delete, analyse, report, and read the cohort files themselves;
 * {@code clinician}: read cohorts' metadata, analyses, figures and reports, never patient rows;
 * {@code automation}: read, and create report jobs.
 */
public enum Role {
    ADMIN(EnumSet.allOf(Permission.class)),
    STATISTICIAN(EnumSet.of(Permission.READ, Permission.ROWS, Permission.UPLOAD,
            Permission.DELETE, Permission.REPORT)),
    CLINICIAN(EnumSet.of(Permission.READ)),
    AUTOMATION(EnumSet.of(Permission.READ, Permission.REPORT));

    /** What a request needs. */
    public enum Permission {
        /** cohort metadata, analyses, figures, tables, pages, reports */
        READ,
        /** a cohort's file as uploaded: patient rows */
        ROWS,
        UPLOAD,
        DELETE,
        /** create report jobs */
        REPORT,
        /** tokens and the audit log */
        ADMINISTER;

        /** What it allows, for the 403's sentence. */
        String describe() {
            return switch (this) {
                case READ -> "read cohorts, analyses and reports";
                case ROWS -> "read a cohort's patient rows";
                case UPLOAD -> "upload cohorts";
                case DELETE -> "delete cohorts";
                case REPORT -> "create report jobs";
                case ADMINISTER -> "manage tokens or read the audit log";
            };
        }
    }

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = java.util.Collections.unmodifiableSet(permissions);
    }

    public boolean may(Permission permission) {
        return permissions.contains(permission);
    }

    /** What this role may do, e.g. for a page that shows only the actions its reader may take. */
    public Set<Permission> permissions() {
        return permissions;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the roles there are */
    public static Role parse(String text) {
        for (Role r : values()) {
            if (r.key().equals(text)) {
                return r;
            }
        }
        throw new IllegalArgumentException("the role must be admin, statistician, clinician or "
                + "automation; got '" + text + "'");
    }
}
