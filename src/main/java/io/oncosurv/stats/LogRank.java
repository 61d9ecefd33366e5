package io.oncosurv.stats;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * The log-rank test and its weighted family ({@link Weighting}), as R's {@code survdiff} (C
 * routine {@code survdiff2}) computes G(rho): at each distinct event time t of a stratum, with
 * weight w (for G(rho), Ŝ(t−)^rho from the stratum's pooled Kaplan–Meier), observed += w·d_g,
 * expected += w·d·n_g/n, and the covariance gets w²·d(n−d)/(n(n−1))·n_g(δ_gh − n_h/n). Strata
 * add their sums. The statistic is (O−E)ᵀV⁻¹(O−E) over the groups with expected > 0, less the
 * first of them. R's C code adds the expected and covariance terms of every group at every event
 * time, as is done here for up to three groups in one stratum; otherwise running totals are read
 * as patients leave (see {@link LogRankSums}): the same sums in a different order.
 */
public final class LogRank {

    /** Singular values below this fraction of the largest count as zero (as MASS::ginv). */
    private static final double RANK_TOLERANCE = Math.sqrt(RDefaults.MACHINE_EPSILON);

    private LogRank() {
    }

    /** Unstratified test on raw arrays. */
    public static LogRankResult test(double[] time, boolean[] event, int[] group, int groups,
            double rho) {
        return test(SurvivalSample.builder(time, event).groups(group, groups).build(), rho);
    }

    /** Stratified test on raw arrays ({@code survdiff(Surv ~ group + strata(s))}). */
    public static LogRankResult testStratified(double[] time, boolean[] event, int[] group,
            int groups, int[] stratum, int strata, double rho) {
        return test(SurvivalSample.builder(time, event).groups(group, groups)
                .strata(stratum, strata).build(), rho);
    }

    /** R's {@code survdiff(rho = )}: the log-rank test at rho 0, else Fleming–Harrington G(rho,0). */
    public static LogRankResult test(SurvivalSample sample, double rho) {
        if (!Double.isFinite(rho) || rho < 0) {
            throw new IllegalArgumentException("rho must be finite and >= 0; got " + rho);
        }
        return test(sample, rho == 0 ? Weighting.logRank() : Weighting.flemingHarrington(rho, 0));
    }

    /** A weighted test on a sample, stratified when it has strata; one pass over its times. */
    public static LogRankResult test(SurvivalSample sample, Weighting weighting) {
        int k = sample.groups();
        LogRankSums sums = sum(sample, weighting, weighting);
        int[] patients = new int[k];
        for (int g = 0; g < k; g++) {
            patients[g] = sample.groupSize(g);
        }
        return finish(weighting, sample.strata(), patients, sums.observed, sums.expected(),
                sums.variance());
    }

    /**
     * The covariance matrix (groups × groups) of the observed − expected vectors of two weighted
     * tests on the same sample: Σ w·v·d(n−d)/(n(n−1))·n_g(δ_gh − n_h/n).
     */
    static double[][] covariance(SurvivalSample sample, Weighting first, Weighting second) {
        return sum(sample, first, second).variance();
    }

    private static LogRankSums sum(SurvivalSample sample, Weighting weighting, Weighting partner) {
        LogRankSums sums = new LogRankSums(sample, weighting, partner);
        sums.addAll(sample.steps());
        return sums;
    }

    private static LogRankResult finish(Weighting weighting, int strata, int[] patients,
            double[] observed, double[] expected, double[][] variance) {
        int k = observed.length;
        int[] used = new int[k];
        int count = 0;
        for (int g = 0; g < k; g++) {
            if (expected[g] > 0) {
                used[count++] = g;
            }
        }
        if (count < 2) {
            return new LogRankResult(weighting, strata, patients, observed, expected, variance, 0,
                    Math.max(count - 1, 0), Double.NaN);
        }
        // R drops the first group with expected > 0 and solves with the rest.
        int size = count - 1;
        RealMatrix v = new Array2DRowRealMatrix(size, size);
        RealVector difference = new ArrayRealVector(size);
        for (int a = 0; a < size; a++) {
            int g = used[a + 1];
            difference.setEntry(a, observed[g] - expected[g]);
            for (int b = 0; b < size; b++) {
                v.setEntry(a, b, variance[g][used[b + 1]]);
            }
        }
        double chiSquare;
        int df = size;
        SingularValueDecomposition svd = new SingularValueDecomposition(v);
        double[] singular = svd.getSingularValues(); // descending
        double cutoff = singular[0] * RANK_TOLERANCE;
        if (singular[0] > 0 && singular[size - 1] > cutoff) {
            chiSquare = new LUDecomposition(v, 0.0).getSolver().solve(difference)
                    .dotProduct(difference);
        } else {
            // R's solve() stops on a singular matrix; a generalized inverse on the matrix's rank
            // gives the usual answer (all events at a time when everyone at risk dies, say).
            chiSquare = 0;
            df = 0;
            RealVector projected = svd.getUT().operate(difference);
            for (int i = 0; i < size; i++) {
                if (singular[i] > cutoff && singular[i] > 0) {
                    chiSquare += projected.getEntry(i) * projected.getEntry(i) / singular[i];
                    df++;
                }
            }
        }
        double p = df > 0 ? ChiSquare.upperTail(chiSquare, df) : Double.NaN;
        return new LogRankResult(weighting, strata, patients, observed, expected, variance,
                chiSquare,
                df, p);
    }
}
