package io.oncosurv.stats;

/**
 * Inverse-probability weights from propensity scores (the probability of the second group,
 * group 1), their summaries and effective sample sizes.
 *
 * <ul>
 * <li>ATE: 1/ps for group 1, 1/(1 − ps) for group 0; stabilised: times the group's share of the
 * patients kept (P(g = 1) and P(g = 0)).</li>
 * <li>ATT: 1 for group 1, ps/(1 − ps) for group 0; stabilised: group 0's weights times
 * P(g = 0)/P(g = 1), so they sum to about group 0's size.</li>
 * <li>Trimming at q (0 &lt; q &lt; 0.5): patients whose score lies below the q quantile or above
 * the 1 − q quantile of all scores (R's type 7) are left out, weight 0 and not kept; the scores
 * are not refitted. A patient without a score or group is left out too.</li>
 * </ul>
 * The effective sample size of a group is (Σw)² / Σw² (Kish).
 */
public final class PropensityWeights {

    /** Which population the weights stand for. */
    public enum Estimand { ATE, ATT }

    /** One group's weights: patients kept, sum, min, max, mean and effective sample size. */
    public record GroupSummary(int n, double sum, double min, double max, double mean,
            double ess) {
    }

    /**
     * The weight of every patient (0 when left out), whether each was kept, and the summaries
     * over the kept patients and per group; {@code excluded} counts the patients left out,
     * {@code trimmed} those of them left out by trimming.
     */
    public record Result(double[] weight, boolean[] kept, double min, double max, double mean,
            GroupSummary first, GroupSummary second, int excluded, int trimmed) {

        public Result {
            weight = weight.clone();
            kept = kept.clone();
        }

        @Override
        public double[] weight() {
            return weight.clone();
        }

        @Override
        public boolean[] kept() {
            return kept.clone();
        }
    }

    private PropensityWeights() {
    }

    /**
     * @param score   each patient's propensity score in (0, 1), NaN for none
     * @param group   0, 1, or anything else for none
     * @param trim    the trimming quantile q in [0, 0.5); 0 keeps everyone
     */
    public static Result of(double[] score, int[] group, Estimand estimand, boolean stabilized,
            double trim) {
        if (!(trim >= 0 && trim < 0.5)) {
            throw new IllegalArgumentException("trim must be in [0, 0.5): " + trim);
        }
        int n = score.length;
        boolean[] kept = new boolean[n];
        int usable = 0;
        for (int i = 0; i < n; i++) {
            kept[i] = (group[i] == 0 || group[i] == 1) && score[i] > 0 && score[i] < 1;
            usable += kept[i] ? 1 : 0;
        }
        int trimmed = 0;
        if (trim > 0 && usable > 0) {
            double[] scores = new double[usable];
            for (int i = 0, k = 0; i < n; i++) {
                if (kept[i]) {
                    scores[k++] = score[i];
                }
            }
            java.util.Arrays.sort(scores);
            double low = Quantile7.of(scores, trim);
            double high = Quantile7.of(scores, 1 - trim);
            for (int i = 0; i < n; i++) {
                if (kept[i] && (score[i] < low || score[i] > high)) {
                    kept[i] = false;
                    trimmed++;
                }
            }
        }
        double[] count = new double[2];
        int excluded = 0;
        for (int i = 0; i < n; i++) {
            if (kept[i]) {
                count[group[i]]++;
            } else {
                excluded++;
            }
        }
        double total = count[0] + count[1];
        double[] weight = new double[n];
        for (int i = 0; i < n; i++) {
            if (!kept[i]) {
                continue;
            }
            double ps = score[i];
            boolean second = group[i] == 1;
            double w;
            if (estimand == Estimand.ATE) {
                w = second ? 1 / ps : 1 / (1 - ps);
                if (stabilized) {
                    w *= count[group[i]] / total;
                }
            } else {
                w = second ? 1 : ps / (1 - ps);
                if (stabilized && !second && count[1] > 0) {
                    w *= count[0] / count[1];
                }
            }
            weight[i] = w;
        }
        GroupSummary[] groups = new GroupSummary[2];
        for (int g = 0; g < 2; g++) {
            groups[g] = summary(weight, kept, group, g);
        }
        double min = Double.NaN;
        double max = Double.NaN;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (kept[i]) {
                min = Double.isNaN(min) ? weight[i] : Math.min(min, weight[i]);
                max = Double.isNaN(max) ? weight[i] : Math.max(max, weight[i]);
                sum += weight[i];
            }
        }
        return new Result(weight, kept, min, max, total == 0 ? Double.NaN : sum / total,
                groups[0], groups[1], excluded, trimmed);
    }

    private static GroupSummary summary(double[] weight, boolean[] kept, int[] group, int g) {
        int n = 0;
        double sum = 0;
        double squares = 0;
        double min = Double.NaN;
        double max = Double.NaN;
        for (int i = 0; i < weight.length; i++) {
            if (kept[i] && group[i] == g) {
                n++;
                sum += weight[i];
                squares += weight[i] * weight[i];
                min = Double.isNaN(min) ? weight[i] : Math.min(min, weight[i]);
                max = Double.isNaN(max) ? weight[i] : Math.max(max, weight[i]);
            }
        }
        return new GroupSummary(n, sum, min, max, n == 0 ? Double.NaN : sum / n,
                n == 0 ? Double.NaN : sum * sum / squares);
    }
}
