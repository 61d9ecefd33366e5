package io.oncosurv.analysis;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.Endpoint;

/** The endpoint an analysis asks for (and, for competing risks, its causes), with the refusals. */
final class Causes {

    private Causes() {
    }

    /** The endpoint of that name, which must have a cause column. */
    static Endpoint endpointWithCauses(Cohort cohort, String name) throws AnalysisException {
        Endpoint endpoint = endpoint(cohort, name);
        if (endpoint.causes().isEmpty()) {
            throw new AnalysisException("the endpoint " + name + " has no causes: competing "
                    + "risks need a " + name + "_cause column giving the cause of each event");
        }
        return endpoint;
    }

    /** The endpoint of that name. */
    static Endpoint endpoint(Cohort cohort, String name) throws AnalysisException {
        return cohort.endpoint(name).orElseThrow(() -> new AnalysisException(
                "the cohort has no endpoint '" + name + "'; it has "
                        + String.join(", ", cohort.endpointNames())));
    }

    /** The code (1..k) of {@code cause} among the endpoint's causes. */
    static int code(Endpoint endpoint, String cause) throws AnalysisException {
        int index = endpoint.causes().indexOf(cause);
        if (index < 0) {
            throw new AnalysisException("the endpoint " + endpoint.name() + " has no cause '"
                    + cause + "'; its causes are " + String.join(", ", endpoint.causes()));
        }
        return index + 1;
    }
}
