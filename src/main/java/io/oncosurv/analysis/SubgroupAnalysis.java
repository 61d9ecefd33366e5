package io.oncosurv.analysis;

import io.oncosurv.analysis.SubgroupAnswer.Effect;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.Endpoint;
import io.oncosurv.cohort.Stratification;
import io.oncosurv.stats.ChiSquareTest;
import io.oncosurv.stats.CoxModel;
import io.oncosurv.stats.CoxResult;
import io.oncosurv.stats.CoxTies;
import io.oncosurv.stats.RDefaults;
import io.oncosurv.stats.StandardNormal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The subgroup forest of a treatment effect: the treatment's Cox HR among all patients and
 * within each level of each {@code by}, and per {@code by} the likelihood-ratio test of the
 * treatment-by-subgroup interaction. Two arms only: with more, "the" treatment effect of a
 * subgroup is several HRs and the forest one row per level would mislead, so it is refused
 * (narrow the cohort or the arms first). Every fit is {@link CoxModel}'s (Efron); the design
 * (patients, indicator columns) is {@link ModelDesign}'s, so the main-effects model here is the
 * /cox model {@code terms=treatment,by}, and the interaction model adds the product columns.
 */
public final class SubgroupAnalysis {

    private static final CoxTies TIES = CoxTies.EFRON;
    private static final double Z = StandardNormal.quantile(1 - (1 - RDefaults.CONF_LEVEL) / 2);

    private SubgroupAnalysis() {
    }

    public static SubgroupAnswer run(Cohort cohort, SubgroupRequest request,
            StratifierSource source) throws AnalysisException {
        if (request.by().isEmpty()) {
            throw new AnalysisException("no subgroup variable (by) given");
        }
        if (request.by().contains(request.treatment())) {
            throw new AnalysisException("the treatment " + request.treatment()
                    + " cannot also be a subgroup variable");
        }
        Endpoint endpoint = Causes.endpoint(cohort, request.endpoint());
        // the settings (a cut-off) are the subgroup variables'; the arms are taken as written
        String treatment = request.treatment();
        StratifierSource armsAsWritten = (name, settings) -> source.stratify(name,
                name.equals(treatment) ? Map.of() : settings);
        Stratification arms = armsAsWritten.require(treatment, Map.of());
        CoxAnswer overall = CoxAnalysis.run(cohort, new CoxRequest(request.endpoint(),
                List.of(treatment), TIES, null, Map.of()), armsAsWritten);
        if (overall.columns().size() > 1) {
            throw new AnalysisException("the subgroup forest compares two arms; " + treatment
                    + " has " + (overall.columns().size() + 1) + " among the patients with "
                    + request.endpoint() + " (" + String.join(", ", armsUsed(arms, endpoint,
                            cohort.patients())) + "): give a cohort of two arms");
        }
        String treated = overall.columns().get(0).level();
        String reference = armsUsed(arms, endpoint, cohort.patients()).get(0);
        Arms pair = new Arms(reference, treated);
        Effect all = effect("All patients", "All patients", overall.patients(), overall.fit(),
                pair);
        List<SubgroupAnswer.Subgroup> subgroups = new ArrayList<>();
        for (String by : request.by()) {
            subgroups.add(subgroup(cohort, endpoint, request, by, armsAsWritten, pair));
        }
        return new SubgroupAnswer(request, reference, treated, all, subgroups);
    }

    private static SubgroupAnswer.Subgroup subgroup(Cohort cohort, Endpoint endpoint,
            SubgroupRequest request, String by, StratifierSource source, Arms pair)
            throws AnalysisException {
        // a subgroup variable is a stratifier (a numeric column needs its cut-off), never a
        // number entering the model per unit
        Stratification levels = source.require(by, request.settings());
        ModelDesign design = ModelDesign.of(cohort, endpoint, List.of(request.treatment(), by),
                request.settings(), null, List.of(), source);
        int[] rows = design.rows();
        int n = rows.length;
        double[] time = new double[n];
        boolean[] event = new boolean[n];
        for (int i = 0; i < n; i++) {
            time[i] = endpoint.months(rows[i]);
            event[i] = endpoint.event(rows[i]) == 1;
        }
        double[][] x = design.x();
        int[] armColumns = design.termColumns()[0];
        int[] byColumns = design.termColumns()[1];
        // one arm only among them: ModelDesign has refused it (a single value); two: one column
        double[] arm = x[armColumns[0]];
        CoxResult main = CoxModel.fit(time, event, x, null, 1, TIES);
        CoxResult interaction = CoxModel.fit(time, event, withProducts(x, arm, byColumns), null,
                1, TIES);
        List<Effect> effects = new ArrayList<>();
        List<String> names = levels.displayNames();
        for (int level = 0; level < levels.labels().size(); level++) {
            Effect e = level(rows, levels, level, names.get(level), time, event, arm, pair);
            if (e != null) {
                effects.add(e);
            }
        }
        // R's anova.coxphlist: |2 Δ loglik| on |Δ non-NA coefficients| df
        int df = Math.abs(estimated(interaction) - estimated(main));
        double chiSquare = Math.abs(2 * (interaction.logLikelihood() - main.logLikelihood()));
        List<String> warnings = new ArrayList<>();
        main.warnings().forEach(w -> warnings.add("treatment + " + by + ": " + w));
        interaction.warnings().forEach(w -> warnings.add("treatment * " + by + ": " + w));
        return new SubgroupAnswer.Subgroup(by, effects, n, main.logLikelihood(),
                interaction.logLikelihood(), ChiSquareTest.of(chiSquare, df), warnings);
    }

    /** The model columns of {@code t * s}: t, s, then t:s (each s column times t). */
    private static double[][] withProducts(double[][] x, double[] arm, int[] byColumns) {
        double[][] full = Arrays.copyOf(x, x.length + byColumns.length);
        for (int k = 0; k < byColumns.length; k++) {
            double[] s = x[byColumns[k]];
            double[] product = new double[arm.length];
            for (int i = 0; i < arm.length; i++) {
                product[i] = arm[i] * s[i];
            }
            full[x.length + k] = product;
        }
        return full;
    }

    /** The treatment's HR among one level's patients; null when the level has none. */
    private static Effect level(int[] rows, Stratification levels, int level, String name,
            double[] time, boolean[] event, double[] arm, Arms pair) {
        int count = 0;
        for (int row : rows) {
            count += levels.code(row) == level ? 1 : 0;
        }
        if (count == 0) {
            return null;
        }
        double[] t = new double[count];
        boolean[] e = new boolean[count];
        double[] a = new double[count];
        int k = 0;
        for (int i = 0; i < rows.length; i++) {
            if (levels.code(rows[i]) == level) {
                t[k] = time[i];
                e[k] = event[i];
                a[k++] = arm[i];
            }
        }
        CoxResult fit = CoxModel.fit(t, e, new double[][] {a}, null, 1, TIES);
        return effect(levels.labels().get(level), name, count, fit, pair);
    }

    /** The arm compared and the reference arm, as every {@link HazardRatio} names them. */
    private record Arms(String reference, String treated) {
    }

    private static Effect effect(String label, String name, int patients, CoxResult fit,
            Arms pair) {
        double coef = fit.coefficient(0);
        double se = fit.standardError(0);
        String reason = null;
        if (fit.events() == 0) {
            reason = "no events";
        } else if (Double.isNaN(coef)) {
            reason = "one arm only";
        } else if (!fit.warnings().isEmpty()) {
            // R's estimate runs off to infinity (an arm without events) or did not converge
            reason = String.join("; ", fit.warnings());
        }
        HazardRatio hr = reason != null
                ? HazardRatio.notEstimable(pair.treated(), pair.reference(),
                        RDefaults.CONF_LEVEL, reason)
                : new HazardRatio(pair.treated(), pair.reference(), coef, se, Math.exp(coef),
                        Math.exp(coef - Z * se), Math.exp(coef + Z * se),
                        2 * StandardNormal.cdf(-Math.abs(coef / se)), RDefaults.CONF_LEVEL);
        // our explanation of a fit without events is not one of R's warnings (R is silent)
        List<String> warnings = fit.warnings().stream()
                .filter(w -> !w.equals(CoxModel.NO_EVENTS)).toList();
        return new Effect(label, name, patients, fit.events(), hr, warnings);
    }

    private static int estimated(CoxResult fit) {
        int k = 0;
        for (double c : fit.coefficients()) {
            k += Double.isNaN(c) ? 0 : 1;
        }
        return k;
    }

    /** The treatment's levels with patients with the endpoint, in the stratifier's order. */
    private static List<String> armsUsed(Stratification arms, Endpoint endpoint,
            int patients) {
        boolean[] seen = new boolean[arms.labels().size()];
        for (int p = 0; p < patients; p++) {
            if (arms.code(p) >= 0 && endpoint.isComplete(p)) {
                seen[arms.code(p)] = true;
            }
        }
        List<String> used = new ArrayList<>();
        for (int l = 0; l < seen.length; l++) {
            if (seen[l]) {
                used.add(arms.labels().get(l));
            }
        }
        return used;
    }
}
