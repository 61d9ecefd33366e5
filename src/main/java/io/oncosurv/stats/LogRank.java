package io.oncosurv.stats;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * The log-rank test and its Fleming–Harrington G(rho) family, as R's {@code survdiff} (C routine
 * {@code survdiff2}): at each distinct event time t of a stratum, with weight w = Ŝ(t−)^rho from
 * the stratum's pooled Kaplan–Meier just before t, observed += w·d_g, expected += w·d·n_g/n, and
 * the covariance gets w²·d(n−d)/(n(n−1))·n_g(δ_gh − n_h/n). Strata add their sums. The statistic
 * is (O−E)ᵀV⁻¹(O−E) over the groups with expected > 0, less the first of them.
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

    /** The test on a sample, stratified when the sample has strata; one pass. */
    public static LogRankResult test(SurvivalSample sample, double rho) {
        if (!Double.isFinite(rho) || rho < 0) {
            throw new IllegalArgumentException("rho must be finite and >= 0; got " + rho);
        }
        Accumulator sums = new Accumulator(sample, rho);
        CanonicalTimes canonical = sample.canonicalTimes();
        double current = Double.NaN;
        for (int i = 0; i < sample.size(); i++) {
            double t = canonical.of(sample.time(i));
            if (t != current) {
                sums.closeTime();
                current = t;
            }
            sums.add(sample.stratum(i), sample.group(i), sample.event(i));
        }
        sums.closeTime();
        int k = sample.groups();
        int[] patients = new int[k];
        for (int g = 0; g < k; g++) {
            patients[g] = sample.groupSize(g);
        }
        double[][] variance = new double[k][k];
        for (int g = 0; g < k; g++) {
            for (int h = g; h < k; h++) {
                variance[g][h] = sums.variance[g * k + h];
                variance[h][g] = sums.variance[g * k + h];
            }
        }
        return finish(rho, sample.strata(), patients, sums.observed, sums.expected, variance);
    }

    /**
     * Sums over the distinct times, fed one row at a time in time order; the rows of one time may
     * belong to several strata, each with its own numbers at risk and pooled Kaplan–Meier.
     */
    private static final class Accumulator {
        private final int groups;
        private final double rho;
        final double[] observed;
        final double[] expected;
        final double[] variance; // groups x groups, row-major
        private final int[] atRisk; // per stratum * groups + group
        private final int[] pooledAtRisk; // per stratum
        private final double[] pooledSurvival; // per stratum, just before the current time
        private final int[] deaths; // at the current time, per cell
        private final int[] leaving; // at the current time, per cell
        private final int[] touched; // strata with rows at the current time
        private final boolean[] isTouched;
        private int touchedCount;

        Accumulator(SurvivalSample sample, double rho) {
            this.groups = sample.groups();
            this.rho = rho;
            int strata = sample.strata();
            observed = new double[groups];
            expected = new double[groups];
            variance = new double[groups * groups];
            atRisk = new int[strata * groups];
            pooledAtRisk = new int[strata];
            pooledSurvival = new double[strata];
            for (int s = 0; s < strata; s++) {
                pooledSurvival[s] = 1;
                for (int g = 0; g < groups; g++) {
                    atRisk[s * groups + g] = sample.cellSize(g, s);
                    pooledAtRisk[s] += atRisk[s * groups + g];
                }
            }
            deaths = new int[strata * groups];
            leaving = new int[strata * groups];
            touched = new int[strata];
            isTouched = new boolean[strata];
        }

        void add(int stratum, int group, boolean event) {
            int cell = stratum * groups + group;
            if (event) {
                deaths[cell]++;
            }
            leaving[cell]++;
            if (!isTouched[stratum]) {
                isTouched[stratum] = true;
                touched[touchedCount++] = stratum;
            }
        }

        /**
         * Adds the current time's terms for each stratum that had rows at it, in stratum order
         * so that the sums do not depend on the order of rows within a time.
         */
        void closeTime() {
            if (touchedCount > 1) {
                Arrays.sort(touched, 0, touchedCount);
            }
            for (int u = 0; u < touchedCount; u++) {
                int s = touched[u];
                isTouched[s] = false;
                int base = s * groups;
                int d = 0;
                int left = 0;
                for (int g = 0; g < groups; g++) {
                    d += deaths[base + g];
                    left += leaving[base + g];
                }
                if (d > 0) {
                    addTerms(s, base, d);
                }
                for (int g = 0; g < groups; g++) {
                    atRisk[base + g] -= leaving[base + g];
                    deaths[base + g] = 0;
                    leaving[base + g] = 0;
                }
                pooledAtRisk[s] -= left;
            }
            touchedCount = 0;
        }

        private void addTerms(int s, int base, int d) {
            double n = pooledAtRisk[s];
            double inverseN = 1 / n;
            double weight = rho == 0 ? 1 : Math.pow(pooledSurvival[s], rho);
            for (int g = 0; g < groups; g++) {
                observed[g] += weight * deaths[base + g];
                expected[g] += weight * d * atRisk[base + g] * inverseN;
            }
            if (n > 1) {
                // symmetric: fill the upper triangle, mirrored in finish
                double scale = weight * weight * d * (n - d) / (n * (n - 1));
                for (int g = 0; g < groups; g++) {
                    double term = scale * atRisk[base + g];
                    double termOverN = term * inverseN;
                    int row = g * groups;
                    variance[row + g] += term - termOverN * atRisk[base + g];
                    for (int h = g + 1; h < groups; h++) {
                        variance[row + h] -= termOverN * atRisk[base + h];
                    }
                }
            }
            if (rho != 0) {
                pooledSurvival[s] *= (n - d) * inverseN;
            }
        }
    }

    private static LogRankResult finish(double rho, int strata, int[] patients,
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
            return new LogRankResult(rho, strata, patients, observed, expected, variance, 0,
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
        return new LogRankResult(rho, strata, patients, observed, expected, variance, chiSquare,
                df, p);
    }
}
