package io.oncosurv.stats;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The Fine–Gray proportional subdistribution-hazards model for one cause, as
 * {@code cmprsk::crr(ftime, fstatus, cov1, failcode, cencode = 0)} (one censoring group, no
 * time-varying covariates). At each distinct time t of the cause, the risk set holds everyone
 * with time ≥ t (weight 1) and everyone who failed of another cause before t, with weight
 * G(t−)/G(tᵢ−), G the Kaplan–Meier of the censoring; tied events are handled as Breslow, as crr.
 * Newton–Raphson from 0 runs until the step is below 1e-12 (relative), tighter than crr's
 * default gtol 1e-6 so that the answer is the root and not where crr happened to stop.
 */
public final class FineGray {

    /** Relative step size below which Newton–Raphson stops. */
    public static final double STEP_TOLERANCE = 1e-12;
    public static final int MAX_ITERATIONS = 100;

    private FineGray() {
    }

    /**
     * Fits the model.
     *
     * @param time  follow-up times (finite, >= 0)
     * @param cause 0 = censored, otherwise the cause code
     * @param causeOfInterest the cause modelled (crr's failcode; not 0)
     * @param x     covariates, n rows of p values
     * @return the fit with 95% limits
     * @throws IllegalArgumentException on arrays of different lengths, cause 0, no event of the
     *     cause, or a singular information matrix (e.g. a constant covariate; crr stops in
     *     solve() there)
     */
    public static FineGrayResult fit(double[] time, int[] cause, int causeOfInterest,
            double[][] x) {
        validate(time, cause, causeOfInterest, x);
        FineGrayData d = new FineGrayData(time, cause, causeOfInterest, x);
        int p = d.p;
        double[] b = new double[p];
        Sums s = sums(d, b);
        double logLikNull = -s.minusLogLik;
        int iter = 0;
        boolean converged = false;
        while (iter < MAX_ITERATIONS) {
            iter++;
            double[] step = solve(s.information, s.score);
            double[] bn = new double[p];
            double size = 0;
            for (int j = 0; j < p; j++) { // convergence is judged on the full Newton step
                size = Math.max(size, Math.abs(step[j]) / Math.max(Math.abs(b[j] + step[j]), 1));
            }
            if (size < STEP_TOLERANCE) {
                converged = true;
                break;
            }
            for (int j = 0; j < p; j++) {
                bn[j] = b[j] + step[j];
            }
            Sums sn = sums(d, bn);
            // crr's backtracking: halve the step while the (negative) log likelihood rises
            for (int h = 0; h < 30 && !(sn.minusLogLik <= s.minusLogLik + 1e-12
                    * Math.abs(s.minusLogLik)); h++) {
                for (int j = 0; j < p; j++) {
                    step[j] /= 2;
                    bn[j] = b[j] + step[j];
                }
                sn = sums(d, bn);
            }
            b = bn;
            s = sn;
        }
        double[][] variance = FineGraySandwich.variance(d, b, s.information);
        return result(causeOfInterest, d, b, variance, iter, converged, -s.minusLogLik,
                logLikNull);
    }

    private static FineGrayResult result(int cause, FineGrayData d, double[] b,
            double[][] variance, int iter, boolean converged, double logLik,
            double logLikNull) {
        int p = b.length;
        double zq = StandardNormal.quantile(0.975);
        double[] se = new double[p];
        double[] z = new double[p];
        double[] pv = new double[p];
        double[] hr = new double[p];
        double[] lo = new double[p];
        double[] hi = new double[p];
        for (int j = 0; j < p; j++) {
            se[j] = Math.sqrt(variance[j][j]);
            z[j] = b[j] / se[j];
            pv[j] = 2 * StandardNormal.upperTail(Math.abs(z[j]));
            hr[j] = Math.exp(b[j]);
            lo[j] = Math.exp(b[j] - zq * se[j]);
            hi[j] = Math.exp(b[j] + zq * se[j]);
        }
        RiskSets r = new RiskSets(d, b);
        double[] times = new double[r.count()];
        double[] jumps = new double[r.count()];
        double[] cum = new double[r.count()];
        double total = 0;
        for (int f = 0; f < r.count(); f++) {
            times[f] = d.times[r.timeIndex[f]];
            jumps[f] = r.events[f] / r.s0[f];
            total += jumps[f];
            cum[f] = total;
        }
        return new FineGrayResult(cause, b, variance, se, z, pv, hr, lo, hi, 0.95, times, jumps,
                cum, iter, converged, logLik, logLikNull);
    }

    /** Score, information and crr's negative log partial likelihood at b. */
    record Sums(double[] score, double[][] information, double minusLogLik) {
    }

    static Sums sums(FineGrayData d, double[] b) {
        int p = d.p;
        RiskSets r = new RiskSets(d, b);
        double[] u = new double[p];
        double[][] info = new double[p][p];
        double ll = 0;
        for (int f = 0; f < r.count(); f++) {
            int k = r.timeIndex[f];
            for (int i = d.start[k]; i < d.start[k + 1]; i++) {
                if (d.status[i] == 1) {
                    for (int j = 0; j < p; j++) {
                        u[j] += d.x[i][j];
                        ll -= d.x[i][j] * b[j];
                    }
                }
            }
            double dk = r.events[f];
            ll += dk * Math.log(r.s0[f]);
            for (int j = 0; j < p; j++) {
                u[j] -= dk * r.mean[f][j];
                for (int l = 0; l < p; l++) {
                    info[j][l] += dk * r.cov[f][j][l];
                }
            }
        }
        return new Sums(u, info, ll);
    }

    static double[] solve(double[][] a, double[] y) {
        RealMatrix m = new Array2DRowRealMatrix(a, true);
        try {
            return new LUDecomposition(m).getSolver().solve(
                    new org.apache.commons.math3.linear.ArrayRealVector(y)).toArray();
        } catch (org.apache.commons.math3.linear.SingularMatrixException e) {
            throw new IllegalArgumentException("singular information matrix (a covariate "
                    + "constant over the risk sets?)", e);
        }
    }

    private static void validate(double[] time, int[] cause, int causeOfInterest,
            double[][] x) {
        if (cause.length != time.length || x.length != time.length) {
            throw new IllegalArgumentException("time, cause and x differ in length");
        }
        if (causeOfInterest == 0) {
            throw new IllegalArgumentException("cause 0 is the censoring code");
        }
        boolean event = false;
        for (int i = 0; i < time.length; i++) {
            if (!Double.isFinite(time[i]) || time[i] < 0) {
                throw new IllegalArgumentException("time " + time[i] + " at row " + i);
            }
            if (x[i].length != x[0].length) {
                throw new IllegalArgumentException("row " + i + " has another covariate count");
            }
            event |= cause[i] == causeOfInterest;
        }
        if (!event || x[0].length == 0) {
            throw new IllegalArgumentException("no event of cause " + causeOfInterest
                    + " or no covariate");
        }
    }
}
