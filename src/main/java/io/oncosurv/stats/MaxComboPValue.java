package io.oncosurv.stats;

import java.util.Arrays;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * P(max_j |Z_j| ≥ z) for the four MaxCombo statistics (FH(0,0), FH(0,1), FH(1,0), FH(1,1)), whose
 * correlation matrix is singular: since 1 = Ŝ + (1 − Ŝ), Z₀₀ = a·Z₀₁ + b·Z₁₀ exactly. A generic
 * rectangle integrator folds such a dependent variable into the limits of another and leaves
 * kinks in its integrand (errors near 1e-6). Here the structure is used instead: with
 * x = Z₀₁ and y = Z₁₀, the event max |Z| &lt; z is (x, y) in the convex polygon
 * |x| &lt; z, |y| &lt; z, |a x + b y| &lt; z, and Z₁₁ given (x, y) in (−z, z), so
 * P(max |Z| &lt; z) = ∬_polygon φ₂(x, y; ρ)·[Φ((z − μ)/σ) − Φ((−z − μ)/σ)] dy dx, μ and σ the
 * conditional mean and standard deviation of Z₁₁. Split at the polygon's vertices, x runs over
 * pieces on which the y-limits are linear, the integrand is smooth on each piece, and
 * Gauss–Legendre converges geometrically.
 */
final class MaxComboPValue {

    /**
     * Nodes per dimension and polygon piece. On the four reference cases 32 and 128 nodes agree
     * to 2e-15 (MaxComboReferenceTest); 48 leaves a margin. About 5 ms per p-value.
     */
    static final int NODES = 48;

    /** A residual variance of Z₀₀ below this means Z₀₀ is a combination of Z₀₁ and Z₁₀. */
    private static final double DEPENDENT = 1e-9;

    private MaxComboPValue() {
    }

    /**
     * The p-value for statistics in the order FH(0,0), FH(0,1), FH(1,0), FH(1,1) with the given
     * correlation, or NaN when the matrix lacks the dependence this method relies on (the
     * caller then integrates the general way).
     */
    static double twoSided(double z, double[][] r, int nodes) {
        double rho = r[1][2];
        double det = 1 - rho * rho;
        if (!(det > 1e-12)) {
            return Double.NaN;
        }
        // Z00 = a·Z01 + b·Z10: [1 ρ; ρ 1](a, b) = (R01, R02)
        double a = (r[0][1] - rho * r[0][2]) / det;
        double b = (r[0][2] - rho * r[0][1]) / det;
        double residual = 1 - (a * r[0][1] + b * r[0][2]);
        // conditional law of Z11 given (Z01, Z10)
        double c1 = (r[3][1] - rho * r[3][2]) / det;
        double c2 = (r[3][2] - rho * r[3][1]) / det;
        double conditionalVariance = 1 - (c1 * r[3][1] + c2 * r[3][2]);
        if (Math.abs(residual) > DEPENDENT || !(conditionalVariance > 1e-12) || !(b > 0)) {
            return Double.NaN;
        }
        double sigma = Math.sqrt(conditionalVariance);
        double[] breaks = breakpoints(z, a, b);
        GaussIntegrator rule = new GaussIntegratorFactory().legendre(nodes, -1, 1);
        double inside = 0;
        for (int k = 0; k + 1 < breaks.length; k++) {
            double x0 = breaks[k];
            double x1 = breaks[k + 1];
            if (!(x1 > x0)) {
                continue;
            }
            double xHalf = (x1 - x0) / 2;
            double xMid = (x1 + x0) / 2;
            for (int i = 0; i < rule.getNumberOfPoints(); i++) {
                double x = xMid + xHalf * rule.getPoint(i);
                double lo = Math.max(-z, (-z - a * x) / b);
                double hi = Math.min(z, (z - a * x) / b);
                if (!(hi > lo)) {
                    continue;
                }
                double yHalf = (hi - lo) / 2;
                double yMid = (hi + lo) / 2;
                double row = 0;
                for (int j = 0; j < rule.getNumberOfPoints(); j++) {
                    double y = yMid + yHalf * rule.getPoint(j);
                    double q = (x * x - 2 * rho * x * y + y * y) / det;
                    double mu = c1 * x + c2 * y;
                    double band = StandardNormal.cdf((z - mu) / sigma)
                            - StandardNormal.cdf((-z - mu) / sigma);
                    row += rule.getWeight(j) * Math.exp(-q / 2) * band;
                }
                inside += rule.getWeight(i) * xHalf * yHalf * row;
            }
        }
        inside /= 2 * Math.PI * Math.sqrt(det);
        return Math.max(0, Math.min(1, 1 - inside));
    }

    /** −z, z and the x where a y-limit switches between ±z and the line |a x + b y| = z. */
    private static double[] breakpoints(double z, double a, double b) {
        double[] candidates = {-z, z, (-z + b * z) / a, (-z - b * z) / a, (z + b * z) / a,
            (z - b * z) / a};
        return Arrays.stream(candidates).filter(x -> Double.isFinite(x) && x >= -z && x <= z)
                .sorted().distinct().toArray();
    }
}
