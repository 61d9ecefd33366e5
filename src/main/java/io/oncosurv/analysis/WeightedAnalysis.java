package io.oncosurv.analysis;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.Endpoint;
import io.oncosurv.cohort.Stratification;
import io.oncosurv.stats.ConfType;
import io.oncosurv.stats.CoxTies;
import io.oncosurv.stats.EValue;
import io.oncosurv.stats.LogisticFit;
import io.oncosurv.stats.LogisticRegression;
import io.oncosurv.stats.PropensityWeights;
import io.oncosurv.stats.StandardizedDifference;
import io.oncosurv.stats.WeightedCox;
import io.oncosurv.stats.WeightedCoxResult;
import io.oncosurv.stats.WeightedKaplanMeier;
import io.oncosurv.stats.WeightedSurvivalCurve;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The weighted comparison of two groups (docs/statistics.md, "The weighted comparison"): the
 * patients with the endpoint, a group and every adjustment value; the propensity of the second
 * group from the adjustment terms (R's {@code glm}, terms coded as /cox codes them); its
 * inverse-probability weights (trimmed patients left out); the balance of every adjusted
 * column and level before and after weighting, on the patients kept; each group's weighted
 * Kaplan–Meier curve (R's {@code survfit(weights = w)}, log limits) and the weighted Cox model of
 * the second group against the first with the robust variance (R's {@code coxph(weights = w,
 * robust = TRUE)}, Efron ties); the E-values of its HR, the outcome common over 15 % events.
 */
public final class WeightedAnalysis {

    /** A robust se below this share of the naive one is 0 to rounding (√ machine epsilon). */
    private static final double ROUNDING = Math.sqrt(Math.ulp(1.0));

    private WeightedAnalysis() {
    }

    public static WeightedAnswer run(Cohort cohort, WeightedRequest request,
            StratifierSource source) throws AnalysisException {
        Endpoint endpoint = cohort.endpoint(request.endpoint()).orElseThrow(() ->
                new AnalysisException("the cohort has no endpoint '" + request.endpoint()
                        + "'; it has " + String.join(", ", cohort.endpointNames())));
        if (request.adjust().isEmpty()) {
            throw new AnalysisException("list the columns to adjust for, e.g. adjust=age,ecog");
        }
        if (request.adjust().contains(request.by())) {
            throw new AnalysisException("'" + request.by() + "' is the comparison: it cannot "
                    + "also be an adjustment column");
        }
        Stratification by = source.require(request.by(), request.settings());
        if (by.labels().size() != 2) {
            throw new AnalysisException("the weighted comparison takes two groups; "
                    + request.by() + " has " + by.labels().size() + " ("
                    + String.join(", ", by.labels()) + ")");
        }
        ModelDesign design = ModelDesign.of(cohort, endpoint, request.adjust(), Map.of(), null,
                List.of(), source);
        for (ModelTerm term : design.terms()) {
            if (term.timeDependent()) {
                throw new AnalysisException(timeDependent(term.name));
            }
        }
        int[] kept = Arrays.stream(design.rows()).filter(p -> by.code(p) >= 0).toArray();
        int n = kept.length;
        int[] group = new int[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            group[i] = by.code(kept[i]);
            y[i] = group[i];
        }
        for (int g = 0; g < 2; g++) {
            if (count(group, g) == 0) {
                throw new AnalysisException("no patient of group " + by.labels().get(g)
                        + " has the endpoint and every adjustment value");
            }
        }
        double[][] x = subset(design, kept);
        LogisticFit fit = LogisticRegression.fit(x, y, null);
        if (fit.separated()) {
            throw new AnalysisException(separation(fit, design.columns(), request.by()));
        }
        PropensityWeights.Result weights = PropensityWeights.of(fit.fitted(), group,
                request.estimand(), request.stabilized(), request.trim());
        for (int g = 0; g < 2; g++) {
            if ((g == 0 ? weights.first() : weights.second()).n() == 0) {
                throw new AnalysisException("no patient of group " + by.labels().get(g)
                        + " is left after trimming at " + request.trim()
                        + ": trim less, or not at all");
            }
        }
        boolean[] in = weights.kept();
        double[] w = weights.weight();
        List<WeightedAnswer.Balance> balance = balance(design.terms(), kept, group, in, w);
        int used = weights.first().n() + weights.second().n();
        // the patients used in the endpoint's time order (the cohort keeps it), so that the
        // Kaplan–Meier, Cox and score-residual passes below find their input sorted
        int[] position = new int[cohort.patients()];
        Arrays.fill(position, -1);
        for (int i = 0; i < n; i++) {
            if (in[i]) {
                position[kept[i]] = i;
            }
        }
        double[] time = new double[used];
        boolean[] event = new boolean[used];
        double[] weight = new double[used];
        int[] codes = new int[used];
        double[] indicator = new double[used];
        int events = 0;
        for (int rank = 0, k = 0; k < used; rank++) {
            int patient = endpoint.patientByTime(rank);
            int i = position[patient];
            if (i >= 0) {
                time[k] = endpoint.monthsByRank(rank);
                event[k] = endpoint.eventByRank(rank) == 1;
                weight[k] = w[i];
                codes[k] = group[i];
                indicator[k] = group[i];
                events += event[k] ? 1 : 0;
                k++;
            }
        }
        WeightedSurvivalCurve[] curves = WeightedKaplanMeier.fitGroups(time, event, weight,
                codes, 2, ConfType.LOG, request.confLevel());
        WeightedCoxResult cox = WeightedCox.fit(time, event, weight,
                new double[][] {indicator}, CoxTies.EFRON);
        CoxVerdict verdict = coxVerdict(cox, event, codes, by.labels());
        WeightedAnswer.CoxStatus status = verdict.status();
        // without an interval the HR is 1 to rounding, and √ turns its rounding into 1e-8
        EValue.Result eValue = status != WeightedAnswer.CoxStatus.ESTIMATED
                ? new EValue.Result(Double.NaN, Double.NaN)
                : EValue.of(cox.hazardRatio(0), cox.hazardRatioLower(0, request.confLevel()),
                        cox.hazardRatioUpper(0, request.confLevel()),
                        EValue.commonOutcome(events, used));
        int excluded = cohort.patients() - used;
        return new WeightedAnswer(request, by.labels(), by.displayNames(), design.columns(),
                fit, weights, balance, List.of(curves), cox, status, verdict.note(), eValue,
                excluded);
    }

    /** coxph.fit's warning that the likelihood kept rising: the coefficient heads to ±∞. */
    private static boolean infinite(WeightedCoxResult cox) {
        return cox.model().warnings().stream().anyMatch(w -> w.contains("may be infinite"));
    }

    /**
     * Whether the weighted HR, and its interval, is an answer, and why not. R's coxph gives NA
     * without events; with a group without events (or a likelihood rising for ever) it warns
     * and returns its last iteration, a number that depends on when it stopped, with a robust
     * se that is not a measure of it; with every score residual 0 (every event at one time)
     * its robust se and p are rounding noise.
     */
    private static CoxVerdict coxVerdict(WeightedCoxResult cox, boolean[] event, int[] codes,
            List<String> labels) {
        if (cox.model().events() == 0) {
            return notEstimable("no patient had the event: the hazard ratio cannot be "
                    + "estimated (R's coxph gives NA)");
        }
        if (infinite(cox) || !Double.isFinite(cox.coefficient(0))) {
            for (int g = 0; g < 2; g++) {
                boolean any = false;
                for (int i = 0; i < event.length; i++) {
                    any |= event[i] && codes[i] == g;
                }
                if (!any) {
                    return notEstimable("no patient of group " + labels.get(g) + " had the "
                            + "event: the hazard ratio is 0 or infinite, not estimable (R's "
                            + "coxph warns that the coefficient may be infinite and returns "
                            + "the number it stopped at)");
                }
            }
            return notEstimable("the hazard ratio is 0 or infinite, not estimable (the "
                    + "likelihood rises for ever: R's coxph warns that the coefficient may be "
                    + "infinite and returns the number it stopped at)");
        }
        double robust = cox.robustStandardError(0);
        if (!(robust > ROUNDING * cox.naiveStandardError(0))) {
            return new CoxVerdict(WeightedAnswer.CoxStatus.NO_INTERVAL, "the robust variance "
                    + "is 0 to rounding (every patient's score residual is 0, as when every "
                    + "event falls at one time): the hazard ratio has no robust interval or "
                    + "p-value (R's are rounding noise)");
        }
        return new CoxVerdict(WeightedAnswer.CoxStatus.ESTIMATED, null);
    }

    /** Whether the weighted HR is an answer, and if not, why ({@code note}). */
    private record CoxVerdict(WeightedAnswer.CoxStatus status, String note) {
    }

    private static CoxVerdict notEstimable(String note) {
        return new CoxVerdict(WeightedAnswer.CoxStatus.NOT_ESTIMABLE, note);
    }

    /**
     * Why {@code term} cannot adjust a weighted comparison on this cohort (no such column or
     * stratifier, or an exposure over time), or null when it can: what a report spec is
     * checked with at submission, by the terms /weighted resolves.
     */
    public static String unusableTerm(Cohort cohort, Endpoint endpoint, String term,
            StratifierSource source) {
        try {
            ModelTerm t = ModelTerm.of(cohort, endpoint, term, Map.of(), source, Double.NaN);
            return t.timeDependent() ? timeDependent(term) : null;
        } catch (AnalysisException e) {
            return e.getMessage();
        }
    }

    /** The refusal of a time-dependent adjustment term ({@code antibiotics_td}). */
    private static String timeDependent(String term) {
        return "an exposure over time cannot adjust a propensity model; use "
                + term.replace("_td", "_ever") + " or a baseline column";
    }

    private static double[][] subset(ModelDesign design, int[] kept) {
        if (kept.length == design.rows().length) { // every patient in a group: the design as is
            return design.x(); // (LogisticRegression copies what it is given)
        }
        int[] position = new int[kept.length];
        int[] rows = design.rows();
        for (int i = 0, r = 0; i < kept.length; i++) {
            while (rows[r] != kept[i]) {
                r++;
            }
            position[i] = r;
        }
        double[][] x = new double[design.x().length][kept.length];
        for (int c = 0; c < x.length; c++) {
            for (int i = 0; i < kept.length; i++) {
                x[c][i] = design.x()[c][position[i]];
            }
        }
        return x;
    }

    /** The 422's sentence: which column separates the groups, or that several together do. */
    private static String separation(LogisticFit fit, List<CoxAnswer.Column> columns,
            String by) {
        if (!fit.separations().isEmpty()) {
            LogisticFit.Separation s = fit.separations().get(0);
            return "the propensity model cannot be fitted: " + columns.get(s.column())
                    .displayName() + " separates the groups of " + by + " ("
                    + (s.complete() ? "completely" : "quasi-completely") + "; R's glm warns "
                    + "that fitted probabilities are 0 or 1): leave it out of adjust";
        }
        return "the propensity model cannot be fitted: the adjustment columns together "
                + "separate the groups of " + by + " (R's glm warns that fitted probabilities "
                + "are 0 or 1): adjust for fewer columns";
    }

    private static List<WeightedAnswer.Balance> balance(List<ModelTerm> terms, int[] kept,
            int[] group, boolean[] in, double[] w) {
        int[] groups = new int[group.length];
        for (int i = 0; i < group.length; i++) {
            groups[i] = in[i] ? group[i] : -1; // the patients kept, before and after
        }
        List<WeightedAnswer.Balance> out = new ArrayList<>();
        for (ModelTerm term : terms) {
            List<double[]> values = new ArrayList<>();
            List<CoxAnswer.Column> columns = new ArrayList<>();
            term.addLevelColumns(kept, values, columns);
            for (int c = 0; c < columns.size(); c++) {
                StandardizedDifference.BeforeAfter smd =
                        StandardizedDifference.beforeAndAfter(values.get(c), groups, w);
                out.add(new WeightedAnswer.Balance(columns.get(c).term(), columns.get(c)
                        .level(), smd.before(), smd.after()));
            }
        }
        return out;
    }

    private static int count(int[] group, int g) {
        int n = 0;
        for (int v : group) {
            n += v == g ? 1 : 0;
        }
        return n;
    }
}
