package io.oncosurv.chart;

import io.oncosurv.analysis.AnalysisException;
import io.oncosurv.analysis.ExtraTests;
import io.oncosurv.analysis.SurvivalAnalysis;
import io.oncosurv.analysis.SurvivalRequest;
import io.oncosurv.analysis.SurvivalResult;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.testsupport.SampleCohorts;
import java.util.Map;

/** Analyses of the lung sample cohort that the figure tests draw. */
final class LungFigures {

    /** survival::lung codes sex 1 = male, 2 = female. */
    static final Map<String, String> SEX_NAMES = Map.of("1", "Male", "2", "Female");

    private static final Cohort LUNG = SampleCohorts.cohort(SampleCohorts.LUNG);

    private LungFigures() {
    }

    /** OS by a stratifier, with the Cox hazard ratios asked for (tests=hr). */
    static SurvivalResult os(String by) {
        return run(SurvivalRequest.defaults("os", by)
                .withTests(ExtraTests.none().withHazardRatios(true)));
    }

    static SurvivalResult run(SurvivalRequest request) {
        try {
            return SurvivalAnalysis.run(LUNG, request);
        } catch (AnalysisException e) {
            throw new IllegalStateException(e);
        }
    }
}
