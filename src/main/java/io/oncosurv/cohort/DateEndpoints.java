package io.oncosurv.cohort;

import java.util.Map;

/**
 * OS and PFS from dates, as the format defines them: OS runs from start_date to death_date (an
 * event) or last_followup_date (censored); PFS to the first of progression_date and death_date
 * (an event) or last_followup_date (censored). A file that also has an os or pfs time column is
 * refused at its header ({@link CohortReader}): which of the two was meant cannot be told.
 */
final class DateEndpoints {

    private static final long MISSING = Long.MIN_VALUE;

    private final Map<String, ColumnReader> columns;
    private final Problems problems;
    private long[] death;
    private long[] progression;

    DateEndpoints(Map<String, ColumnReader> columns, Problems problems) {
        this.columns = columns;
        this.problems = problems;
    }

    void addTo(Map<String, Endpoint> endpoints, int patients) {
        long[] start = dates("start_date");
        long[] lastFollowUp = dates("last_followup_date");
        death = dates("death_date");
        progression = dates("progression_date");
        if (start == null || lastFollowUp == null) {
            if (start != null || lastFollowUp != null || death != null || progression != null) {
                problems.add(1, null, "dates need both start_date and last_followup_date: add "
                        + "the missing one, or delete the date columns");
            }
            return;
        }
        checkAgainstStart(start, lastFollowUp, "last_followup_date", patients);
        checkAgainstStart(start, death, "death_date", patients);
        checkAgainstStart(start, progression, "progression_date", patients);
        endpoints.put("os", build("os", patients, start, lastFollowUp, death, null));
        endpoints.put("pfs", build("pfs", patients, start, lastFollowUp, death, progression));
    }

    /** The date column that ends a patient's OS or PFS (read after {@link #addTo}). */
    String endColumn(String endpoint, int patient) {
        boolean died = death != null && death[patient] != MISSING;
        boolean progressed = endpoint.equals("pfs") && progression != null
                && progression[patient] != MISSING
                && (!died || progression[patient] < death[patient]);
        return progressed ? "progression_date" : died ? "death_date" : "last_followup_date";
    }

    private Endpoint build(String name, int patients, long[] start, long[] lastFollowUp,
            long[] death, long[] progression) {
        double[] months = new double[patients];
        byte[] event = new byte[patients];
        for (int p = 0; p < patients; p++) {
            long first = MISSING;
            if (death != null && death[p] != MISSING) {
                first = death[p];
            }
            if (progression != null && progression[p] != MISSING
                    && (first == MISSING || progression[p] < first)) {
                first = progression[p];
            }
            long end = first != MISSING ? first : lastFollowUp[p];
            if (start[p] == MISSING || end == MISSING || end < start[p]) {
                months[p] = Double.NaN;
                event[p] = -1;
            } else {
                months[p] = (end - start[p]) / CohortFormat.DAYS_PER_MONTH;
                event[p] = (byte) (first != MISSING ? 1 : 0);
            }
        }
        return new Endpoint(name, "dates", months, event);
    }

    /** A date before start_date, or more than 100 years after it, is a problem of its cell. */
    private void checkAgainstStart(long[] start, long[] date, String column, int patients) {
        if (date == null) {
            return;
        }
        for (int p = 0; p < patients; p++) {
            if (start[p] == MISSING || date[p] == MISSING) {
                continue;
            }
            if (date[p] < start[p]) {
                problems.add(p + 2, column, column + " is before start_date");
            } else if (date[p] - start[p] > CohortFormat.MAX_FOLLOW_UP_DAYS) {
                problems.add(p + 2, column, column + " is more than 100 years ("
                        + CohortFormat.MAX_FOLLOW_UP_DAYS + " days) after start_date: a "
                        + "follow-up of at most 100 years was expected; check both dates");
            }
        }
    }

    private long[] dates(String column) {
        ColumnReader reader = columns.get(column);
        return reader == null ? null : ((ColumnReader.Date) reader).values;
    }
}
