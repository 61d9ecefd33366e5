package io.oncosurv.stats;

/**
 * Survival at landmark times, R's {@code summary(fit, times, extend = TRUE)}: before the first
 * time of the curve S is 1 with zero error and limits 1 (R's {@code survfit0} row); past the last
 * time the last value is carried forward with nobody at risk. The number at risk counts patients
 * with time >= the landmark, so a landmark on an observed time counts those leaving then.
 */
public final class Landmarks {

    private Landmarks() {
    }

    /**
     * @param times landmark times, finite, >= 0 and strictly increasing (the counts of events and
     *              censorings are summed between consecutive landmarks)
     */
    public static LandmarkEstimate[] of(SurvivalCurve curve, double[] times) {
        for (int k = 0; k < times.length; k++) {
            if (!(times[k] >= 0) || Double.isInfinite(times[k])) {
                throw new IllegalArgumentException("landmark times must be finite and >= 0; got "
                        + times[k]);
            }
            if (k > 0 && !(times[k] > times[k - 1])) {
                throw new IllegalArgumentException("landmark times must be strictly increasing; got "
                        + times[k - 1] + " then " + times[k]);
            }
        }
        LandmarkEstimate[] result = new LandmarkEstimate[times.length];
        int m = curve.size();
        int row = -1; // last curve row with time <= landmark
        int cumulativeEvents = 0;
        int cumulativeCensored = 0;
        int previousEvents = 0;
        int previousCensored = 0;
        for (int k = 0; k < times.length; k++) {
            double t = times[k];
            while (row + 1 < m && curve.time(row + 1) <= t) {
                row++;
                cumulativeEvents += curve.nEvent(row);
                cumulativeCensored += curve.nCensor(row);
            }
            // R's index2: the first curve time >= t (exact, as findInterval), so a landmark on
            // an observed time counts the patients leaving then; none past the last time.
            int atOrAfter = row >= 0 && curve.time(row) == t ? row : row + 1;
            int nRisk = atOrAfter < m ? curve.nRisk(atOrAfter) : 0;
            int nEvent = cumulativeEvents - previousEvents;
            int nCensor = cumulativeCensored - previousCensored;
            previousEvents = cumulativeEvents;
            previousCensored = cumulativeCensored;
            if (row < 0) {
                boolean empty = m == 0;
                double one = empty ? Double.NaN : 1;
                result[k] = new LandmarkEstimate(t, nRisk, nEvent, nCensor, one, empty ? Double.NaN
                        : 0, one, one);
            } else {
                result[k] = new LandmarkEstimate(t, nRisk, nEvent, nCensor, curve.survival(row),
                        curve.stdErr(row), curve.lower(row), curve.upper(row));
            }
        }
        return result;
    }
}
