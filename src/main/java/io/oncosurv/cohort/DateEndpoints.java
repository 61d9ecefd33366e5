package io.oncosurv.cohort;

import java.util.Map;

/**
 * OS and PFS from dates, as the format defines them: OS runs from start_date to death_date (an
 * event) or last_followup_date (censored); PFS to the first of progression_date and death_date
 * (an event) or last_followup_date (censored). Endpoints given as time columns take precedence.
 */
final class DateEndpoints {

    private static final long MISSING = Long.MIN_VALUE;

    private final Map<String, ColumnReader> columns;
    private final Problems problems;

    DateEndpoints(Map<String, ColumnReader> columns, Problems problems) {
        this.columns = columns;
        this.problems = problems;
    }

    void addTo(Map<String, Endpoint> endpoints, int patients) {
        long[] start = dates("start_date");
        long[] lastFollowUp = dates("last_followup_date");
        if (start == null || lastFollowUp == null) {
            if (start != null || lastFollowUp != null || dates("death_date") != null
                    || dates("progression_date") != null) {
                problems.add(1, null, "dates need both start_date and last_followup_date");
            }
            return;
        }
        long[] death = dates("death_date");
        long[] progression = dates("progression_date");
        checkNotBeforeStart(start, lastFollowUp, "last_followup_date", patients);
        checkNotBeforeStart(start, death, "death_date", patients);
        checkNotBeforeStart(start, progression, "progression_date", patients);
        if (!endpoints.containsKey("os")) {
            endpoints.put("os", build("os", patients, start, lastFollowUp, death, null));
        }
        if (!endpoints.containsKey("pfs")) {
            endpoints.put("pfs", build("pfs", patients, start, lastFollowUp, death, progression));
        }
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

    private void checkNotBeforeStart(long[] start, long[] date, String column, int patients) {
        if (date == null) {
            return;
        }
        for (int p = 0; p < patients; p++) {
            if (start[p] != MISSING && date[p] != MISSING && date[p] < start[p]) {
                problems.add(p + 2, column, column + " is before start_date");
            }
        }
    }

    private long[] dates(String column) {
        ColumnReader reader = columns.get(column);
        return reader == null ? null : ((ColumnReader.Date) reader).values;
    }
}
