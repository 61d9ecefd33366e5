package io.oncosurv.analysis;

import io.oncosurv.stats.ExposureSplit;

/**
 * The (start, stop] rows of a model with a time-dependent exposure term, as R's
 * {@code tmerge(d, d, id = id, ev = event(time, status), x = tdc(start))}: each patient's
 * follow-up split at its exposure start ({@link ExposureSplit}), the baseline columns and
 * stratum repeated on each of its rows, the exposure column 0 before the start and 1 from it.
 * Patients with time 0 have no row (R's tmerge refuses them) and are counted in
 * {@code timeZero}.
 *
 * @param patient each row's index into the design's patients
 * @param x       the model columns per row, {@code x[column][row]}
 * @param stratum each row's stratum, or null
 */
record CountingProcessDesign(int[] patient, double[] start, double[] stop, boolean[] event,
        double[][] x, int[] stratum, int patients, int timeZero) {

    /**
     * @param time  each design patient's endpoint time
     * @param event each design patient's event flag (cause-specific already applied)
     */
    static CountingProcessDesign of(ModelDesign design, double[] time, boolean[] event)
            throws AnalysisException {
        ExposureSplit split = ExposureSplit.of(time, event, design.exposureStart());
        if (split.rows() == 0) {
            throw new AnalysisException("every patient used has time 0: a time-dependent term "
                    + "needs follow-up (R's tmerge refuses time 0)");
        }
        int rows = split.rows();
        double[][] baseline = design.x();
        double[][] x = new double[baseline.length][rows];
        int[] patient = split.patient();
        for (int c = 0; c < baseline.length; c++) {
            if (c == design.timeDependent()) {
                x[c] = split.exposed();
                continue;
            }
            for (int r = 0; r < rows; r++) {
                x[c][r] = baseline[c][patient[r]];
            }
        }
        int[] stratum = null;
        if (design.stratum() != null) {
            stratum = new int[rows];
            for (int r = 0; r < rows; r++) {
                stratum[r] = design.stratum()[patient[r]];
            }
        }
        return new CountingProcessDesign(patient, split.start(), split.stop(), split.event(), x,
                stratum, split.patients(), time.length - split.patients());
    }

    int rows() {
        return stop.length;
    }
}
