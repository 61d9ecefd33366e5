package io.oncosurv.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularMatrixException;

/**
 * The Grambsch–Therneau test of proportional hazards, as R survival 3.x's
 * {@code cox.zph(fit, transform = "km", terms = TRUE)} (C routine {@code zph1}): a score test,
 * at the fitted coefficients, of adding covariate × g(t) terms, with g the left-continuous
 * Kaplan–Meier transform 1 − Ŝ(t−) centred over the event times. One test per term (a factor's
 * indicator columns together) and a global test over all columns. (survival 2.x used another
 * approximation and gives other numbers.)
 */
public final class CoxZph {

    /** The tests: one per term, in the order given, and the global one. */
    public record Result(ChiSquareTest[] terms, ChiSquareTest global) {
        public Result {
            terms = terms.clone();
        }

        @Override
        public ChiSquareTest[] terms() {
            return terms.clone();
        }
    }

    private CoxZph() {
    }

    /**
     * @param covariates  the model's columns, as given to {@link CoxModel#fit}
     * @param fit         the fitted model (its coefficients give the risk scores)
     * @param termColumns for each term, the indices of its columns
     */
    public static Result test(double[] time, boolean[] event, double[][] covariates,
            int[] stratum, int strata, CoxResult fit, int[][] termColumns) {
        return test(null, time, event, covariates, stratum, strata, fit, termColumns);
    }

    /**
     * The same for counting-process (start, stop] rows, as {@code cox.zph} on
     * {@code coxph(Surv(entry, time, event) ~ ...)} (C routine {@code zph2}): the transform is
     * the product-limit curve of the rows at their stop times, risk sets start < t <= stop.
     *
     * @param entry each row's start, or null for right-censored data (the method above)
     */
    public static Result test(double[] entry, double[] time, boolean[] event,
            double[][] covariates, int[] stratum, int strata, CoxResult fit,
            int[][] termColumns) {
        // R's cox.zph leaves out NA (redundant) coefficients' columns, and a term with no column
        // left; with none left, or no events, it stops with an error: not available
        int[] keptIndex = new int[covariates.length];
        int p = 0;
        for (int k = 0; k < covariates.length; k++) {
            keptIndex[k] = Double.isNaN(fit.coefficient(k)) ? -1 : p++;
        }
        if (fit.events() == 0 || p == 0) {
            ChiSquareTest[] none = new ChiSquareTest[termColumns.length];
            Arrays.fill(none, ChiSquareTest.notAvailable());
            return new Result(none, ChiSquareTest.notAvailable());
        }
        if (p < covariates.length) {
            return reduced(entry, time, event, covariates, stratum, strata, fit, termColumns,
                    keptIndex, p);
        }
        int n = time.length;
        double[] t;
        double[] start = null;
        double[] g;
        if (entry == null) {
            t = NearTies.resolve(time);
            g = kmTransform(t, event);
        } else { // coxph's aeqSurv rounds start and stop times together
            double[] both = new double[2 * n];
            System.arraycopy(entry, 0, both, 0, n);
            System.arraycopy(time, 0, both, n, n);
            double[] tied = NearTies.resolve(both);
            start = Arrays.copyOfRange(tied, 0, n);
            t = Arrays.copyOfRange(tied, n, 2 * n);
            g = CountingZph.kmTransform(start, t, event);
        }
        double[] eta = new double[n];
        for (int k = 0; k < p; k++) {
            for (int i = 0; i < n; i++) {
                eta[i] += fit.coefficient(k) * covariates[k][i];
            }
        }
        double[][] x = new double[p][];
        for (int k = 0; k < p; k++) {
            x[k] = covariates[k].clone();
            double mean = 0;
            for (double v : x[k]) {
                mean += v;
            }
            mean /= n;
            for (int i = 0; i < n; i++) {
                x[k][i] -= mean;
            }
        }
        double[] u = new double[2 * p];
        double[][] imat = new double[2 * p][2 * p];
        if (entry == null) {
            int[] order = byStratumThenTime(t, stratum, strata);
            accumulate(t, event, x, eta, g, stratum, order, fit.ties() == CoxTies.EFRON, u,
                    imat);
        } else {
            // R passes coxph's linear predictors, centred on the column means
            double[] lp = new double[n];
            for (int k = 0; k < p; k++) {
                for (int i = 0; i < n; i++) {
                    lp[i] += fit.coefficient(k) * x[k][i];
                }
            }
            CountingZph.accumulate(start, t, event, x, lp, g, stratum,
                    fit.ties() == CoxTies.EFRON, u, imat);
        }

        ChiSquareTest[] tests = new ChiSquareTest[termColumns.length];
        for (int term = 0; term < termColumns.length; term++) {
            int[] columns = termColumns[term];
            int[] keep = new int[p + columns.length];
            for (int k = 0; k < p; k++) {
                keep[k] = k;
            }
            for (int c = 0; c < columns.length; c++) {
                keep[p + c] = p + columns[c];
            }
            tests[term] = test(scoreStatistic(u, imat, keep, p), columns.length);
        }
        int[] all = new int[2 * p];
        for (int k = 0; k < 2 * p; k++) {
            all[k] = k;
        }
        return new Result(tests, test(scoreStatistic(u, imat, all, p), p));
    }

    /** The test on the kept columns only; terms without any are not available. */
    private static Result reduced(double[] entry, double[] time, boolean[] event,
            double[][] covariates, int[] stratum, int strata, CoxResult fit,
            int[][] termColumns, int[] keptIndex, int kept) {
        double[][] x = new double[kept][];
        double[] coef = new double[kept];
        for (int k = 0; k < covariates.length; k++) {
            if (keptIndex[k] >= 0) {
                x[keptIndex[k]] = covariates[k];
                coef[keptIndex[k]] = fit.coefficient(k);
            }
        }
        List<int[]> terms = new ArrayList<>();
        List<Integer> termOf = new ArrayList<>();
        for (int t = 0; t < termColumns.length; t++) {
            int[] columns = Arrays.stream(termColumns[t]).map(c -> keptIndex[c])
                    .filter(c -> c >= 0).toArray();
            if (columns.length > 0) {
                terms.add(columns);
                termOf.add(t);
            }
        }
        CoxResult reducedFit = new CoxResult(fit.ties(), fit.patients(), fit.events(), coef,
                new double[kept][kept], fit.logLikelihoodNull(), fit.logLikelihood(),
                fit.iterations(), fit.likelihoodRatio(), fit.wald(), fit.score(), List.of());
        Result r = test(entry, time, event, x, stratum, strata, reducedFit,
                terms.toArray(new int[0][]));
        ChiSquareTest[] out = new ChiSquareTest[termColumns.length];
        Arrays.fill(out, ChiSquareTest.notAvailable());
        for (int i = 0; i < termOf.size(); i++) {
            out[termOf.get(i)] = r.terms()[i];
        }
        return new Result(out, r.global());
    }

    /** A statistic R could not compute (a singular matrix) has no df either. */
    private static ChiSquareTest test(double statistic, int df) {
        return Double.isNaN(statistic) ? ChiSquareTest.notAvailable()
                : ChiSquareTest.of(statistic, df);
    }

    /**
     * uᵀ I⁻¹ u over the kept rows, where u is zero on the model's own p columns; NaN (not
     * available) when that information matrix is singular, e.g. every time tied, where R's
     * {@code cox.zph} stops with an error.
     */
    private static double scoreStatistic(double[] u, double[][] imat, int[] keep, int p) {
        int m = keep.length;
        RealMatrix sub = new Array2DRowRealMatrix(m, m);
        ArrayRealVector v = new ArrayRealVector(m);
        for (int a = 0; a < m; a++) {
            v.setEntry(a, keep[a] < p ? 0 : u[keep[a]]);
            for (int b = 0; b < m; b++) {
                sub.setEntry(a, b, imat[keep[a]][keep[b]]);
            }
        }
        try {
            return new LUDecomposition(sub).getSolver().solve(v).dotProduct(v);
        } catch (SingularMatrixException e) {
            return Double.NaN;
        }
    }

    /** 1 − Ŝ(t−) of the pooled Kaplan–Meier, centred by its mean over the events. */
    private static double[] kmTransform(double[] time, boolean[] event) {
        SurvivalCurve km = KaplanMeier.fitGroups(SurvivalSample.builder(time, event)
                .timeFix(false).build(), RDefaults.CONF_TYPE, RDefaults.CONF_LEVEL)[0];
        int n = time.length;
        double[] g = new double[n];
        double sum = 0;
        int events = 0;
        for (int i = 0; i < n; i++) {
            // the last curve time strictly before t gives S(t-)
            int lo = 0;
            int hi = km.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (km.time(mid) < time[i]) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            double before = lo == 0 ? 1 : km.survival(lo - 1);
            g[i] = 1 - before;
            if (event[i]) {
                sum += g[i];
                events++;
            }
        }
        double mean = sum / events;
        for (int i = 0; i < n; i++) {
            g[i] -= mean;
        }
        return g;
    }

    private static int[] byStratumThenTime(double[] time, int[] stratum, int strata) {
        int[] byTime = TimeOrder.of(time);
        if (stratum == null) {
            return byTime;
        }
        int[] start = new int[strata + 1];
        for (int s : stratum) {
            start[s + 1]++;
        }
        for (int s = 0; s < strata; s++) {
            start[s + 1] += start[s];
        }
        int[] order = new int[time.length];
        for (int i : byTime) {
            order[start[stratum[i]]++] = i;
        }
        return order;
    }

    /**
     * The 2p × 2p information of the zph score test is accumulated in its upper triangles
     * (the blocks [x, x], [x, x·g] and [x·g, x·g]); its other entries are their mirror images.
     */
    static void fillLowerTriangles(double[][] imat, int p) {
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < i; j++) {
                imat[i][j] = imat[j][i];
                imat[i][j + p] = imat[j][i + p];
                imat[i + p][j + p] = imat[j + p][i + p];
            }
        }
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                imat[i + p][j] = imat[j][i + p];
            }
        }
    }

    /** zph1's backward pass: the 2p score vector and 2p × 2p information. */
    private static void accumulate(double[] time, boolean[] event, double[][] x, double[] eta,
            double[] g, int[] stratum, int[] order, boolean efron, double[] u, double[][] imat) {
        int p = x.length;
        double[] a = new double[p];
        double[] a2 = new double[p];
        double[][] cmat = new double[p][p];
        double[][] cmat2 = new double[p][p];
        double denom = 0;
        int currentStratum = -1;
        int ip = order.length - 1;
        while (ip >= 0) {
            int person = order[ip];
            int s = stratum == null ? 0 : stratum[person];
            if (s != currentStratum) {
                currentStratum = s;
                denom = 0;
                Arrays.fill(a, 0);
                for (double[] row : cmat) {
                    Arrays.fill(row, 0);
                }
            }
            double dtime = time[person];
            double timewt = g[person];
            int ndead = 0;
            double denom2 = 0;
            for (; ip >= 0; ip--) {
                person = order[ip];
                int ps = stratum == null ? 0 : stratum[person];
                if (time[person] != dtime || ps != currentStratum) {
                    break;
                }
                double risk = Math.exp(eta[person]);
                if (!event[person]) {
                    denom += risk;
                    for (int i = 0; i < p; i++) {
                        a[i] += risk * x[i][person];
                        for (int j = 0; j <= i; j++) {
                            cmat[i][j] += risk * x[i][person] * x[j][person];
                        }
                    }
                } else {
                    ndead++;
                    denom2 += risk;
                    for (int i = 0; i < p; i++) {
                        u[i] += x[i][person];
                        u[i + p] += timewt * x[i][person];
                        a2[i] += risk * x[i][person];
                        for (int j = 0; j <= i; j++) {
                            cmat2[i][j] += risk * x[i][person] * x[j][person];
                        }
                    }
                }
            }
            if (ndead > 0) {
                int passes = efron ? ndead : 1;
                double fraction = efron ? 1.0 / ndead : 1.0;
                double weight = efron ? 1.0 : ndead;
                for (int k = 0; k < passes; k++) {
                    denom += denom2 * fraction;
                    for (int i = 0; i < p; i++) {
                        a[i] += a2[i] * fraction;
                        double mean = a[i] / denom;
                        u[i] -= weight * mean;
                        u[i + p] -= timewt * weight * mean;
                        for (int j = 0; j <= i; j++) {
                            cmat[i][j] += cmat2[i][j] * fraction;
                            double term = weight * (cmat[i][j] - mean * a[j]) / denom;
                            imat[j][i] += term;
                            imat[j][i + p] += term * timewt;
                            imat[j + p][i + p] += term * timewt * timewt;
                        }
                    }
                }
                Arrays.fill(a2, 0);
                for (double[] row : cmat2) {
                    Arrays.fill(row, 0);
                }
            }
        }
        fillLowerTriangles(imat, p);
    }
}
