package io.oncosurv.cohort;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of {@code shared/contract/cohort-format.md}, version 1, in one place: units, the
 * known TME columns and the values each accepts.
 */
final class CohortFormat {

    /** Days in a month, as R's reference data and the contract convert. */
    static final double DAYS_PER_MONTH = 30.4375;

    /**
     * The longest follow-up accepted, in months: 100 years (36,525 days). An OncoSurv rule beyond
     * the format's "finite, >= 0": a longer time is a unit or typing error, and one such time
     * makes R's relative tie rule (aeqSurv) merge other patients' distinct times.
     */
    static final double MAX_FOLLOW_UP_MONTHS = 1200;

    /** {@link #MAX_FOLLOW_UP_MONTHS} in days, for times taken from dates. */
    static final long MAX_FOLLOW_UP_DAYS = 36_525;

    /** The time units of the format. */
    static final Set<String> UNITS = Set.of("months", "days", "weeks", "years");

    /** A time in a unit as months, computed the way R computes days / 30.4375. */
    static double toMonths(double value, String unit) {
        return switch (unit) {
            case "months" -> value;
            case "days" -> value / DAYS_PER_MONTH;
            case "weeks" -> value * 7 / DAYS_PER_MONTH;
            case "years" -> value * 12;
            default -> throw new IllegalArgumentException("unknown unit " + unit);
        };
    }

    static final Pattern ENDPOINT_NAME = Pattern.compile("[a-z][a-z0-9]*");

    static final String PATIENT_ID = "patient_id";

    static final Set<String> TEXT_COLUMNS = Set.of("arm", "disease_state");

    static final Set<String> BINARY_COLUMNS = Set.of("akkermansia", "antibiotics_30d");

    static final Set<String> DATE_COLUMNS = Set.of("start_date", "progression_date", "death_date",
            "last_followup_date");

    /** A known numeric column's accepted range. */
    record Range(double min, boolean minInclusive, double max, String expected) {
        boolean contains(double v) {
            return (minInclusive ? v >= min : v > min) && v <= max;
        }
    }

    static final Map<String, Range> NUMERIC_COLUMNS = Map.of(
            "pdl1_tps", new Range(0, true, 100, "a percentage of tumour cells from 0 to 100"),
            "cd8_til", new Range(0, true, Double.MAX_VALUE, "a density >= 0 (cells/mm²)"),
            "neutrophils", new Range(0, false, Double.MAX_VALUE, "a count > 0 (10^9/L)"),
            "lymphocytes", new Range(0, false, Double.MAX_VALUE, "a count > 0 (10^9/L)"),
            "leukocytes", new Range(0, false, Double.MAX_VALUE, "a count > 0 (10^9/L)"),
            "nlr", new Range(0, true, Double.MAX_VALUE, "a ratio >= 0"),
            "dnlr", new Range(0, true, Double.MAX_VALUE, "a ratio >= 0"),
            "ldh", new Range(0, false, Double.MAX_VALUE, "an activity > 0 (U/L)"),
            "ldh_uln", new Range(0, false, Double.MAX_VALUE, "an upper limit of normal > 0 (U/L)"),
            "shannon", new Range(0, true, Double.MAX_VALUE, "a Shannon diversity index >= 0"));

    private CohortFormat() {
    }
}
