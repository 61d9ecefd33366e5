package io.oncosurv.analysis;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.Stratification;
import io.oncosurv.cohort.StratifierUnavailableException;
import io.oncosurv.cohort.Stratifiers;
import java.util.Map;

/**
 * Where an analysis gets a cohort's stratifications: computed each time, or (in the server)
 * remembered per cohort, since a cohort never changes and a stratifier over a million patients
 * costs more than the rest of a query.
 */
@FunctionalInterface
public interface StratifierSource {

    Stratification stratify(String name, Map<String, Double> settings)
            throws StratifierUnavailableException;

    /**
     * The stratification an analysis asked for by name; one the cohort cannot give is the
     * query's refusal (its 422), with the reason.
     */
    default Stratification require(String name, Map<String, Double> settings)
            throws AnalysisException {
        try {
            return stratify(name, settings);
        } catch (StratifierUnavailableException e) {
            throw new AnalysisException(e.getMessage());
        }
    }

    /** Computes every stratification afresh. */
    static StratifierSource direct(Cohort cohort) {
        return (name, settings) -> Stratifiers.stratify(cohort, name, settings);
    }
}
