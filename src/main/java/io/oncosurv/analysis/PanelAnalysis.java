package io.oncosurv.analysis;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.stats.CoxTies;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The TME panel: for a stratifier and an endpoint, the groups' medians, the log-rank p and the
 * Cox HRs against the reference group ({@link #entry}); over the whole panel, Benjamini–Hochberg
 * q-values of the log-rank p-values ({@link #withQValues}), since many strata are tested at once.
 * On one cause of an endpoint the same with Gray's p and Fine–Gray HRs ({@link PanelCauseEntry}).
 */
public final class PanelAnalysis {

    /** A level with fewer events than this is flagged: its HR is not to be trusted. */
    public static final int SPARSE_EVENTS = 5;

    private PanelAnalysis() {
    }

    public static PanelEntry entry(Cohort cohort, String stratifier, String endpoint,
            StratifierSource source) {
        return compute(cohort, stratifier, endpoint, source, List.of(), Double.NaN);
    }

    /**
     * The entry on the patients of {@code subsets} ({@code COLUMN:VALUE}, as the single
     * analysis's {@code subset}): equal to the single analysis of the stratifier on that subset.
     * A subset the single analysis refuses (not COLUMN:VALUE, no such column or value, no
     * patient with the endpoint) is refused here with the same message, not skipped: it is the
     * caller's error, not the stratifier's.
     */
    public static PanelEntry entry(Cohort cohort, String stratifier, String endpoint,
            StratifierSource source, List<String> subsets) throws AnalysisException {
        return entry(cohort, stratifier, endpoint, source, subsets, Double.NaN);
    }

    /**
     * The same from the landmark start {@code from} (NaN: none): the single analyses with
     * {@code from}, the patients with time >= from.
     */
    public static PanelEntry entry(Cohort cohort, String stratifier, String endpoint,
            StratifierSource source, List<String> subsets, double from)
            throws AnalysisException {
        PanelEntry entry = compute(cohort, stratifier, endpoint, source, subsets, from);
        if (entry.status().equals("skipped") && (!subsets.isEmpty() || !Double.isNaN(from))
                && cohort.endpoint(endpoint).isPresent()) {
            // the single analysis of everyone in the subset: throws what it would answer (422)
            SurvivalAnalysis.run(cohort, SurvivalRequest.defaults(endpoint, null)
                    .withSubsets(subsets).withFrom(from), source);
        }
        return withExclusions(entry, cohort, source, subsets, from);
    }

    /** The entry with the patients its endpoint leaves out before {@code from} (NaN: as is). */
    private static PanelEntry withExclusions(PanelEntry entry, Cohort cohort,
            StratifierSource source, List<String> subsets, double from)
            throws AnalysisException {
        if (Double.isNaN(from) || cohort.endpoint(entry.endpoint()).isEmpty()) {
            return entry; // an endpoint the cohort lacks is a skipped entry, nothing left out
        }
        return entry.withExcluded(LandmarkExclusions.before(cohort, source, entry.endpoint(),
                subsets, from));
    }

    private static PanelEntry compute(Cohort cohort, String stratifier, String endpoint,
            StratifierSource source, List<String> subsets, double from) {
        SurvivalResult survival;
        CoxAnswer cox;
        try {
            // the trend test where the stratifier is ordered ("all" skips it where not)
            survival = SurvivalAnalysis.run(cohort, SurvivalRequest.defaults(endpoint,
                    stratifier).withTests(TREND_WHERE_ORDERED).withSubsets(subsets)
                    .withFrom(from), source);
            if (survival.groups().size() < 2) {
                return PanelEntry.skipped(stratifier, endpoint, "a single group");
            }
            cox = CoxAnalysis.run(cohort, new CoxRequest(endpoint, List.of(stratifier),
                    CoxTies.EFRON, null, Map.of(), subsets, null, from), source);
        } catch (AnalysisException e) {
            return PanelEntry.skipped(stratifier, endpoint, e.getMessage());
        }
        List<PanelEntry.Group> groups = new ArrayList<>();
        for (int g = 0; g < survival.groups().size(); g++) {
            SurvivalResult.Group group = survival.groups().get(g);
            var median = group.median();
            double hr = 1;
            double lower = Double.NaN;
            double upper = Double.NaN;
            if (g > 0) { // the Cox columns are the non-reference levels, in the same order
                double coef = cox.fit().coefficient(g - 1);
                double se = cox.fit().standardError(g - 1);
                hr = Math.exp(coef);
                lower = Math.exp(coef - Z95 * se);
                upper = Math.exp(coef + Z95 * se);
            }
            int events = group.curve().events();
            groups.add(new PanelEntry.Group(group.label(), group.curve().patients(), events,
                    median.estimate(), median.lower(), median.upper(),
                    List.of(group.landmarks()), hr, lower, upper,
                    events < SPARSE_EVENTS));
        }
        // with two groups the trend test is the log-rank test: reported only from three up
        double trendP = survival.trend() != null && groups.size() > 2 ? survival.trend().p()
                : Double.NaN;
        return new PanelEntry(stratifier, endpoint, "ok", null, survival.logRank().p(), trendP,
                Double.NaN, groups);
    }

    /**
     * The whole panel at once (the server instead sends each entry to a worker): every built-in
     * stratifier × each endpoint the cohort has, with q-values.
     */
    public static List<PanelEntry> run(Cohort cohort, List<String> endpoints,
            StratifierSource source) {
        List<PanelEntry> entries = new ArrayList<>();
        for (String stratifier : io.oncosurv.cohort.Stratifiers.BUILT_IN) {
            for (String endpoint : endpoints) {
                entries.add(entry(cohort, stratifier, endpoint, source));
            }
        }
        return withQValues(entries);
    }

    /** The whole panel on the patients of {@code subsets}, refused as {@link #entry} refuses. */
    public static List<PanelEntry> run(Cohort cohort, List<String> endpoints,
            StratifierSource source, List<String> subsets) throws AnalysisException {
        return run(cohort, endpoints, source, subsets, Double.NaN);
    }

    /** The same from the landmark start {@code from} (NaN: none). */
    public static List<PanelEntry> run(Cohort cohort, List<String> endpoints,
            StratifierSource source, List<String> subsets, double from)
            throws AnalysisException {
        List<PanelEntry> entries = new ArrayList<>();
        for (String stratifier : io.oncosurv.cohort.Stratifiers.BUILT_IN) {
            for (String endpoint : endpoints) {
                entries.add(entry(cohort, stratifier, endpoint, source, subsets, from));
            }
        }
        return withQValues(entries);
    }

    /**
     * Whether a panel carries its exposures' immortal-time checks: only on every patient's
     * follow-up (no cause, subset or landmark start).
     */
    public static boolean checksExposures(String cause, List<String> subsets, double from) {
        return cause == null && subsets.isEmpty() && Double.isNaN(from);
    }

    /**
     * The immortal-time check of every exposure over time of the cohort on each endpoint
     * (none without start columns), in the cohort's order of exposures, then endpoints.
     */
    public static List<PanelExposureCheck> exposureChecks(Cohort cohort, List<String> endpoints,
            StratifierSource source) {
        List<PanelExposureCheck> checks = new ArrayList<>();
        for (String exposure : cohort.exposureNames()) {
            for (String endpoint : endpoints) {
                checks.add(PanelExposureCheck.of(cohort, exposure, endpoint, source));
            }
        }
        return checks;
    }

    /** The entries, each stratifier named as an exposure carrying its check on the endpoint. */
    public static List<PanelEntry> withExposureChecks(List<PanelEntry> entries,
            List<PanelExposureCheck> checks) {
        List<PanelEntry> out = new ArrayList<>();
        for (PanelEntry e : entries) {
            PanelEntry attached = e;
            for (PanelExposureCheck c : checks) {
                if (c.exposure().equals(e.stratifier()) && c.endpoint().equals(e.endpoint())) {
                    attached = e.withExposureBias(c);
                }
            }
            out.add(attached);
        }
        return out;
    }

    /** The checks of exposures no panel stratifier is named after: listed after the rows. */
    public static List<PanelExposureCheck> unattached(List<PanelExposureCheck> checks) {
        return checks.stream().filter(c -> !io.oncosurv.cohort.Stratifiers.BUILT_IN
                .contains(c.exposure())).toList();
    }

    private static final ExtraTests TREND_WHERE_ORDERED = new ExtraTests(List.of(), false, true,
            new double[0], true, false);

    private static final double Z95 = io.oncosurv.stats.StandardNormal.quantile(0.975);

    /**
     * The entry on one {@code cause} of the endpoint ({@link PanelCauseEntry}): Gray's p and
     * Fine–Gray HRs. An endpoint without causes or a cause it lacks is refused, as a subset the
     * cumulative-incidence query refuses; a stratifier it cannot compute is skipped.
     */
    public static PanelEntry entry(Cohort cohort, String stratifier, String endpoint,
            String cause, StratifierSource source, List<String> subsets)
            throws AnalysisException {
        return entry(cohort, stratifier, endpoint, cause, source, subsets, Double.NaN);
    }

    /**
     * The same from the landmark start {@code from} (NaN: none): cuminc and crr on the patients
     * with time >= from, the incidences as survfit's with {@code start.time = from}.
     */
    public static PanelEntry entry(Cohort cohort, String stratifier, String endpoint,
            String cause, StratifierSource source, List<String> subsets, double from)
            throws AnalysisException {
        return withExclusions(PanelCauseEntry.of(cohort, stratifier, endpoint, cause, source,
                subsets, from), cohort, source, subsets, from);
    }

    /** The whole panel of one endpoint on one cause, with the q-values of Gray's p. */
    public static List<PanelEntry> run(Cohort cohort, String endpoint, String cause,
            StratifierSource source, List<String> subsets) throws AnalysisException {
        return run(cohort, endpoint, cause, source, subsets, Double.NaN);
    }

    /** The same from the landmark start {@code from} (NaN: none). */
    public static List<PanelEntry> run(Cohort cohort, String endpoint, String cause,
            StratifierSource source, List<String> subsets, double from)
            throws AnalysisException {
        List<PanelEntry> entries = new ArrayList<>();
        for (String stratifier : io.oncosurv.cohort.Stratifiers.BUILT_IN) {
            entries.add(entry(cohort, stratifier, endpoint, cause, source, subsets, from));
        }
        return withQValues(entries);
    }

    /**
     * Benjamini–Hochberg q-values over the computed entries (of Gray's p on a cause), as R's
     * {@code p.adjust(p, method = "BH")}: q_(i) = min over j >= i of m p_(j) / j, at most 1.
     */
    public static List<PanelEntry> withQValues(List<PanelEntry> entries) {
        double[] p = new double[entries.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = entries.get(i).status().equals("ok") ? entries.get(i).testedP() : Double.NaN;
        }
        double[] q = benjaminiHochberg(p);
        List<PanelEntry> out = new ArrayList<>(entries);
        for (int i = 0; i < q.length; i++) {
            if (!Double.isNaN(q[i])) {
                out.set(i, entries.get(i).withQValue(q[i]));
            }
        }
        return out;
    }

    /**
     * Benjamini–Hochberg q-values of the p-values that are not NaN (NaN stays NaN), as R's
     * {@code p.adjust(p, method = "BH")}: q_(i) = min over j >= i of m p_(j) / j, at most 1.
     */
    public static double[] benjaminiHochberg(double[] p) {
        List<Integer> ok = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            if (!Double.isNaN(p[i])) {
                ok.add(i);
            }
        }
        int m = ok.size();
        Integer[] byP = ok.toArray(new Integer[0]);
        Arrays.sort(byP, Comparator.comparingDouble(i -> p[i]));
        double[] q = new double[p.length];
        Arrays.fill(q, Double.NaN);
        double running = 1;
        for (int r = m - 1; r >= 0; r--) {
            running = Math.min(running, p[byP[r]] * m / (r + 1));
            q[byP[r]] = Math.min(1, running);
        }
        return q;
    }
}
