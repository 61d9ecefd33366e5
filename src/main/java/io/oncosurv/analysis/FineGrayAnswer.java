package io.oncosurv.analysis;

import io.oncosurv.stats.FineGrayResult;
import java.util.List;

/**
 * The answer to a {@link FineGrayRequest}: the model columns (as {@link CoxAnswer}'s), crr's fit,
 * the patients used, their events of the cause and of the other causes, and warnings (e.g. not
 * converged: a coefficient running off to infinity).
 */
public record FineGrayAnswer(FineGrayRequest request, List<CoxAnswer.Column> columns,
        FineGrayResult fit, int n, int events, int competingEvents, List<String> warnings) {

    public FineGrayAnswer {
        columns = List.copyOf(columns);
        warnings = List.copyOf(warnings);
    }
}
