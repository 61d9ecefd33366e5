package io.oncosurv.analysis;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.Exposure;
import java.util.List;

/**
 * A model term naming an exposure over time: {@code <exposure>_td} (the exposure as a
 * time-dependent covariate; with a landmark start s, the status at s) or {@code <exposure>_ever}
 * (exposed when the exposure starts before the endpoint's time: the naive, immortal-time-biased
 * definition, kept for comparison). The suffixes keep these apart from a baseline column of the
 * exposure's name (the ICI cohorts' {@code antibiotics}, from {@code antibiotics_30d}).
 */
record ExposureTerm(String name, Exposure exposure, Kind kind) {

    static final String TD_SUFFIX = "_td";
    static final String EVER_SUFFIX = "_ever";

    enum Kind { TIME_DEPENDENT, EVER }

    /** The exposure term of that name, or null when the name has no such suffix or exposure. */
    static ExposureTerm parse(Cohort cohort, String name) {
        Kind kind = kindOf(name);
        if (kind == null) {
            return null;
        }
        return cohort.exposure(base(name, kind))
                .map(e -> new ExposureTerm(name, e, kind)).orElse(null);
    }

    /**
     * The refusal for an unknown term that looks like an exposure term (a suffix {@code _td} or
     * {@code _ever}), naming the cohort's exposures; null for any other name.
     */
    static String unknown(Cohort cohort, String name) {
        Kind kind = kindOf(name);
        if (kind == null) {
            return null;
        }
        List<String> exposures = cohort.exposureNames();
        if (exposures.isEmpty()) {
            return "the term " + name + " names an exposure over time, but the cohort has none "
                    + "(a column <name>_start_<unit>, e.g. antibiotics_start_days, gives one)";
        }
        return "the cohort has no exposure '" + base(name, kind) + "' for the term " + name
                + "; its exposures are " + String.join(", ", exposures) + " (terms "
                + String.join(", ", exposures.stream().map(e -> e + TD_SUFFIX + ", " + e
                        + EVER_SUFFIX).toList()) + ")";
    }

    private static Kind kindOf(String name) {
        if (name.endsWith(TD_SUFFIX) && name.length() > TD_SUFFIX.length()) {
            return Kind.TIME_DEPENDENT;
        }
        if (name.endsWith(EVER_SUFFIX) && name.length() > EVER_SUFFIX.length()) {
            return Kind.EVER;
        }
        return null;
    }

    private static String base(String name, Kind kind) {
        return name.substring(0, name.length()
                - (kind == Kind.TIME_DEPENDENT ? TD_SUFFIX : EVER_SUFFIX).length());
    }
}
