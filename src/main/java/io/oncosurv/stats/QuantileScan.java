package io.oncosurv.stats;

/**
 * {@link SurvivalQuantiles#of}'s answer in one pass over a curve, with no copy of it: a curve of
 * a million points cost seven arrays of its length and eighteen passes the other way. The
 * answer is the same: the point R's rule picks is the first of the smallest values at or above
 * p (dropping repeated values, as R does first, keeps the first of each, so it picks the same
 * point). R's rule also reads the last point left after dropping repeats: for values that never
 * fall (the estimate always; limits nearly always) that is the largest value, or NaN if an
 * undefined one comes later. Values that fall somewhere and lie within the tolerance of a
 * probability give null, and the caller takes the long way.
 */
final class QuantileScan {

    private static final double TOL = RDefaults.QUANTILE_TOLERANCE;

    private final double[] probabilities;
    private final double[] up; // the smallest y + tol at or above p, per probability
    private final int[] upAt;
    private final double[] down; // the same for y - tol
    private final int[] downAt;
    private double maxY = Double.NEGATIVE_INFINITY;
    private double minUp = Double.POSITIVE_INFINITY;
    private double minDown = Double.POSITIVE_INFINITY;
    private boolean nearAProbability; // some value is, anywhere
    private boolean neverFalls = true;
    private double lastY = Double.NEGATIVE_INFINITY; // the last defined value
    private int maxAt = -1; // where the largest value first came
    private int firstUndefinedAt = -1;

    private QuantileScan(double[] probabilities) {
        this.probabilities = probabilities;
        int k = probabilities.length;
        up = new double[k];
        upAt = new int[k];
        down = new double[k];
        downAt = new int[k];
        for (int j = 0; j < k; j++) {
            up[j] = Double.POSITIVE_INFINITY;
            down[j] = Double.POSITIVE_INFINITY;
            upAt[j] = -1;
            downAt[j] = -1;
        }
        see(0, 0); // R's curve starts at time 0 with y = 1 - S = 0
    }

    /**
     * Estimates and limits as {@link SurvivalQuantiles#of}, or null when a value of the curve or
     * of a limit lies within the tolerance of a probability (or the curve is empty).
     */
    static QuantileEstimate[] of(SurvivalCurve curve, double[] probabilities) {
        int m = curve.size();
        if (m == 0) {
            return null;
        }
        QuantileScan estimate = new QuantileScan(probabilities);
        QuantileScan lower = new QuantileScan(probabilities);
        QuantileScan upper = new QuantileScan(probabilities);
        double[] limits = new double[2];
        for (int i = 0; i < m; i++) { // point i is R's point i + 1, after the one at time 0
            curve.limits(i, limits);
            estimate.see(i + 1, 1 - curve.survival(i));
            lower.see(i + 1, 1 - limits[0]);
            upper.see(i + 1, 1 - limits[1]);
        }
        if (estimate.unknownLast() || lower.unknownLast() || upper.unknownLast()) {
            return null;
        }
        double[] e = estimate.quantiles(curve);
        double[] l = lower.quantiles(curve);
        double[] u = upper.quantiles(curve);
        QuantileEstimate[] result = new QuantileEstimate[probabilities.length];
        for (int k = 0; k < probabilities.length; k++) {
            result[k] = new QuantileEstimate(probabilities[k], e[k], l[k], u[k]);
        }
        return result;
    }

    /** Point {@code at} (0 is time 0) with value y = 1 - S (NaN: undefined). */
    private void see(int at, double y) {
        if (Double.isNaN(y)) {
            if (firstUndefinedAt < 0) {
                firstUndefinedAt = at;
            }
            return;
        }
        if (y > maxY) {
            maxY = y;
            maxAt = at;
        }
        if (y < lastY) {
            neverFalls = false;
        }
        lastY = y;
        double vUp = y + TOL;
        double vDown = y - TOL;
        minUp = Math.min(minUp, vUp);
        minDown = Math.min(minDown, vDown);
        for (int k = 0; k < probabilities.length; k++) {
            double p = probabilities[k];
            if (vUp >= p && vUp < up[k]) {
                up[k] = vUp;
                upAt[k] = at;
            }
            if (vDown >= p && vDown < down[k]) {
                down[k] = vDown;
                downAt[k] = at;
            }
            if (Math.abs(p - y) < TOL) {
                nearAProbability = true;
            }
        }
    }

    /** Whether R's last point after dropping repeats is unknown here and may matter. */
    private boolean unknownLast() {
        return !neverFalls && nearAProbability;
    }

    /**
     * R's last point after dropping repeats, for values that never fall: the largest, or NaN
     * when an undefined value first came after it.
     */
    private double lastKept() {
        if (!neverFalls) {
            return Double.NaN; // none is near a probability (unknownLast), so it does not matter
        }
        return firstUndefinedAt > maxAt ? Double.NaN : maxY;
    }

    /** R's findq on the values seen. */
    private double[] quantiles(SurvivalCurve curve) {
        int count = probabilities.length;
        double[] result = new double[count];
        double minP = Double.POSITIVE_INFINITY;
        for (double p : probabilities) {
            minP = Math.min(minP, p);
        }
        double last = lastKept();
        double xMax = curve.time(curve.size() - 1);
        for (int k = 0; k < count; k++) {
            double p = probabilities[k];
            if (maxY < minP) {
                result[k] = Double.NaN;
                continue;
            }
            int first = p < minUp ? -1 : upAt[k];
            int second = p < minDown ? -1 : downAt[k];
            double q = first < 0 || second < 0 ? Double.NaN
                    : (timeOf(curve, first) + timeOf(curve, second)) / 2;
            if (p == 0) {
                q = 0;
            }
            if (!Double.isNaN(last) && Math.abs(p - last) < TOL) { // R: at p to the end
                q = first < 0 ? Double.NaN : (timeOf(curve, first) + xMax) / 2;
            }
            result[k] = q;
        }
        return result;
    }

    private static double timeOf(SurvivalCurve curve, int at) {
        return at == 0 ? 0 : curve.time(at - 1);
    }
}
