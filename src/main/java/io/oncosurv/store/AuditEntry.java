package io.oncosurv.store;

import java.time.Instant;

/** One line of the audit log: when, who (token name and role), what, on what; no patient data. */
public record AuditEntry(long seq, Instant at, String actor, String role, String action,
        String target, String detail) {
}
