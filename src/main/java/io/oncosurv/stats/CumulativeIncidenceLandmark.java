package io.oncosurv.stats;

/**
 * The cumulative incidence of each cause at one landmark time (index = cause − 1), as R
 * {@code summary(fit, times = landmarks, extend = TRUE)}; limits NaN where R gives NA.
 */
public record CumulativeIncidenceLandmark(double time, int nRisk, double[] cif, double[] stdErr,
        double[] lower, double[] upper) {

    public CumulativeIncidenceLandmark {
        cif = cif.clone();
        stdErr = stdErr.clone();
        lower = lower.clone();
        upper = upper.clone();
    }

    @Override
    public double[] cif() {
        return cif.clone();
    }

    @Override
    public double[] stdErr() {
        return stdErr.clone();
    }

    @Override
    public double[] lower() {
        return lower.clone();
    }

    @Override
    public double[] upper() {
        return upper.clone();
    }
}
