package io.oncosurv.report;

import io.oncosurv.analysis.StratifierSource;
import io.oncosurv.analysis.WeightedAnalysis;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.Endpoint;
import io.oncosurv.cohort.StratifierUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A parsed spec against the cohort it names, at submission: every endpoint must be one of the
 * cohort's and every stratifier must be computable on it (and every further analysis's endpoint
 * must have causes, its cause be one of them; an immortal-time check's exposure must be one of
 * the cohort's exposures over time; a weighted comparison's adjustment columns and by must be
 * the cohort's), so a spec that could only fail later
 * is refused now, each problem at its key ({@code endpoints[1]: the cohort 'lung' has no
 * endpoint 'pfs'; it has os}).
 */
public final class ReportSpecCheck {

    private ReportSpecCheck() {
    }

    /** @throws ReportSpecException naming every endpoint and stratifier the cohort lacks */
    public static void against(ReportSpec spec, String cohortName, Cohort cohort,
            StratifierSource source) throws ReportSpecException {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < spec.endpoints().size(); i++) {
            String e = spec.endpoints().get(i);
            if (cohort.endpoint(e).isEmpty()) {
                problems.add("endpoints[" + i + "]: the cohort '" + cohortName + "' has no "
                        + "endpoint '" + e + "'; it has " + String.join(", ",
                                cohort.endpointNames()));
            }
        }
        for (int i = 0; i < spec.stratifiers().size(); i++) {
            ReportSpec.Stratifier s = spec.stratifiers().get(i);
            try {
                source.stratify(s.name(), s.settings());
            } catch (StratifierUnavailableException | IllegalArgumentException e) {
                String key = "stratifiers[" + i + "]" + (s.settings().containsKey("cutoff")
                        && e.getMessage().contains("cutoff") ? ".cutoff" : "");
                problems.add(key + ": the cohort '" + cohortName + "' cannot be stratified by "
                        + "'" + s.name() + "': " + e.getMessage());
            }
        }
        for (int i = 0; i < spec.analyses().size(); i++) {
            problems.addAll(furtherAnalysis(spec, i, cohortName, cohort, source));
        }
        if (!problems.isEmpty()) {
            throw new ReportSpecException(problems);
        }
    }

    /**
     * The problems of {@code analyses[i]} on this cohort: its endpoint (named, or the report's
     * with causes) must have causes, its cause must be one of each endpoint's, its {@code by}
     * must be computable, and its landmark start {@code from} must leave patients on each
     * endpoint (a start past every time could only fail the job).
     */
    private static List<String> furtherAnalysis(ReportSpec spec, int i, String cohortName,
            Cohort cohort, StratifierSource source) {
        ReportSpec.Analysis a = spec.analyses().get(i);
        String at = "analyses[" + i + "]";
        List<String> problems = new ArrayList<>();
        if (a.endpoint() != null && cohort.endpoint(a.endpoint()).isEmpty()) {
            problems.add(at + ".endpoint: the cohort '" + cohortName + "' has no endpoint '"
                    + a.endpoint() + "'; it has " + String.join(", ", cohort.endpointNames()));
            return problems;
        }
        if (a.kind() == ReportSpec.AnalysisKind.WEIGHTED) {
            return weighted(spec, a, at, cohortName, cohort, source);
        }
        if (a.kind() == ReportSpec.AnalysisKind.EXPOSURE_BIAS) {
            if (!cohort.exposureNames().contains(a.exposure())) {
                problems.add(at + ".exposure: " + (cohort.exposureNames().isEmpty()
                        ? "the cohort '" + cohortName + "' has no exposure start column "
                                + "(<name>_start_<unit>), so there is no exposure '"
                                + a.exposure() + "' to check"
                        : "the cohort '" + cohortName + "' has no exposure '" + a.exposure()
                                + "'; its exposures: " + String.join(", ",
                                        cohort.exposureNames())));
            }
            return problems;
        }
        if (a.endpoint() != null && cohort.endpoint(a.endpoint()).get().causes().isEmpty()) {
            problems.add(at + ".endpoint: the endpoint " + a.endpoint() + " has no causes: "
                    + "cumulative incidence needs a " + a.endpoint() + "_cause column giving "
                    + "the cause of each event");
            return problems;
        }
        List<String> endpoints = FurtherAnalyses.endpoints(spec, a, cohort);
        if (endpoints.isEmpty()) {
            problems.add(at + ": none of the report's endpoints ("
                    + String.join(", ", spec.endpoints().isEmpty() ? cohort.endpointNames()
                            : spec.endpoints()) + ") has causes; name one with causes in "
                    + at + ".endpoint");
        }
        for (String e : endpoints) {
            List<String> causes = cohort.endpoint(e).get().causes();
            if (a.cause() != null && !causes.contains(a.cause())) {
                problems.add(at + ".cause: the endpoint " + e + " has no cause '" + a.cause()
                        + "'; its causes are " + String.join(", ", causes));
            }
            if (!Double.isNaN(a.from())) {
                double longest = longestTime(cohort.endpoint(e).get());
                if (!(longest >= a.from())) {
                    problems.add(at + ".from: no patient of the cohort '" + cohortName + "' is "
                            + "followed on " + e + " for " + MethodsText.trim(a.from())
                            + " months or more (the longest " + e + " time is "
                            + (Double.isNaN(longest) ? "none" : MethodsText.trim(longest))
                            + "); a landmark start must leave patients");
                }
            }
        }
        if (a.by() != null) {
            byProblem(a, at, cohortName, source).ifPresent(problems::add);
        }
        return problems;
    }

    /** The item's {@code by} when this cohort cannot compute it. */
    private static Optional<String> byProblem(ReportSpec.Analysis a, String at,
            String cohortName, StratifierSource source) {
        try {
            source.stratify(a.by().name(), a.by().settings());
            return Optional.empty();
        } catch (StratifierUnavailableException | IllegalArgumentException e) {
            return Optional.of(at + ".by: the cohort '" + cohortName + "' cannot be "
                    + "stratified by '" + a.by().name() + "': " + e.getMessage());
        }
    }

    /**
     * A weighted comparison's problems: each adjustment column must be one /weighted can
     * adjust for on this cohort, its {@code by} computable, and no stratifier it runs on (its
     * by, else the report's) adjusted for too. Whether a stratifier has two groups, and
     * whether the model can be fitted, the data of each run decides: a refusal then is the
     * section's message (ReportBuilder), not the job's failure.
     */
    private static List<String> weighted(ReportSpec spec, ReportSpec.Analysis a, String at,
            String cohortName, Cohort cohort, StratifierSource source) {
        List<String> problems = new ArrayList<>();
        List<String> endpoints = spec.endpointsOf(a, cohort.endpointNames());
        Endpoint endpoint = endpoints.isEmpty() ? null
                : cohort.endpoint(endpoints.get(0)).orElse(null);
        List<String> adjust = a.weighting().adjust();
        for (int k = 0; k < adjust.size() && endpoint != null; k++) {
            String why = WeightedAnalysis.unusableTerm(cohort, endpoint, adjust.get(k), source);
            if (why != null) {
                problems.add(at + ".adjust[" + k + "]: the cohort '" + cohortName + "' cannot "
                        + "adjust for '" + adjust.get(k) + "': " + why);
            }
        }
        if (a.by() != null) {
            byProblem(a, at, cohortName, source).ifPresent(problems::add);
        } else {
            for (ReportSpec.Stratifier s : spec.stratifiers()) {
                if (adjust.contains(s.name())) {
                    problems.add(at + ".adjust: '" + s.name() + "' is a stratifier of the "
                            + "report, which the comparison runs on without a by; it cannot "
                            + "also be adjusted for (name the comparison in by)");
                }
            }
        }
        return problems;
    }

    /** The longest time of a patient with a time and an event flag (NaN: none). */
    private static double longestTime(io.oncosurv.cohort.Endpoint endpoint) {
        double longest = Double.NaN;
        for (int p = 0; p < endpoint.patients(); p++) {
            if (endpoint.isComplete(p) && !(endpoint.months(p) <= longest)) {
                longest = endpoint.months(p);
            }
        }
        return longest;
    }
}
