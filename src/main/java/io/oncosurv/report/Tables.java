package io.oncosurv.report;

import io.oncosurv.analysis.CohortSummary;
import io.oncosurv.analysis.HazardRatio;
import io.oncosurv.analysis.PanelEntry;
import io.oncosurv.analysis.PanelExposureCheck;
import io.oncosurv.analysis.SurvivalResult;
import io.oncosurv.stats.EValue;
import io.oncosurv.stats.LandmarkEstimate;
import io.oncosurv.stats.QuantileEstimate;
import io.oncosurv.store.StoredCohort;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Every table the pages show, as downloadable {@link Table}s with full-precision numbers. */
public final class Tables {

    private Tables() {
    }

    /** The per-group table of an analysis: n, events, quartiles, landmarks, RMST, HR. */
    public static Table survivalGroups(SurvivalResult result) {
        List<String> columns = new ArrayList<>(List.of("group", "n", "events", "median",
                "median_lower", "median_upper", "q25", "q75"));
        double[] landmarks = result.request().landmarks();
        for (double t : landmarks) {
            String at = MethodsText.trim(t);
            columns.addAll(List.of("n_risk_" + at, "survival_" + at, "lower_" + at,
                    "upper_" + at));
        }
        columns.addAll(List.of("rmst_tau", "rmst", "rmst_std_err", "hr", "hr_lower",
                "hr_upper", "hr_p"));
        List<List<Object>> rows = new ArrayList<>();
        for (SurvivalResult.Group g : result.groups()) {
            QuantileEstimate[] q = g.quantiles();
            List<Object> row = new ArrayList<>(Arrays.asList(g.label(), g.curve().patients(),
                    g.curve().events(), q[1].estimate(), q[1].lower(), q[1].upper(),
                    q[0].estimate(), q[2].estimate()));
            for (LandmarkEstimate l : g.landmarks()) {
                row.addAll(Arrays.asList(l.nRisk(), l.survival(), l.lower(), l.upper()));
            }
            row.addAll(Arrays.asList(g.rmst().tau(), g.rmst().estimate(), g.rmst().stdErr()));
            HazardRatio hr = result.hazardRatios().stream()
                    .filter(h -> h.label().equals(g.label())).findFirst().orElse(null);
            boolean reference = !result.hazardRatios().isEmpty()
                    && result.hazardRatios().get(0).reference().equals(g.label());
            if (hr != null) {
                row.addAll(Arrays.asList(hr.estimate(), hr.lower(), hr.upper(), hr.p()));
            } else {
                row.addAll(Arrays.asList(reference ? 1.0 : null, null, null, null));
            }
            rows.add(row);
        }
        return new Table("survival", columns, rows);
    }

    /**
     * The TME panel: one row per stratifier level (one per skipped stratifier); n_excluded is the
     * entry's patients left out for a time before the landmark start (0 without one).
     */
    public static Table panel(List<PanelEntry> entries) {
        return panel(entries, List.of());
    }

    /**
     * The panel's rows; the entry of a stratifier named as an exposure over time carries that
     * exposure's immortal-time check in the {@code exposure_*} columns, and the checks of other
     * exposures ({@code others}) follow as rows of their own (stratifier: the exposure, status
     * "exposure check").
     */
    public static Table panel(List<PanelEntry> entries, List<PanelExposureCheck> others) {
        List<String> columns = List.of("endpoint", "stratifier", "status", "reason", "level",
                "n", "events", "median", "median_lower", "median_upper", "hr", "hr_lower",
                "hr_upper", "sparse", "logrank_p", "trend_p", "q_value", "n_excluded",
                "exposure_naive_hr", "exposure_naive_lower", "exposure_naive_upper",
                "exposure_td_hr", "exposure_td_lower", "exposure_td_upper", "exposure_flag",
                "e_value", "e_value_ci");
        List<List<Object>> rows = new ArrayList<>();
        for (PanelEntry e : entries) {
            if (e.groups().isEmpty()) {
                List<Object> row = new ArrayList<>(Arrays.asList(e.endpoint(), e.stratifier(),
                        e.status(), e.reason(), null, null, null, null, null, null, null, null,
                        null, null, null, null, null, e.excluded()));
                row.addAll(check(e.exposureBias()));
                row.addAll(Arrays.asList(null, null));
                rows.add(row);
            }
            for (PanelEntry.Group g : e.groups()) {
                EValue.Result ev = e.eValue(g);
                List<Object> row = new ArrayList<>(Arrays.asList(e.endpoint(), e.stratifier(),
                        e.status(), e.reason(), g.label(), g.n(), g.events(), g.median(),
                        g.medianLower(), g.medianUpper(), g.hr(), g.hrLower(), g.hrUpper(),
                        g.sparse(), e.logRankP(), e.trendP(), e.qValue(), e.excluded()));
                row.addAll(check(e.exposureBias()));
                row.addAll(Arrays.asList(ev.estimate(), ev.ci()));
                rows.add(row);
            }
        }
        for (PanelExposureCheck c : others) {
            List<Object> row = new ArrayList<>(Arrays.asList(c.endpoint(), c.exposure(),
                    "exposure check", c.reason(), null, null, null, null, null, null, null,
                    null, null, null, null, null, null, null));
            row.addAll(check(c));
            row.addAll(Arrays.asList(null, null));
            rows.add(row);
        }
        return new Table("panel", columns, rows);
    }

    /** An exposure check's columns (empty without one). */
    private static List<Object> check(PanelExposureCheck c) {
        return c == null ? Arrays.asList(null, null, null, null, null, null, null)
                : Arrays.asList(c.naiveHr(), c.naiveLower(), c.naiveUpper(), c.tdHr(),
                        c.tdLower(), c.tdUpper(), c.flag());
    }

    public static Table cohorts(List<StoredCohort> cohorts) {
        List<List<Object>> rows = new ArrayList<>();
        for (StoredCohort c : cohorts) {
            var counts = io.oncosurv.cohort.CohortWarning.count(c.warnings());
            rows.add(Arrays.asList(c.id(), c.name(), c.version(), c.patients(),
                    String.join(" ", c.endpoints()), counts.warnings(), counts.notes(),
                    c.uploadedAt().toString(), c.sha256()));
        }
        // warnings: what may be wrong; notes: columns kept as covariates, empty ones ignored
        return new Table("cohorts", List.of("id", "name", "version", "patients", "endpoints",
                "warnings", "notes", "uploaded_at", "sha256"), rows);
    }

    /** Per endpoint: patients, events, median follow-up (reverse Kaplan–Meier) with limits. */
    public static Table followUp(CohortSummary summary) {
        List<List<Object>> rows = new ArrayList<>();
        for (CohortSummary.EndpointSummary e : summary.endpoints()) {
            var m = e.medianFollowUp();
            rows.add(Arrays.asList(e.name(), e.source(), e.usable(), e.events(), m.estimate(),
                    m.lower(), m.upper(), e.longestTime()));
        }
        return new Table("follow_up", List.of("endpoint", "source", "patients", "events",
                "median_follow_up", "lower", "upper", "longest_time"), rows);
    }

    public static Table completeness(CohortSummary summary) {
        List<List<Object>> rows = new ArrayList<>();
        for (CohortSummary.ColumnCompleteness c : summary.columns()) {
            rows.add(Arrays.asList(c.column(), c.tme(), c.present(), c.patients(),
                    c.fraction()));
        }
        return new Table("completeness", List.of("column", "tme", "present", "patients",
                "fraction"), rows);
    }
}
