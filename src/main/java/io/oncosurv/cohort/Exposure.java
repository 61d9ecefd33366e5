package io.oncosurv.cohort;

/**
 * An exposure that starts during follow-up (cohort-format.md, "exposures over time"): per patient
 * the time from treatment start at which it begins, in months; negative when it began before
 * treatment start, NaN when the patient was not exposed during follow-up (an empty cell, or a
 * start after the end of the patient's follow-up, which the reader warns about).
 */
public final class Exposure {

    private final String name;
    private final String source;
    private final double[] startMonths;

    Exposure(String name, String source, double[] startMonths) {
        this.name = name;
        this.source = source;
        this.startMonths = startMonths;
    }

    /** The exposure's name: {@code antibiotics} for {@code antibiotics_start_days}. */
    public String name() {
        return name;
    }

    /** The column it came from ({@code antibiotics_start_days}, {@code x_start_date}). */
    public String source() {
        return source;
    }

    /** When the exposure starts, in months from treatment start; NaN when never exposed. */
    public double startMonths(int patient) {
        return startMonths[patient];
    }

    public boolean isExposed(int patient) {
        return !Double.isNaN(startMonths[patient]);
    }

    /** Patients with a start (exposed at some time before the end of their follow-up). */
    public int exposed() {
        int n = 0;
        for (double start : startMonths) {
            n += Double.isNaN(start) ? 0 : 1;
        }
        return n;
    }

    public int patients() {
        return startMonths.length;
    }
}
