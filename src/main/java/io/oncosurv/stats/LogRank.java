package io.oncosurv.stats;

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
        return test(RiskTables.builder(time, event).groups(group, groups).build(), rho);
    }

    /** Stratified test on raw arrays ({@code survdiff(Surv ~ group + strata(s))}). */
    public static LogRankResult testStratified(double[] time, boolean[] event, int[] group,
            int groups, int[] stratum, int strata, double rho) {
        return test(RiskTables.builder(time, event).groups(group, groups)
                .strata(stratum, strata).build(), rho);
    }

    /** The test on tables already built; stratified when the tables have several strata. */
    public static LogRankResult test(RiskTables tables, double rho) {
        if (!Double.isFinite(rho) || rho < 0) {
            throw new IllegalArgumentException("rho must be finite and >= 0; got " + rho);
        }
        int k = tables.groups();
        int[] patients = new int[k];
        double[] observed = new double[k];
        double[] expected = new double[k];
        double[][] variance = new double[k][k];
        for (int s = 0; s < tables.strata(); s++) {
            RiskTable[] cells = new RiskTable[k];
            for (int g = 0; g < k; g++) {
                cells[g] = tables.cell(g, s);
                patients[g] += cells[g].patients();
            }
            accumulateStratum(cells, rho, observed, expected, variance);
        }
        return finish(rho, tables.strata(), patients, observed, expected, variance);
    }

    private static void accumulateStratum(RiskTable[] cells, double rho, double[] observed,
            double[] expected, double[][] variance) {
        int k = cells.length;
        int[] position = new int[k];
        int[] atRisk = new int[k];
        int total = 0;
        for (int g = 0; g < k; g++) {
            atRisk[g] = cells[g].patients();
            total += atRisk[g];
        }
        int[] deathsByGroup = new int[k];
        double pooledSurvival = 1; // pooled KM just before the current time
        while (true) {
            double t = Double.POSITIVE_INFINITY;
            for (int g = 0; g < k; g++) {
                if (position[g] < cells[g].size()) {
                    t = Math.min(t, cells[g].time(position[g]));
                }
            }
            if (t == Double.POSITIVE_INFINITY) {
                return;
            }
            int deaths = 0;
            int leaving = 0;
            for (int g = 0; g < k; g++) {
                deathsByGroup[g] = 0;
                int p = position[g];
                if (p < cells[g].size() && cells[g].time(p) == t) {
                    deathsByGroup[g] = cells[g].events(p);
                    deaths += deathsByGroup[g];
                    leaving += deathsByGroup[g] + cells[g].censored(p);
                }
            }
            if (deaths > 0) {
                double weight = rho == 0 ? 1 : Math.pow(pooledSurvival, rho);
                double n = total;
                for (int g = 0; g < k; g++) {
                    observed[g] += weight * deathsByGroup[g];
                    expected[g] += weight * deaths * atRisk[g] / n;
                }
                if (total > 1) {
                    double w2 = weight * weight;
                    for (int g = 0; g < k; g++) {
                        double term = w2 * deaths * atRisk[g] * (n - deaths) / (n * (n - 1));
                        variance[g][g] += term;
                        for (int h = 0; h < k; h++) {
                            variance[g][h] -= term * atRisk[h] / n;
                        }
                    }
                }
                pooledSurvival *= (n - deaths) / n;
            }
            for (int g = 0; g < k; g++) {
                int p = position[g];
                if (p < cells[g].size() && cells[g].time(p) == t) {
                    atRisk[g] -= cells[g].events(p) + cells[g].censored(p);
                    position[g]++;
                }
            }
            total -= leaving;
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
