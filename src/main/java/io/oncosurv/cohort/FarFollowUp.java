package io.oncosurv.cohort;

import io.oncosurv.cohort.CohortWarning.Kind;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Finds times far beyond the rest of their endpoint: more than {@link #FACTOR} times the
 * reference time, the time at 0-based rank floor(0.99 (n - 1)) of the endpoint's n times in
 * increasing order. Up to 101 times that is the next-largest time; beyond, about the 99th
 * percentile, so that a few such times among many are each found. Such a time is within the
 * 100 years a time may be, but is most often a unit error (days in a months column) and, with R's
 * relative tie rule, it can merge other patients' distinct times; the cohort is kept, with a
 * warning that names the row and column and no value.
 */
final class FarFollowUp {

    static final double FACTOR = 10;

    /** Fewer times than this have no "rest" to be beyond. */
    static final int MIN_TIMES = 3;

    /** Follows the kind's label; no value, so that the line may be shown as it is. */
    static final String TAIL = ": more than 10 times its next-largest time (its 99th "
            + "percentile past 101 patients); check the value and its unit";

    private FarFollowUp() {
    }

    /**
     * Adds a warning per far time, in row order.
     *
     * @param columnOf the column to name for a patient's time
     */
    static void check(Endpoint endpoint, IntFunction<String> columnOf, Warnings warnings) {
        int n = 0;
        while (n < endpoint.patients() && !Double.isNaN(endpoint.monthsByRank(n))) {
            n++;
        }
        if (n < MIN_TIMES) {
            return;
        }
        double reference = endpoint.monthsByRank((int) Math.floor(0.99 * (n - 1)));
        if (!(reference > 0)) {
            return; // times of 0 give no scale to be far from
        }
        int far = n;
        while (far > 0 && endpoint.monthsByRank(far - 1) > FACTOR * reference) {
            far--;
        }
        int[] patients = new int[n - far];
        for (int rank = far; rank < n; rank++) {
            patients[rank - far] = endpoint.patientByTime(rank);
        }
        Arrays.sort(patients);
        for (int p : patients) {
            warnings.add(Kind.FAR_BEYOND_FOLLOW_UP, p + 2, columnOf.apply(p), TAIL);
        }
    }
}
