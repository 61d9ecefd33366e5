package io.oncosurv.stats;

/**
 * R's {@code aeqSurv}: distinct times closer than {@link RDefaults#TIME_TIE_TOLERANCE}, either
 * absolutely or relative to the mean of all distinct times, are treated as one time, the smallest
 * of a chain of such near-equal times. Times written as 15-digit decimals after a unit conversion
 * (days / 30.4375) differ in their last bits; without this, tools count one tie as two times.
 */
final class TimeTies {

    private TimeTies() {
    }

    /**
     * Maps sorted distinct times to the time R would use for each.
     *
     * @param distinct strictly increasing finite times, the first {@code count} entries used
     * @return the replacement time of each distinct time, or {@code null} when no two are tied,
     *         so that callers can skip the remapping pass
     */
    static double[] canonicalTimes(double[] distinct, int count) {
        if (count < 2) {
            return null;
        }
        double sumAbs = 0;
        for (int i = 0; i < count; i++) {
            sumAbs += Math.abs(distinct[i]);
        }
        double meanAbs = sumAbs / count;
        double tolerance = RDefaults.TIME_TIE_TOLERANCE;
        double[] canonical = null;
        double chainStart = distinct[0];
        for (int i = 1; i < count; i++) {
            double gap = distinct[i] - distinct[i - 1];
            boolean tied = gap <= tolerance || gap / meanAbs <= tolerance;
            if (tied) {
                if (canonical == null) {
                    canonical = new double[count];
                    System.arraycopy(distinct, 0, canonical, 0, i);
                }
            } else {
                chainStart = distinct[i];
            }
            if (canonical != null) {
                canonical[i] = chainStart;
            }
        }
        return canonical;
    }
}
