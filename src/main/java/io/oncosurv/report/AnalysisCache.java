package io.oncosurv.report;

import io.oncosurv.analysis.AnalysisException;
import io.oncosurv.analysis.SurvivalResult;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Survival results by (cohort SHA-256, request): a report regenerated for the same data, or many
 * reports over the same cohort, reuse what was computed. Bounded, least recently used out.
 */
public final class AnalysisCache {

    /** What computes a result when it is not cached. */
    public interface Computation {
        SurvivalResult compute() throws AnalysisException;
    }

    private final Map<String, SurvivalResult> results;
    private final AtomicInteger computed = new AtomicInteger();

    public AnalysisCache(int capacity) {
        results = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, SurvivalResult> eldest) {
                return size() > capacity;
            }
        });
    }

    public SurvivalResult get(String cohortSha256, String requestKey, Computation computation)
            throws AnalysisException {
        String key = cohortSha256 + "|" + requestKey;
        SurvivalResult known = results.get(key);
        if (known != null) {
            return known;
        }
        SurvivalResult result = computation.compute();
        computed.incrementAndGet();
        results.put(key, result);
        return result;
    }

    /** How many results were computed (not found), since this cache was made. */
    public int computed() {
        return computed.get();
    }
}
