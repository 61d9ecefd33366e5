package io.oncosurv.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * What a report job is called on pages and in lists, so nobody has to tell jobs apart by id:
 * its spec's title, else "cohort · stratifiers · date" ("lung · lipi, nlr · 2026-12-02"; no
 * stratifier: "all patients").
 */
public final class ReportTitle {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd")
            .withZone(ZoneOffset.UTC);

    private ReportTitle() {
    }

    /** @param cohortName the name of the cohort the job runs on (its id if the name is gone) */
    public static String of(String specText, String cohortName, Instant created) {
        ReportSpec spec;
        try {
            spec = ReportSpecParser.parse(specText);
        } catch (ReportSpecException e) { // stored before a check it fails: name it plainly
            return cohortName + " · " + DATE.format(created);
        }
        if (spec.title() != null) {
            return spec.title();
        }
        List<String> names = spec.stratifiers().stream().map(ReportSpec.Stratifier::name)
                .distinct().toList();
        return cohortName + " · " + (names.isEmpty() ? "all patients" : String.join(", ", names))
                + " · " + DATE.format(created);
    }
}
