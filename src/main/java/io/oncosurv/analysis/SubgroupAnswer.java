package io.oncosurv.analysis;

import io.oncosurv.stats.ChiSquareTest;
import java.util.List;

/**
 * The treatment effect overall and within subgroups: {@code reference} is the reference arm,
 * {@code treated} the arm whose hazard ratio against it is given (HR &lt; 1 favours
 * {@code treated}); {@code all} is every patient with the endpoint and an arm; one
 * {@link Subgroup} per {@code by}.
 */
public record SubgroupAnswer(SubgroupRequest request, String reference, String treated,
        Effect all, List<Subgroup> subgroups) {

    public SubgroupAnswer {
        subgroups = List.copyOf(subgroups);
    }

    /** The number of subgroups (levels) drawn, over every {@code by}. */
    public int levels() {
        return subgroups.stream().mapToInt(s -> s.levels().size()).sum();
    }

    /**
     * What the figure and the answer state of multiplicity: "3 subgroup variables tested (8
     * subgroups); interaction p not adjusted for multiplicity".
     */
    public String tested() {
        int k = subgroups.size();
        int m = levels();
        return k + (k == 1 ? " subgroup variable" : " subgroup variables") + " tested (" + m
                + (m == 1 ? " subgroup" : " subgroups")
                + "); interaction p not adjusted for multiplicity";
    }

    /**
     * The treatment's hazard ratio within a set of patients, from
     * {@code coxph(Surv(time, event) ~ treatment, ties = "efron")}: n, events, the estimate with
     * Wald 95 % limits and Wald p ({@link HazardRatio}; NaN and a reason where not estimable:
     * R's NA or a warning that the coefficient may be infinite or did not converge), and R's
     * warnings. {@code label} is the level's key ("high"), {@code name} what a reader sees
     * ("CD8+ TIL ≥ 145.6 cells/mm²").
     */
    public record Effect(String label, String name, int patients, int events, HazardRatio hazardRatio,
            List<String> warnings) {

        public Effect {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * One subgroup variable: its levels (those with patients, in the stratifier's order) and
     * the interaction test on the {@code patients} with the variable present: the
     * likelihood-ratio test of {@code treatment * by} against {@code treatment + by}, as R's
     * {@code anova(coxph(~ t + s), coxph(~ t * s))} — chi-square 2 |Δ log L|, df the difference
     * in non-NA coefficients, p null when df is 0 — with each model's partial log-likelihood and
     * warnings.
     */
    public record Subgroup(String by, List<Effect> levels, int patients,
            double logLikelihoodMain, double logLikelihoodInteraction, ChiSquareTest interaction,
            List<String> warnings) {

        public Subgroup {
            levels = List.copyOf(levels);
            warnings = List.copyOf(warnings);
        }
    }
}
