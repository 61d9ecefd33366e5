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
 * R's C code adds the expected and covariance terms of every group at every event time; here a
 * group's terms are added when its number at risk changes (see {@link Sums}), the same sums in a
 * different order.
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

    /** The test on a sample, stratified when the sample has strata; one pass over its times. */
    public static LogRankResult test(SurvivalSample sample, double rho) {
        if (!Double.isFinite(rho) || rho < 0) {
            throw new IllegalArgumentException("rho must be finite and >= 0; got " + rho);
        }
        int k = sample.groups();
        Sums sums = new Sums(sample, rho);
        TimeSteps steps = sample.steps();
        if (sample.strata() == 1) {
            for (int j = 0; j < steps.steps; j++) {
                sums.addTime(steps, 0, steps.start[j], steps.start[j + 1]);
            }
        } else {
            int[] stratumOf = new int[k * sample.strata()];
            for (int c = 0; c < stratumOf.length; c++) {
                stratumOf[c] = c / k;
            }
            for (int j = 0; j < steps.steps; j++) {
                // a step's entries are in cell order, so each stratum's cells come together
                int e = steps.start[j];
                int end = steps.start[j + 1];
                while (e < end) {
                    int stratum = stratumOf[steps.cell[e]];
                    int stratumEnd = e + 1;
                    while (stratumEnd < end && stratumOf[steps.cell[stratumEnd]] == stratum) {
                        stratumEnd++;
                    }
                    sums.addTime(steps, stratum, e, stratumEnd);
                    e = stratumEnd;
                }
            }
        }
        sums.settleAll();
        int[] patients = new int[k];
        for (int g = 0; g < k; g++) {
            patients[g] = sample.groupSize(g);
        }
        return finish(rho, sample.strata(), patients, sums.observed, sums.expected(),
                sums.variance());
    }

    /**
     * The test's sums, kept so that a time costs O(cells leaving at it) rather than O(k²).
     * Per stratum s and distinct time t with d events among n at risk, weight w:
     * a_t = w·d/n, c_t = w²·d(n−d)/(n(n−1)), e_t = c_t/n. Then E_g = Σ a_t·n_g(t),
     * V_gg = Σ c_t·n_g(t) − Σ e_t·n_g(t)², V_gh = −Σ e_t·n_g(t)·n_h(t). Since n_g only changes
     * when a patient of g leaves, running totals of a, c and e per stratum are kept, and a group's
     * terms are settled (count × change of the total since its last settlement) just before its
     * count changes, and once at the end.
     */
    private static final class Sums {
        private final int groups;
        private final double rho;
        final double[] observed;
        private final double[] expected;
        private final double[] hazardSum; // Σ c_t·n_g(t), per group
        private final double[] pairSum; // Σ e_t·n_g(t)·n_h(t), per g <= h, row-major k × k
        private final int[] pairIndex; // (g, h) -> index of (min, max) in pairSum, without a branch
        private final int[] atRisk; // per cell
        private final int[] pooledAtRisk; // per stratum
        private final double[] pooledSurvival; // per stratum, just before the current time
        private final double[] totalA; // per stratum
        private final double[] totalC;
        private final double[] totalE;
        private final double[] settledA; // per cell: totalA at its last settlement
        private final double[] settledC;
        private final double[] settledE; // per stratum × k × k

        Sums(SurvivalSample sample, double rho) {
            this.groups = sample.groups();
            this.rho = rho;
            int strata = sample.strata();
            int cells = strata * groups;
            observed = new double[groups];
            expected = new double[groups];
            hazardSum = new double[groups];
            pairSum = new double[groups * groups];
            pairIndex = new int[groups * groups];
            for (int g = 0; g < groups; g++) {
                for (int h = 0; h < groups; h++) {
                    pairIndex[g * groups + h] = Math.min(g, h) * groups + Math.max(g, h);
                }
            }
            atRisk = new int[cells];
            pooledAtRisk = new int[strata];
            pooledSurvival = new double[strata];
            totalA = new double[strata];
            totalC = new double[strata];
            totalE = new double[strata];
            settledA = new double[cells];
            settledC = new double[cells];
            settledE = new double[strata * groups * groups];
            for (int s = 0; s < strata; s++) {
                pooledSurvival[s] = 1;
                for (int g = 0; g < groups; g++) {
                    atRisk[s * groups + g] = sample.cellSize(g, s);
                    pooledAtRisk[s] += sample.cellSize(g, s);
                }
            }
        }

        /** One distinct time of one stratum: entries {@code from .. to-1} of the steps. */
        void addTime(TimeSteps steps, int s, int from, int to) {
            int d = 0;
            int leaving = 0;
            for (int e = from; e < to; e++) {
                d += steps.events[e];
                leaving += steps.events[e] + steps.censored[e];
            }
            // No branch on d > 0: at a time with only censorings every term below is exactly 0
            // (and the pooled survival is multiplied by exactly 1).
            double n = pooledAtRisk[s];
            double weight = rho == 0 ? 1 : Math.pow(pooledSurvival[s], rho);
            for (int e = from; e < to; e++) {
                observed[steps.cell[e] - s * groups] += weight * steps.events[e];
            }
            totalA[s] += weight * d / n;
            if (n > 1) {
                double c = weight * weight * d * (n - d) / (n * (n - 1));
                totalC[s] += c;
                totalE[s] += c / n;
            }
            if (rho != 0) {
                pooledSurvival[s] *= (n - d) / n;
            }
            for (int e = from; e < to; e++) {
                int cell = steps.cell[e];
                settle(s, cell - s * groups);
                atRisk[cell] -= steps.events[e] + steps.censored[e];
            }
            pooledAtRisk[s] -= leaving;
        }

        /** Adds group g's terms in stratum s since its last settlement, at its current count. */
        private void settle(int s, int g) {
            int base = s * groups;
            int cell = base + g;
            double n = atRisk[cell];
            expected[g] += n * (totalA[s] - settledA[cell]);
            settledA[cell] = totalA[s];
            hazardSum[g] += n * (totalC[s] - settledC[cell]);
            settledC[cell] = totalC[s];
            double e = totalE[s];
            int pairs = s * groups * groups;
            int row = g * groups;
            for (int h = 0; h < groups; h++) {
                int pair = pairIndex[row + h];
                pairSum[pair] += n * atRisk[base + h] * (e - settledE[pairs + pair]);
                settledE[pairs + pair] = e;
            }
        }

        void settleAll() {
            for (int s = 0; s < pooledAtRisk.length; s++) {
                for (int g = 0; g < groups; g++) {
                    settle(s, g);
                }
            }
        }

        double[] expected() {
            return expected;
        }

        double[][] variance() {
            double[][] v = new double[groups][groups];
            for (int g = 0; g < groups; g++) {
                v[g][g] = hazardSum[g] - pairSum[g * groups + g];
                for (int h = g + 1; h < groups; h++) {
                    v[g][h] = -pairSum[g * groups + h];
                    v[h][g] = v[g][h];
                }
            }
            return v;
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
