package io.oncosurv.report;

import io.oncosurv.analysis.StratifierSource;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.StratifierUnavailableException;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed spec against the cohort it names, at submission: every endpoint must be one of the
 * cohort's and every stratifier must be computable on it, so a spec that could only fail later
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
        if (!problems.isEmpty()) {
            throw new ReportSpecException(problems);
        }
    }
}
