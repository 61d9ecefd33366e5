package io.oncosurv.cohort;

import io.oncosurv.cohort.CohortWarning.Kind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code <name>_start_<unit>} and {@code <name>_start_date} columns (cohort-format.md,
 * "exposures over time"): when an exposure begins, from treatment start. Checked per row once
 * all rows and endpoints are read. A start after the end of a patient's follow-up (the largest
 * time of any of the patient's endpoints) is a warning and no exposure for that patient; whether
 * an exposure starts before a given endpoint's own time is for the analyses to decide.
 */
final class ExposureColumns {

    private static final Pattern COLUMN = Pattern.compile(
            "([a-z][a-z0-9_]*)_start_(months|days|weeks|years|date)");

    private static final String DATE = "date";

    private ExposureColumns() {
    }

    /** The exposure a column names ({@code antibiotics}); null for any other column. */
    static String nameOf(String column) {
        Matcher m = COLUMN.matcher(column);
        return m.matches() ? m.group(1) : null;
    }

    /** The unit of an exposure column ({@code days}, ..., or {@code date}). */
    static String unitOf(String column) {
        Matcher m = COLUMN.matcher(column);
        return m.matches() ? m.group(2) : null;
    }

    static boolean isDate(String column) {
        return DATE.equals(unitOf(column));
    }

    /**
     * Header check: one start column per exposure. A start date is an exposure only against
     * {@code start_date}; without it the column stays an ordinary date column.
     *
     * @param columns the header's names in file order
     */
    static void checkHeader(Collection<String> columns, Problems problems) {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        boolean dates = columns.contains("start_date");
        for (String column : columns) {
            String name = nameOf(column);
            // without start_date a *_start_date column is an ordinary date column, as before
            if (name != null && (dates || !isDate(column))) {
                byName.computeIfAbsent(name, n -> new ArrayList<>()).add(column);
            }
        }
        byName.forEach((name, found) -> {
            if (found.size() > 1) {
                problems.add(1, found.get(1), "two start columns for the exposure " + name + " ("
                        + String.join(", ", found) + "): keep one");
            }
        });
    }

    /**
     * The exposures in file order: starts in months from treatment start, NaN when empty,
     * unusable, or after the patient's end of follow-up (a warning naming the row).
     */
    static Map<String, Exposure> build(Map<String, ColumnReader> columns,
            Map<String, Endpoint> endpoints, int patients, Problems problems,
            Warnings warnings) {
        Map<String, Exposure> exposures = new LinkedHashMap<>();
        double[] end = endOfFollowUp(endpoints, patients);
        for (ColumnReader reader : columns.values()) {
            String name = nameOf(reader.name);
            double[] months;
            if (name == null) {
                continue;
            } else if (reader instanceof ColumnReader.Start start) {
                months = start.values.clone();
            } else if (reader instanceof ColumnReader.Date date
                    && columns.get("start_date") instanceof ColumnReader.Date start) {
                months = fromDates(reader.name, date.values, start.values, problems);
            } else {
                continue; // a date without start_date: an ordinary date column
            }
            for (int p = 0; p < patients; p++) {
                if (months[p] > end[p]) {
                    warnings.add(Kind.EXPOSURE_AFTER_FOLLOW_UP, p + 2, reader.name, String.format(
                            Locale.ROOT, " (%s > %s months)", months[p], end[p]));
                    months[p] = Double.NaN;
                }
            }
            exposures.put(name, new Exposure(name, reader.name, months));
        }
        return exposures;
    }

    /** Per patient the largest time of any endpoint; NaN when the patient has none. */
    private static double[] endOfFollowUp(Map<String, Endpoint> endpoints, int patients) {
        double[] end = new double[patients];
        java.util.Arrays.fill(end, Double.NaN);
        for (Endpoint endpoint : endpoints.values()) {
            for (int p = 0; p < patients; p++) {
                double t = endpoint.months(p);
                if (!Double.isNaN(t) && !(t <= end[p])) {
                    end[p] = t;
                }
            }
        }
        return end;
    }

    /** Months from start_date; NaN where either date is missing. */
    private static double[] fromDates(String column, long[] dates, long[] start,
            Problems problems) {
        double[] months = new double[dates.length];
        for (int p = 0; p < dates.length; p++) {
            months[p] = Double.NaN;
            if (dates[p] == Long.MIN_VALUE || start[p] == Long.MIN_VALUE) {
                continue;
            }
            long days = dates[p] - start[p];
            if (Math.abs(days) > CohortFormat.MAX_FOLLOW_UP_DAYS) {
                problems.add(p + 2, column, column + " is more than 100 years ("
                        + CohortFormat.MAX_FOLLOW_UP_DAYS + " days) from start_date: check both "
                        + "dates");
            } else {
                months[p] = days / CohortFormat.DAYS_PER_MONTH;
            }
        }
        return months;
    }
}
