package io.oncosurv.analysis;

import io.oncosurv.stats.RDefaults;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A competing-risks query (shared/contract/analyses.md): the endpoint (it must have causes), the
 * stratifier {@code by} (null: one group, "all") with its settings, the level of the limits (on
 * the log of the incidence, survfit's only choice for multi-state curves), the landmark times,
 * the landmark start {@code from} (NaN: none; else only patients with time >= from) and the
 * subsets {@code COLUMN:VALUE}, combined with AND.
 */
public record CumulativeIncidenceRequest(String endpoint, String by, Map<String, Double> settings,
        double confLevel, double[] landmarks, double from, List<String> subsets) {

    public static final double[] DEFAULT_LANDMARKS = {6, 12, 24};

    public CumulativeIncidenceRequest {
        Objects.requireNonNull(endpoint, "endpoint");
        settings = Map.copyOf(settings);
        landmarks = landmarks.clone();
        subsets = List.copyOf(subsets);
    }

    /** R's defaults: 95 % limits, landmarks 6, 12, 24, every patient. */
    public static CumulativeIncidenceRequest defaults(String endpoint, String by) {
        return new CumulativeIncidenceRequest(endpoint, by, Map.of(), RDefaults.CONF_LEVEL,
                DEFAULT_LANDMARKS, Double.NaN, List.of());
    }

    /** Whether only patients still followed at {@link #from} are analysed. */
    public boolean hasFrom() {
        return !Double.isNaN(from);
    }

    @Override
    public double[] landmarks() {
        return landmarks.clone();
    }

    /** Equal requests have equal answers: arrays by value (a record's are by reference). */
    @Override
    public boolean equals(Object o) {
        return o instanceof CumulativeIncidenceRequest r && endpoint.equals(r.endpoint)
                && Objects.equals(by, r.by) && settings.equals(r.settings)
                && Double.compare(confLevel, r.confLevel) == 0
                && Arrays.equals(landmarks, r.landmarks) && Double.compare(from, r.from) == 0
                && subsets.equals(r.subsets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(endpoint, by, settings, confLevel, Arrays.hashCode(landmarks), from,
                subsets);
    }

    /** A key that identifies the request's answer, for caching. */
    public String cacheKey() {
        return String.join("|", "cif", endpoint, String.valueOf(by),
                new TreeMap<>(settings).toString(), Double.toString(confLevel),
                Arrays.toString(landmarks), Double.toString(from), String.join("&", subsets));
    }
}
