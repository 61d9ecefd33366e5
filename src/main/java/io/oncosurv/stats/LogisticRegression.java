package io.oncosurv.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;

/**
 * Logistic regression with an intercept, {@code glm(y ~ X, family = binomial)}, by R's
 * {@code glm.fit}: iteratively reweighted least squares from {@code mustart = (w y + 0.5) / (w +
 * 1)}, stopping when {@code |dev - devold| / (|dev| + 0.1) < epsilon}. The logit link's inverse
 * clamps the linear predictor at ±30 as R's C code does, so the deviance stays finite and
 * glm.fit's step-halving never applies. The weighted least-squares steps are solved on the normal
 * equations ({@link IrlsNormalEquations}: XᵀWX by Cholesky, aliasing as R's pivoted QR
 * {@code dqrdc2} with tolerance {@link #RANK_TOLERANCE} decides it, standard errors from
 * {@code (RᵀR)⁻¹} of the last step as {@code summary.glm} takes them). Where that route could
 * part from R's (a near-aliased column, a non-finite step) the fit is done again R's way: each
 * step keeps the columns dqrdc2 keeps and solves on them with Commons Math's Householder QR, the
 * others aliased (NA, coefficient 0 in the predictor), the standard errors from the last dqrdc2
 * R factor ({@code chol2inv(qr$qr)}).
 */
public final class LogisticRegression {

    /** Tighter than R's default 1e-8, so that R and we both stop at the optimum to rounding. */
    public static final double EPSILON = 1e-14;
    public static final int MAX_ITERATIONS = 100;
    /**
     * R's default glm QR tolerance, {@code min(1e-7, 1e-8 / 1000)}. R derives it from epsilon;
     * at 1e-14 that would be 1e-17, too small to see an exact duplicate of a column.
     */
    public static final double RANK_TOLERANCE = 1e-11;

    public static final String NON_INTEGER = "non-integer #successes in a binomial glm!";
    public static final String NOT_CONVERGED = "glm.fit: algorithm did not converge";
    public static final String FITTED_AT_BOUNDARY =
            "glm.fit: fitted probabilities numerically 0 or 1 occurred";

    private static final double DBL_EPSILON = Math.ulp(1.0);
    private static final double LINK_LIMIT = 30; // R's THRESH / MTHRESH in family.c

    private LogisticRegression() {
    }

    /**
     * Fits with {@link #EPSILON} and {@link #MAX_ITERATIONS}.
     *
     * @param columns design columns without the intercept, {@code columns[k][row]}; may be empty
     * @param y       outcomes, 0 or 1
     * @param weights prior weights (finite, >= 0; rows of weight 0 are left out of the fit), or
     *                null for 1 each
     */
    public static LogisticFit fit(double[][] columns, double[] y, double[] weights) {
        return fit(columns, y, weights, EPSILON, MAX_ITERATIONS);
    }

    public static LogisticFit fit(double[][] columns, double[] y, double[] weights,
            double epsilon, int maxIterations) {
        int n = y.length;
        double[] w = weights == null ? filled(n, 1) : weights.clone();
        validate(columns, y, w, epsilon, maxIterations);
        int p = columns.length + 1;
        double[][] x = new double[p][];
        x[0] = filled(n, 1);
        for (int k = 1; k < p; k++) {
            x[k] = columns[k - 1].clone();
        }
        double[] yy = y.clone();
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (w[i] == 0) {
                yy[i] = 0; // binomial()$initialize
            }
            double m = w[i] * yy[i];
            if (Math.abs(m - Math.rint(m)) > 1e-3 && !warnings.contains(NON_INTEGER)) {
                warnings.add(NON_INTEGER);
            }
        }
        int[] good = rowsWithWeight(w);
        Outcome outcome = iterate(x, yy, w, good, epsilon, maxIterations, true);
        if (outcome == null) { // the normal equations could part from R: R's QR every step
            outcome = iterate(x, yy, w, good, epsilon, maxIterations, false);
        }
        warnings.addAll(outcome.warnings());
        boolean converged = outcome.converged();
        double[] mu = outcome.mu();
        if (!converged) {
            warnings.add(NOT_CONVERGED);
        }
        double eps = 10 * DBL_EPSILON;
        boolean boundary = false;
        for (double m : mu) {
            boundary |= m > 1 - eps || m < eps;
        }
        if (boundary) {
            warnings.add(FITTED_AT_BOUNDARY);
        }
        return result(outcome.step(), p, mu, outcome.deviance(), nullDeviance(yy, w),
                outcome.iterations(), converged, boundary, Separations.of(columns, yy, w),
                warnings, epsilon);
    }

    /** Where the IRLS loop ended, and the warnings it gave. */
    private record Outcome(Step step, double[] mu, double deviance, int iterations,
            boolean converged, List<String> warnings) {
    }

    /**
     * glm.fit's loop. With {@code normalEquations} each step is {@link IrlsNormalEquations}'s,
     * and null is answered where it gives way; otherwise each step is a QR of the weighted design.
     */
    private static Outcome iterate(double[][] x, double[] y, double[] w, int[] good,
            double epsilon, int maxIterations, boolean normalEquations) {
        int n = y.length;
        double[] mu = new double[n];
        double[] eta = new double[n];
        for (int i = 0; i < n; i++) {
            mu[i] = (w[i] * y[i] + 0.5) / (w[i] + 1);
            eta[i] = Math.log(mu[i] / (1 - mu[i]));
            mu[i] = inverseLink(eta[i]);
        }
        double devold = deviance(y, mu, w);
        double dev = devold;
        IrlsNormalEquations fast = normalEquations ? new IrlsNormalEquations(x, good) : null;
        List<String> warnings = new ArrayList<>();
        Step step = null;
        boolean converged = false;
        int iterations = 0;
        for (int iter = 1; iter <= maxIterations; iter++) {
            iterations = iter;
            Step next = fast != null ? fast.step(y, w, mu, eta)
                    : weightedLeastSquares(x, y, w, mu, eta, good);
            if (next == null) {
                return null;
            }
            if (!allFinite(next.beta())) { // glm.fit keeps the coefficients it had
                warnings.add("non-finite coefficients at iteration " + iter);
                if (step == null) {
                    throw new IllegalArgumentException("no finite fit: non-finite coefficients"
                            + " at the first iteration");
                }
                break;
            }
            step = next;
            double[] beta = step.beta();
            int[] kept = step.kept();
            for (int i = 0; i < n; i++) {
                double e = 0;
                for (int k : kept) { // aliased columns have coefficient 0
                    e += x[k][i] * beta[k];
                }
                eta[i] = e;
                mu[i] = inverseLink(e);
            }
            dev = deviance(y, mu, w);
            if (Math.abs(dev - devold) / (0.1 + Math.abs(dev)) < epsilon) {
                converged = true;
                break;
            }
            devold = dev;
        }
        if (fast != null) {
            step = fast.finish(step);
            if (step == null) {
                return null;
            }
        }
        return new Outcome(step, mu, dev, iterations, converged, warnings);
    }

    private static LogisticFit result(Step step, int p, double[] mu, double dev, double nullDev,
            int iterations, boolean converged, boolean boundary,
            List<LogisticFit.Separation> separations, List<String> warnings, double epsilon) {
        double[] coef = filled(p, Double.NaN);
        double[] se = filled(p, Double.NaN);
        double[] z = filled(p, Double.NaN);
        double[] pValue = filled(p, Double.NaN);
        int[] kept = step.kept();
        double[][] rInverse = step.rInverse();
        for (int a = 0; a < kept.length; a++) {
            double v = 0;
            for (int b = a; b < kept.length; b++) { // (RᵀR)⁻¹ = R⁻¹ R⁻ᵀ, its diagonal
                v += rInverse[a][b] * rInverse[a][b];
            }
            int k = kept[a];
            coef[k] = step.beta()[k];
            se[k] = Math.sqrt(v);
            z[k] = coef[k] / se[k];
            pValue[k] = 2 * StandardNormal.upperTail(Math.abs(z[k]));
        }
        List<Integer> aliased = new ArrayList<>();
        for (int k = 1; k < p; k++) {
            if (Double.isNaN(coef[k])) {
                aliased.add(k - 1);
            }
        }
        return new LogisticFit(coef, se, z, pValue, mu, dev, nullDev, iterations, converged,
                kept.length, aliased, boundary, separations, warnings, epsilon);
    }

    /** One IRLS step: the kept columns, the coefficients (0 where aliased) and R⁻¹ of its QR. */
    record Step(int[] kept, double[] beta, double[][] rInverse) {
    }

    private static Step weightedLeastSquares(double[][] x, double[] y, double[] w, double[] mu,
            double[] eta, int[] good) {
        int p = x.length;
        int m = good.length;
        double[][] a = new double[p][m];
        double[] b = new double[m];
        for (int g = 0; g < m; g++) {
            int i = good[g];
            double muEta = muEta(eta[i]);
            double z = eta[i] + (y[i] - mu[i]) / muEta;
            double sw = Math.sqrt((w[i] * muEta * muEta) / (mu[i] * (1 - mu[i])));
            for (int k = 0; k < p; k++) {
                a[k][g] = x[k][i] * sw;
            }
            b[g] = z * sw;
        }
        double[][] reduced = new double[p][];
        for (int k = 0; k < p; k++) {
            reduced[k] = a[k].clone();
        }
        QrRank.Pivot pivot = QrRank.pivot(reduced, m, RANK_TOLERANCE);
        int[] kept = Arrays.copyOf(pivot.order(), pivot.rank());
        Arrays.sort(kept); // dqrdc2 keeps the kept columns in their order
        double[][] rows = new double[m][kept.length];
        for (int c = 0; c < kept.length; c++) {
            double[] column = a[kept[c]];
            for (int g = 0; g < m; g++) {
                rows[g][c] = column[g];
            }
        }
        QRDecomposition qr = new QRDecomposition(new Array2DRowRealMatrix(rows, false));
        double[] solution = qr.getSolver().solve(new ArrayRealVector(b, false)).toArray();
        double[] beta = new double[p];
        for (int c = 0; c < kept.length; c++) {
            beta[kept[c]] = solution[c];
        }
        // R's summary.glm: chol2inv of dqrdc2's R (Commons' getR() would build an m × r matrix)
        return new Step(kept, beta, upperInverse(pivot.r()));
    }

    /** R⁻¹ of an upper-triangular R, by back substitution (as R's chol2inv starts). */
    static double[][] upperInverse(double[][] r) {
        int size = r.length;
        double[][] inv = new double[size][size];
        for (int j = 0; j < size; j++) {
            inv[j][j] = 1 / r[j][j];
            for (int i = j - 1; i >= 0; i--) {
                double s = 0;
                for (int k = i + 1; k <= j; k++) {
                    s += r[i][k] * inv[k][j];
                }
                inv[i][j] = -s / r[i][i];
            }
        }
        return inv;
    }

    /** binomial()$linkinv: R's logit_linkinv, which clamps eta at ±30. */
    static double inverseLink(double eta) {
        double tmp = eta < -LINK_LIMIT ? DBL_EPSILON
                : eta > LINK_LIMIT ? 1 / DBL_EPSILON : Math.exp(eta);
        return tmp / (1 + tmp);
    }

    /** binomial()$mu.eta: R's logit_mu_eta. */
    static double muEta(double eta) {
        double exp = Math.exp(eta);
        double opexp = 1 + exp;
        return eta > LINK_LIMIT || eta < -LINK_LIMIT ? DBL_EPSILON : exp / (opexp * opexp);
    }

    /** binomial()$dev.resids summed: R's binomial_dev_resids. */
    private static double deviance(double[] y, double[] mu, double[] w) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum += 2 * w[i] * (yLogY(y[i], mu[i]) + yLogY(1 - y[i], 1 - mu[i]));
        }
        return sum;
    }

    private static double nullDeviance(double[] y, double[] w) {
        double wy = 0;
        double sw = 0;
        for (int i = 0; i < y.length; i++) {
            wy += w[i] * y[i];
            sw += w[i];
        }
        double mean = wy / sw;
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum += 2 * w[i] * (yLogY(y[i], mean) + yLogY(1 - y[i], 1 - mean));
        }
        return sum;
    }

    private static double yLogY(double y, double mu) {
        return y != 0 ? y * Math.log(y / mu) : 0;
    }

    private static void validate(double[][] columns, double[] y, double[] w, double epsilon,
            int maxIterations) {
        int n = y.length;
        if (n == 0) {
            throw new IllegalArgumentException("no rows to fit");
        }
        if (w.length != n) {
            throw new IllegalArgumentException("weights: " + w.length + " values for " + n
                    + " rows");
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            if (y[i] != 0 && y[i] != 1) {
                throw new IllegalArgumentException("outcome of row " + i + " is " + y[i]
                        + ", not 0 or 1");
            }
            if (!Double.isFinite(w[i]) || w[i] < 0) {
                throw new IllegalArgumentException("weight of row " + i + " is " + w[i]
                        + ", not finite and >= 0");
            }
            total += w[i];
        }
        if (total == 0) {
            throw new IllegalArgumentException("every weight is 0");
        }
        for (int k = 0; k < columns.length; k++) {
            if (columns[k].length != n) {
                throw new IllegalArgumentException("column " + k + ": " + columns[k].length
                        + " values for " + n + " rows");
            }
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(columns[k][i])) {
                    throw new IllegalArgumentException("column " + k + ", row " + i + ": "
                            + columns[k][i] + " is not a finite number");
                }
            }
        }
        if (!(epsilon > 0) || maxIterations < 1) {
            throw new IllegalArgumentException("epsilon must be > 0 and iterations >= 1");
        }
    }

    private static int[] rowsWithWeight(double[] w) {
        return IntStream.range(0, w.length).filter(i -> w[i] > 0).toArray();
    }

    private static boolean allFinite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static double[] filled(int n, double value) {
        double[] a = new double[n];
        Arrays.fill(a, value);
        return a;
    }
}
