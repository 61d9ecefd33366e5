package io.oncosurv.stats;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * Rectangle probabilities of a standard multivariate normal, as R mvtnorm's {@code pmvnorm} with a
 * correlation matrix, for dimensions 1 to 6 (the MaxCombo test uses 4).
 *
 * <p>Method: Genz's separation of variables (A. Genz 1992, J. Comput. Graph. Stat. 1:141–149).
 * With C = L Lᵀ and Z = L Y, the probability is a nest of one-dimensional integrals,
 * ∫ φ(y_0) ∫ φ(y_1) … (Φ(hi_(r−1)) − Φ(lo_(r−1))) dy_1 dy_0, where the limits of Y_k are linear
 * in Y_0 .. Y_(k−1) and the innermost integral is exact. Variables are taken most constrained
 * first (the Genz–Bretz ordering). Each level is a Gauss–Legendre rule on its interval of y,
 * evaluated nested, so that a level's limits are computed once per node: dimension 4 costs
 * n³ evaluations of (2 Φ + 1 φ); n grows until two node counts agree (see {@link #NODES}).
 * Each interval is first narrowed to where the integrand is not
 * negligible: Gaussian tails with less than 1e-17 of its mass, and values of y_k that put a later
 * Z_j more than 9 of its remaining standard deviations outside its limits. That makes infinite
 * limits finite. Same input, same bits.
 *
 * <p>Why the nodes are in y and not in Genz's w = Φ(y) on [0,1]: Φ⁻¹ stretches the ends of
 * [0,1] by 1/φ(y), so where the next variable's limits cross the edge of this one's range (for
 * boxes like [−z, z]⁴ with correlations near 1, always) the w-integrand has a transition a few
 * thousandths wide at the end of [0,1], and Gauss–Legendre in w converges only algebraically:
 * 2e-6 absolute at 64 nodes for the FH(ρ,γ) matrix, 3e-7 at 128. The same transition spans some
 * 5 % of the interval in y, where the rule converges geometrically: 1e-12 at 48 nodes.
 * What still slows it is a nearly singular matrix: small pivots make the transitions sharp,
 * which the growing node count absorbs.
 */
public final class MultivariateNormal {

    /**
     * Gauss–Legendre nodes per level up to rank 4. The integral is computed with the first two,
     * and with the next while the last two differ by more than {@link #AGREEMENT} relative; the
     * last is returned. Convergence is geometric in about n^(4/3), so when 36 and 48 nodes agree
     * to 1e-9 the 48-node value is good to about 1e-12. All R reference cases (the FH(ρ,γ)
     * matrix, smallest eigenvalue 0.003; AR(1) and equicorrelated 0.99) stop at 48: 7.5 ms in
     * dimension 4 (36 and 48 nodes). With the FH matrix's smallest eigenvalue moved to 1e-4 it
     * takes 40 ms; at 3e-5 the error is still 1.5e-10. Fixed counts (48 alone) left 4e-10 at
     * 1e-3 and 1e-7 for a random matrix with smallest eigenvalue 2e-4.
     */
    static final int[] NODES = {36, 48, 72, 108, 162};

    /** Relative difference between two steps of {@link #NODES} at which the later is kept. */
    static final double AGREEMENT = 1e-9;

    /**
     * Nodes per level for ranks 5 and 6, fixed, as their cost grows as n^(r−1): 48 nodes would
     * take 0.3 s and 15 s. At 32, equicorrelated and AR(1) 0.99 cases differ from 64 nodes by at
     * most 6e-11, in 60 ms (rank 5) and 2 s (rank 6).
     */
    static final int NODES_HIGH_RANK = 32;

    static final int MAX_DIMENSION = 6;

    /** Tolerance for symmetry and a unit diagonal, absolute. */
    private static final double ENTRY_TOLERANCE = 1e-12;

    private static final Rule[] RULES = rules(NODES);
    private static final Rule RULE_HIGH_RANK = new Rule(NODES_HIGH_RANK);

    private MultivariateNormal() {
    }

    /**
     * P(lower_i &lt; Z_i &lt; upper_i for all i) for Z ~ N(0, correlation), as R's
     * {@code pmvnorm(lower, upper, corr = correlation)}; limits may be ±∞.
     *
     * <p>Accuracy: within 1e-12 absolute of R for finite and infinite limits and correlations
     * up to 0.99, and about 2e-10 for nearly singular matrices down to a smallest eigenvalue of
     * 3e-5 (see {@link #NODES}). A positive semi-definite matrix is accepted: a zero pivot means
     * that variable is a fixed linear function of the earlier ones, and its limits are folded
     * into those of the last of them. That is exact in effect when its limits are those of the
     * statistic it duplicates; when they bind on their own they put kinks into the integrand,
     * convergence is algebraic, and the error is about 2e-7 absolute after 162 nodes.
     *
     * @throws IllegalArgumentException when the matrix is not a square, symmetric, positive
     *     semi-definite correlation matrix of dimension 1 to 6, or a limit is NaN, or a lower limit
     *     exceeds its upper
     */
    public static double rectangle(double[] lower, double[] upper, double[][] correlation) {
        return rectangle(lower, upper, correlation, 0);
    }

    /** The same with {@code nodes} per level (0: the default), for the convergence check. */
    static double rectangle(double[] lower, double[] upper, double[][] correlation, int nodes) {
        validate(lower, upper, correlation);
        return integrate(lower, upper, correlation, nodes);
    }

    /**
     * P(max_i |Z_i| ≥ z), the two-sided p-value of the maximum of correlated standard normal
     * statistics (the MaxCombo test), that is 1 − rectangle(−z .. z).
     *
     * <p>Not computed as 1 − rectangle, which would keep only the rectangle's absolute accuracy
     * (nothing of a p-value of 1e-12), but as a sum of positive terms, split by the first
     * statistic k that reaches z: P = Σ_k 2 P(|Z_j| &lt; z for j &lt; k, Z_k ≥ z), the factor 2
     * being the symmetry Z → −Z. The error is then relative: within 1e-14 relative of R for
     * p-values from 0.5 down to 1e-11 (z = 7; R's reference is itself good to 1e-12 relative).
     * Values below about 1e-300 underflow to 0.
     *
     * @throws IllegalArgumentException for a matrix {@link #rectangle} rejects, or z NaN
     */
    public static double twoSidedMaxAbs(double z, double[][] correlation) {
        return twoSidedMaxAbs(z, correlation, 0);
    }

    /** The same with {@code nodes} per level (0: the default), for the convergence check. */
    static double twoSidedMaxAbs(double z, double[][] correlation, int nodes) {
        if (Double.isNaN(z)) {
            throw new IllegalArgumentException("z is NaN");
        }
        int m = correlation == null ? 0 : correlation.length;
        validate(new double[m], new double[m], correlation);
        if (z <= 0) {
            return 1;
        }
        double sum = 0;
        for (int k = 0; k < m; k++) {
            double[] lower = new double[k + 1];
            double[] upper = new double[k + 1];
            for (int j = 0; j < k; j++) {
                lower[j] = -z;
                upper[j] = z;
            }
            lower[k] = z;
            upper[k] = Double.POSITIVE_INFINITY;
            sum += 2 * integrate(lower, upper, leading(correlation, k + 1), nodes);
        }
        return Math.min(sum, 1);
    }

    private static double integrate(double[] lower, double[] upper, double[][] correlation,
            int nodes) {
        Transform t = Transform.of(lower, upper, correlation);
        if (t == null) {
            return 0;
        }
        if (nodes > 0) {
            return new Nested(t, new Rule(nodes)).value();
        }
        if (t.rank() <= 1) {
            return new Nested(t, RULES[0]).value(); // no quadrature: Φ(hi) − Φ(lo)
        }
        if (t.rank() > 4) {
            return new Nested(t, RULE_HIGH_RANK).value();
        }
        double previous = new Nested(t, RULES[0]).value();
        double current = new Nested(t, RULES[1]).value();
        for (int step = 2; step < RULES.length
                && !(Math.abs(current - previous) <= AGREEMENT * current); step++) {
            previous = current;
            current = new Nested(t, RULES[step]).value();
        }
        return current;
    }

    private static Rule[] rules(int[] nodes) {
        Rule[] rules = new Rule[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            rules[i] = new Rule(nodes[i]);
        }
        return rules;
    }

    private static double[][] leading(double[][] matrix, int size) {
        double[][] sub = new double[size][size];
        for (int i = 0; i < size; i++) {
            System.arraycopy(matrix[i], 0, sub[i], 0, size);
        }
        return sub;
    }

    private static void validate(double[] lower, double[] upper, double[][] c) {
        if (c == null || c.length < 1 || c.length > MAX_DIMENSION) {
            throw new IllegalArgumentException("dimension must be 1 to " + MAX_DIMENSION + "; got "
                    + (c == null ? "null" : c.length));
        }
        int m = c.length;
        if (lower == null || upper == null || lower.length != m || upper.length != m) {
            throw new IllegalArgumentException("need " + m + " lower and upper limits");
        }
        for (int i = 0; i < m; i++) {
            if (c[i] == null || c[i].length != m) {
                throw new IllegalArgumentException("correlation matrix is not square (row " + i
                        + ")");
            }
        }
        for (int i = 0; i < m; i++) {
            if (!(Math.abs(c[i][i] - 1) <= ENTRY_TOLERANCE)) {
                throw new IllegalArgumentException("diagonal must be 1; got " + c[i][i]
                        + " at " + i);
            }
            for (int j = 0; j < i; j++) {
                if (!(Math.abs(c[i][j] - c[j][i]) <= ENTRY_TOLERANCE)
                        || !(Math.abs(c[i][j]) <= 1)) {
                    throw new IllegalArgumentException("correlation matrix is not symmetric "
                            + "with entries in [-1, 1] at (" + i + ", " + j + ")");
                }
            }
            if (Double.isNaN(lower[i]) || Double.isNaN(upper[i])) {
                throw new IllegalArgumentException("limit " + i + " is NaN");
            }
            if (lower[i] > upper[i]) {
                throw new IllegalArgumentException("lower limit " + lower[i] + " exceeds upper "
                        + upper[i] + " at " + i);
            }
        }
    }

    /**
     * The reordered problem: limits, the Cholesky factor (row j: the coefficients of Z_j on
     * Y_0 .. Y_(r−1); rows from r on are the variables with a zero pivot), and for each row j and
     * level k the standard deviation of Z_j left once Y_0 .. Y_k are fixed.
     */
    private record Transform(int rank, double[] lower, double[] upper, double[][] factor,
            double[][] residualSd) {

        /** A pivot variance at or below this (relative to 1) is zero: singular direction. */
        private static final double PIVOT_TOLERANCE = 1e-10;

        /** Null when the probability is 0 (an empty interval). */
        static Transform of(double[] lower, double[] upper, double[][] correlation) {
            int m = correlation.length;
            double[] a = lower.clone();
            double[] b = upper.clone();
            double[][] c = new double[m][];
            for (int i = 0; i < m; i++) {
                c[i] = correlation[i].clone();
                if (a[i] == b[i]) {
                    return null;
                }
            }
            double[][] l = new double[m][m];
            double[] expected = new double[m]; // E[Y_k] given the earlier ones at their means
            int rank = 0;
            for (int i = 0; i < m; i++) {
                int best = -1;
                double bestProbability = Double.POSITIVE_INFINITY;
                for (int j = i; j < m; j++) {
                    double variance = conditionalVariance(c, l, j, i);
                    if (variance < -PIVOT_TOLERANCE) {
                        throw new IllegalArgumentException(
                                "correlation matrix is not positive semi-definite");
                    }
                    if (variance <= PIVOT_TOLERANCE) {
                        continue;
                    }
                    double s = Math.sqrt(variance);
                    double mean = dot(l[j], expected, i);
                    double p = probability((a[j] - mean) / s, (b[j] - mean) / s);
                    if (p < bestProbability) {
                        bestProbability = p;
                        best = j;
                    }
                }
                if (best < 0) {
                    break; // all the others are linear functions of Y_0 .. Y_(i-1)
                }
                swap(a, b, c, l, i, best);
                double s = Math.sqrt(conditionalVariance(c, l, i, i));
                l[i][i] = s;
                for (int j = i + 1; j < m; j++) {
                    double sum = c[j][i];
                    for (int k = 0; k < i; k++) {
                        sum -= l[j][k] * l[i][k];
                    }
                    l[j][i] = sum / s;
                }
                double mean = dot(l[i], expected, i);
                expected[i] = truncatedMean((a[i] - mean) / s, (b[i] - mean) / s);
                rank = i + 1;
            }
            for (int j = rank; j < m; j++) { // dependent: check the rest of the Cholesky
                if (conditionalVariance(c, l, j, rank) < -PIVOT_TOLERANCE) {
                    throw new IllegalArgumentException(
                            "correlation matrix is not positive semi-definite");
                }
            }
            return new Transform(rank, a, b, l, residualSd(l, rank));
        }

        private static double[][] residualSd(double[][] l, int rank) {
            double[][] sd = new double[l.length][rank];
            for (int j = 0; j < l.length; j++) {
                double v = 0;
                for (int k = rank - 1; k >= 0; k--) {
                    sd[j][k] = Math.sqrt(v);
                    v += l[j][k] * l[j][k];
                }
            }
            return sd;
        }

        private static double conditionalVariance(double[][] c, double[][] l, int j, int i) {
            double v = c[j][j];
            for (int k = 0; k < i; k++) {
                v -= l[j][k] * l[j][k];
            }
            return v;
        }

        private static double dot(double[] row, double[] y, int n) {
            double s = 0;
            for (int k = 0; k < n; k++) {
                s += row[k] * y[k];
            }
            return s;
        }

        /** Swaps variables i and j: limits, rows and columns of C, rows of L. */
        private static void swap(double[] a, double[] b, double[][] c, double[][] l, int i,
                int j) {
            if (i == j) {
                return;
            }
            double t = a[i];
            a[i] = a[j];
            a[j] = t;
            t = b[i];
            b[i] = b[j];
            b[j] = t;
            double[] row = c[i];
            c[i] = c[j];
            c[j] = row;
            for (double[] r : c) {
                t = r[i];
                r[i] = r[j];
                r[j] = t;
            }
            row = l[i];
            l[i] = l[j];
            l[j] = row;
        }

        /** E[Y | lo &lt; Y &lt; hi], Y standard normal; only steers the ordering. */
        private static double truncatedMean(double lo, double hi) {
            double p = probability(lo, hi);
            if (!(p > 0)) {
                return Double.isInfinite(lo) ? hi : Double.isInfinite(hi) ? lo : (lo + hi) / 2;
            }
            return (StandardNormal.density(lo) - StandardNormal.density(hi)) / p;
        }
    }

    /** Φ(hi) − Φ(lo), from whichever tail keeps its relative precision. */
    private static double probability(double lo, double hi) {
        return lo + hi > 0
                ? StandardNormal.upperTail(lo) - StandardNormal.upperTail(hi)
                : StandardNormal.cdf(hi) - StandardNormal.cdf(lo);
    }

    /** The nested Gauss–Legendre evaluation of the transformed integral. */
    private static final class Nested {

        /** Share of an interval's normal mass left out when its tails are cut. */
        private static final double NEGLIGIBLE = 1e-17;
        /** Standard deviations beyond which a later limit cannot be met: Φ(−9) = 1e-19. */
        private static final double IMPLIED_SDS = 9;
        /** A coefficient this small (rounding of an exact 0) does not tie Z_j to Y_k. */
        private static final double COEFFICIENT_TOLERANCE = 1e-12;

        private final Transform t;
        private final double[] nodes;
        private final double[] weights;
        private final double[] y;

        Nested(Transform t, Rule rule) {
            this.t = t;
            this.nodes = rule.nodes();
            this.weights = rule.weights();
            this.y = new double[t.rank()];
        }

        double value() {
            return Math.min(level(0), 1);
        }

        /** The integral over Y_k .. Y_(r−1) given Y_0 .. Y_(k−1) (in {@code y}). */
        private double level(int k) {
            double[] row = t.factor()[k];
            double shift = partial(row, k);
            double lo = (t.lower()[k] - shift) / row[k];
            double hi = (t.upper()[k] - shift) / row[k];
            // Every later Z_j is N(centre + c·y_k, sd²) given Y_0 .. Y_k; where its limits are
            // more than IMPLIED_SDS sd away it cannot be met, so y_k need not go there. For a
            // variable with a zero pivot (sd 0 at its last level) this is its constraint, exactly.
            double[][] factor = t.factor();
            for (int j = k + 1; j < factor.length; j++) {
                double c = factor[j][k];
                if (Math.abs(c) <= COEFFICIENT_TOLERANCE) {
                    continue;
                }
                double centre = partial(factor[j], k);
                double spread = IMPLIED_SDS * t.residualSd()[j][k];
                double from = (t.lower()[j] - centre - spread) / c;
                double to = (t.upper()[j] - centre + spread) / c;
                lo = Math.max(lo, c > 0 ? from : to);
                hi = Math.min(hi, c > 0 ? to : from);
            }
            if (!(lo < hi)) {
                return 0;
            }
            if (k == t.rank() - 1) {
                return probability(lo, hi);
            }
            double mass = probability(lo, hi);
            if (!(mass > 0)) {
                return 0;
            }
            // Cut the Gaussian tails that carry a negligible share of this interval's mass, so
            // that infinite limits become finite and nodes are not spent where φ vanishes.
            double cut = Math.max(NEGLIGIBLE * mass, Double.MIN_NORMAL);
            if (StandardNormal.cdf(lo) < cut) {
                lo = StandardNormal.quantile(cut);
            }
            if (StandardNormal.upperTail(hi) < cut) {
                hi = -StandardNormal.quantile(cut);
            }
            double span = hi - lo;
            double sum = 0;
            for (int i = 0; i < nodes.length; i++) {
                double yi = lo + nodes[i] * span;
                y[k] = yi;
                sum += weights[i] * StandardNormal.density(yi) * level(k + 1);
            }
            return span * sum;
        }

        private double partial(double[] row, int k) {
            double s = 0;
            for (int l = 0; l < k; l++) {
                s += row[l] * y[l];
            }
            return s;
        }
    }

    /** Gauss–Legendre nodes and weights on [0, 1]. */
    private record Rule(double[] nodes, double[] weights) {

        Rule(int n) {
            this(integrator(n));
        }

        private Rule(GaussIntegrator g) {
            this(points(g), weights(g));
        }

        private static GaussIntegrator integrator(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("need at least one node; got " + n);
            }
            return new GaussIntegratorFactory().legendre(n, 0, 1);
        }

        private static double[] points(GaussIntegrator g) {
            double[] x = new double[g.getNumberOfPoints()];
            for (int i = 0; i < x.length; i++) {
                x[i] = g.getPoint(i);
            }
            return x;
        }

        private static double[] weights(GaussIntegrator g) {
            double[] w = new double[g.getNumberOfPoints()];
            for (int i = 0; i < w.length; i++) {
                w[i] = g.getWeight(i);
            }
            return w;
        }
    }
}
