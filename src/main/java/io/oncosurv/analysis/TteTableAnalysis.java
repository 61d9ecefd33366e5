package io.oncosurv.analysis;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.Endpoint;
import io.oncosurv.cohort.Stratification;
import io.oncosurv.stats.ConfType;
import io.oncosurv.stats.KaplanMeier;
import io.oncosurv.stats.LandmarkEstimate;
import io.oncosurv.stats.Landmarks;
import io.oncosurv.stats.LogRank;
import io.oncosurv.stats.QuantileEstimate;
import io.oncosurv.stats.RDefaults;
import io.oncosurv.stats.StandardNormal;
import io.oncosurv.stats.SurvivalCurve;
import io.oncosurv.stats.SurvivalQuantiles;
import io.oncosurv.stats.SurvivalSample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The time-to-event table of a clinical study report, composed of the kernels tested against R:
 * per group {@code survfit} (Kaplan–Meier, Greenwood) and its {@code quantile} at 0.25, 0.5 and
 * 0.75 with log limits (survfit's default), and {@code summary(fit, times, extend = TRUE)} at the
 * milestones with plain limits (as CSR tables show rates); each group after the first against
 * the first, on the patients of the two groups: {@code survdiff} without and with
 * {@code strata()}, {@code coxph} (Efron; stratified with strata), and the difference of the
 * milestone rates with a z-test. Patients missing a time, event, group or stratum are left out
 * (one set for every number). Callable without Vert.x.
 */
public final class TteTableAnalysis {

    private static final double[] QUARTILES = {0.25, 0.5, 0.75};

    private TteTableAnalysis() {
    }

    public static TteTable run(Cohort cohort, TteTableRequest request) throws AnalysisException {
        return run(cohort, request, StratifierSource.direct(cohort));
    }

    public static TteTable run(Cohort cohort, TteTableRequest request, StratifierSource source)
            throws AnalysisException {
        Endpoint endpoint = Causes.endpoint(cohort, request.endpoint());
        Stratification by = source.require(request.by(), request.settings());
        Stratification strata = request.strata() == null ? null
                : source.require(request.strata(), Map.of());
        int patients = cohort.patients();
        double[] time = new double[patients];
        boolean[] event = new boolean[patients];
        int[] group = new int[patients];
        int[] stratum = new int[patients];
        int[] perGroup = new int[by.labels().size()];
        int n = 0;
        // rows in the endpoint's time order (kept since ingest), so no sort per query
        for (int rank = 0; rank < patients; rank++) {
            int p = endpoint.patientByTime(rank);
            double t = endpoint.monthsByRank(rank);
            int e = endpoint.eventByRank(rank);
            int g = by.code(p);
            int s = strata == null ? 0 : strata.code(p);
            if (Double.isNaN(t) || e < 0 || g < 0 || s < 0) {
                continue;
            }
            time[n] = t;
            event[n] = e == 1;
            group[n] = g;
            stratum[n] = s;
            perGroup[g]++;
            n++;
        }
        // groups without patients are left out, as R drops unused factor levels
        int[] newCode = new int[perGroup.length];
        List<String> labels = new ArrayList<>();
        for (int g = 0; g < perGroup.length; g++) {
            newCode[g] = perGroup[g] > 0 ? labels.size() : -1;
            if (perGroup[g] > 0) {
                labels.add(by.labels().get(g));
            }
        }
        if (labels.size() < 2) {
            throw new AnalysisException("a time-to-event table compares groups, and "
                    + request.by() + " has " + (labels.isEmpty() ? "no group with a "
                            + request.endpoint() + " time and event" : "one group here ("
                            + labels.get(0) + ")"));
        }
        time = Arrays.copyOf(time, n);
        event = Arrays.copyOf(event, n);
        group = Arrays.copyOf(group, n);
        stratum = Arrays.copyOf(stratum, n);
        for (int i = 0; i < n; i++) {
            group[i] = newCode[group[i]];
        }
        int strataCount = strata == null ? 1 : strata.labels().size();
        double[] milestones = request.milestones();
        double level = request.confLevel();

        SurvivalCurve[] curves = KaplanMeier.fitGroups(SurvivalSample.builder(time, event)
                .groups(group, labels.size()).alreadySorted().build(), RDefaults.CONF_TYPE,
                level);
        List<TteTable.Group> groups = new ArrayList<>();
        for (int g = 0; g < curves.length; g++) {
            groups.add(group(labels.get(g), curves[g], milestones));
        }
        List<TteTable.Comparison> comparisons = new ArrayList<>();
        for (int g = 1; g < curves.length; g++) {
            comparisons.add(compare(time, event, group, g, stratum, strata == null ? 0
                    : strataCount, labels, groups, level));
        }
        return new TteTable(request, patients - n, groups, comparisons);
    }

    private static TteTable.Group group(String label, SurvivalCurve curve, double[] milestones) {
        QuantileEstimate[] q = SurvivalQuantiles.of(curve, QUARTILES);
        int last = curve.size() - 1;
        List<LandmarkEstimate> rates = List.of(Landmarks.of(
                curve.withConfidence(ConfType.PLAIN, curve.confLevel()), milestones));
        return new TteTable.Group(label, curve.patients(), curve.events(), q[0], q[1], q[2],
                curve.time(0), curve.nEvent(0) == 0, curve.time(last), curve.nEvent(last) == 0,
                rates);
    }

    /** Group g against group 0, on the patients of the two (in time order still). */
    private static TteTable.Comparison compare(double[] time, boolean[] event, int[] group,
            int g, int[] stratum, int strata, List<String> labels, List<TteTable.Group> groups,
            double level) {
        int m = 0;
        for (int c : group) {
            m += c == 0 || c == g ? 1 : 0;
        }
        double[] t = new double[m];
        boolean[] e = new boolean[m];
        int[] pair = new int[m];
        int[] s = new int[m];
        int k = 0;
        for (int i = 0; i < time.length; i++) {
            if (group[i] == 0 || group[i] == g) {
                t[k] = time[i];
                e[k] = event[i];
                pair[k] = group[i] == 0 ? 0 : 1;
                s[k] = stratum[i];
                k++;
            }
        }
        SurvivalSample plain = SurvivalSample.builder(t, e).groups(pair, 2).alreadySorted()
                .build();
        double logRankP = LogRank.test(plain, RDefaults.RHO).p();
        double stratifiedP = Double.NaN;
        if (strata > 0) {
            stratifiedP = LogRank.test(SurvivalSample.builder(t, e).groups(pair, 2)
                    .strata(s, strata).alreadySorted().build(), RDefaults.RHO).p();
        }
        HazardRatio hr = GroupHazardRatios.of(t, e, pair, List.of(labels.get(0),
                labels.get(g)), strata > 0 ? s : null, strata, level).get(0);
        return new TteTable.Comparison(labels.get(g), labels.get(0), logRankP, stratifiedP, hr,
                differences(groups.get(0).milestones(), groups.get(g).milestones(), level));
    }

    /** (S_g − S_0) ± z·sqrt(se_g² + se_0²) and its two-sided z-test p, at each milestone. */
    private static List<TteTable.MilestoneDifference> differences(List<LandmarkEstimate> first,
            List<LandmarkEstimate> other, double level) {
        double z = StandardNormal.quantile(1 - (1 - level) / 2);
        List<TteTable.MilestoneDifference> out = new ArrayList<>();
        for (int j = 0; j < first.size(); j++) {
            LandmarkEstimate a = first.get(j);
            LandmarkEstimate b = other.get(j);
            double difference = b.survival() - a.survival();
            double se = Math.sqrt(a.stdErr() * a.stdErr() + b.stdErr() * b.stdErr());
            double p = 2 * StandardNormal.upperTail(Math.abs(difference / se));
            out.add(new TteTable.MilestoneDifference(a.time(), difference, difference - z * se,
                    difference + z * se, Double.isNaN(se) ? Double.NaN : p));
        }
        return out;
    }
}
