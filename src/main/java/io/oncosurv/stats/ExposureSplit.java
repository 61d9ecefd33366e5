package io.oncosurv.stats;

/**
 * One patient row per spell of constant exposure, as R's
 * {@code tmerge(d, d, id = id, ev = event(time, status), x = tdc(start))}: a patient whose
 * exposure starts strictly inside its follow-up (0, time) has two rows, (0, start] unexposed and
 * censored, then (start, time] exposed with the patient's event; a start at or before 0 means
 * exposed throughout; a start at or after the patient's time (or none, NaN) means unexposed
 * throughout, so an exposure starting at the event time does not count for it.
 *
 * <p>A patient with time 0 has no interval (0, 0]: R's {@code Surv(tstart, tstop)} makes it NA
 * and coxph/survfit leave it out, so it has no row here either.
 *
 * @param patient    the input index of each row's patient; rows of a patient are consecutive
 * @param start      each row's entry time (0 or the exposure start)
 * @param stop       each row's exit time
 * @param event      an event at {@code stop}
 * @param exposed    1 when the row is exposed, else 0
 * @param patients   the patients with at least one row
 */
public record ExposureSplit(int[] patient, double[] start, double[] stop, boolean[] event,
        double[] exposed, int patients) {

    /**
     * @param time          each patient's endpoint time (>= 0)
     * @param status        each patient's event flag
     * @param exposureStart each patient's exposure start on the same clock, NaN when never
     */
    public static ExposureSplit of(double[] time, boolean[] status, double[] exposureStart) {
        int n = time.length;
        int rows = 0;
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (time[i] > 0) {
                kept++;
                rows += switches(time[i], exposureStart[i]) ? 2 : 1;
            }
        }
        int[] patient = new int[rows];
        double[] start = new double[rows];
        double[] stop = new double[rows];
        boolean[] event = new boolean[rows];
        double[] exposed = new double[rows];
        int r = 0;
        for (int i = 0; i < n; i++) {
            double t = time[i];
            if (!(t > 0)) {
                continue;
            }
            double s = exposureStart[i];
            if (switches(t, s)) {
                patient[r] = i;
                stop[r] = s;
                r++;
                patient[r] = i;
                start[r] = s;
                stop[r] = t;
                event[r] = status[i];
                exposed[r] = 1;
                r++;
            } else {
                patient[r] = i;
                stop[r] = t;
                event[r] = status[i];
                exposed[r] = s <= 0 ? 1 : 0; // NaN <= 0 is false: never exposed
                r++;
            }
        }
        return new ExposureSplit(patient, start, stop, event, exposed, kept);
    }

    /** The exposure starts strictly inside (0, time): the patient's follow-up is split. */
    private static boolean switches(double time, double exposureStart) {
        return exposureStart > 0 && exposureStart < time;
    }

    public int rows() {
        return patient.length;
    }

    /** The exposure status at time s of a patient followed at s: started at or before s. */
    public static boolean exposedAt(double exposureStart, double s) {
        return exposureStart <= s;
    }
}
