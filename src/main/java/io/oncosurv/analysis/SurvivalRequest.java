package io.oncosurv.analysis;

import io.oncosurv.stats.ConfType;
import io.oncosurv.stats.RDefaults;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parameters of a survival query (shared/contract/api.md): the endpoint; the stratifier
 * {@code by} (null: one group, "all") with its settings ({@code cutoff}, ...); CI type and level;
 * landmark times; the RMST horizon {@code tau} (NaN: the smallest of the groups' largest
 * follow-up); the test's rho; a stratifier for a stratified test (null: none); subsets
 * {@code COLUMN:VALUE}, combined with AND; further tests (weighted, MaxCombo, trend); and the
 * landmark start {@code from} (NaN: none; else only patients with time >= from, as R's
 * {@code survfit(..., start.time = from)}).
 */
public record SurvivalRequest(String endpoint, String by, Map<String, Double> settings,
        ConfType confType, double confLevel, double[] landmarks, double tau, double rho,
        String strata, List<String> subsets, ExtraTests tests, double from) {

    public SurvivalRequest {
        settings = Map.copyOf(settings);
        landmarks = landmarks.clone();
        subsets = List.copyOf(subsets);
    }

    /** A request of every patient (no landmark start). */
    public SurvivalRequest(String endpoint, String by, Map<String, Double> settings,
            ConfType confType, double confLevel, double[] landmarks, double tau, double rho,
            String strata, List<String> subsets, ExtraTests tests) {
        this(endpoint, by, settings, confType, confLevel, landmarks, tau, rho, strata, subsets,
                tests, Double.NaN);
    }

    /** Whether only patients still followed at {@link #from} are analysed. */
    public boolean hasFrom() {
        return !Double.isNaN(from);
    }

    /** R's defaults: log CI at 95 %, landmarks 6, 12, 24, default tau, log-rank. */
    public static SurvivalRequest defaults(String endpoint, String by) {
        return builder(endpoint).by(by).build();
    }

    /** A request of {@code endpoint} with R's defaults, each part set by name. */
    public static Builder builder(String endpoint) {
        return new Builder(endpoint);
    }

    /** The same request with other further tests. */
    public SurvivalRequest withTests(ExtraTests other) {
        return new SurvivalRequest(endpoint, by, settings, confType, confLevel, landmarks, tau,
                rho, strata, subsets, other, from);
    }

    /** The same request on the patients of {@code other} subsets ({@code COLUMN:VALUE}). */
    public SurvivalRequest withSubsets(List<String> other) {
        return new SurvivalRequest(endpoint, by, settings, confType, confLevel, landmarks, tau,
                rho, strata, other, tests, from);
    }

    /** The same request from the landmark start {@code start} (NaN: every patient). */
    public SurvivalRequest withFrom(double start) {
        return new SurvivalRequest(endpoint, by, settings, confType, confLevel, landmarks, tau,
                rho, strata, subsets, tests, start);
    }

    @Override
    public double[] landmarks() {
        return landmarks.clone();
    }

    /** Equal requests have equal answers: arrays by value (a record's are by reference). */
    @Override
    public boolean equals(Object o) {
        return o instanceof SurvivalRequest r && endpoint.equals(r.endpoint)
                && java.util.Objects.equals(by, r.by) && settings.equals(r.settings)
                && confType == r.confType && Double.compare(confLevel, r.confLevel) == 0
                && Arrays.equals(landmarks, r.landmarks) && Double.compare(tau, r.tau) == 0
                && Double.compare(rho, r.rho) == 0 && java.util.Objects.equals(strata, r.strata)
                && subsets.equals(r.subsets) && tests.equals(r.tests)
                && Double.compare(from, r.from) == 0;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(endpoint, by, settings, confType, confLevel,
                Arrays.hashCode(landmarks), tau, rho, strata, subsets, tests, from);
    }

    /** A key that identifies the request's answer, for caching. */
    public String cacheKey() {
        return String.join("|", endpoint, String.valueOf(by), new TreeMap<>(settings)
                .toString(), confType.rName(), Double.toString(confLevel),
                Arrays.toString(landmarks), Double.toString(tau), Double.toString(rho),
                String.valueOf(strata), String.join("&", subsets), tests.cacheKey(),
                Double.toString(from));
    }

    /** Named parts over R's defaults ({@link #defaults}): what is not set stays R's. */
    public static final class Builder {
        private final String endpoint;
        private String by;
        private Map<String, Double> settings = Map.of();
        private ConfType confType = RDefaults.CONF_TYPE;
        private double confLevel = RDefaults.CONF_LEVEL;
        private double[] landmarks = {6, 12, 24};
        private double tau = Double.NaN;
        private double rho = RDefaults.RHO;
        private String strata;
        private List<String> subsets = List.of();
        private ExtraTests tests = ExtraTests.none();
        private double from = Double.NaN;

        private Builder(String endpoint) {
            this.endpoint = endpoint;
        }

        /** The stratifier (null: all patients, one group). */
        public Builder by(String name) {
            this.by = name;
            return this;
        }

        /** The stratifier's settings: {@code cutoff}, {@code tps_cutoff}, ... */
        public Builder settings(Map<String, Double> values) {
            this.settings = values;
            return this;
        }

        public Builder confidence(ConfType type, double level) {
            this.confType = type;
            this.confLevel = level;
            return this;
        }

        public Builder landmarks(double... times) {
            this.landmarks = times.clone();
            return this;
        }

        /** The RMST horizon (NaN: the smallest of the groups' largest follow-up). */
        public Builder tau(double horizon) {
            this.tau = horizon;
            return this;
        }

        public Builder rho(double value) {
            this.rho = value;
            return this;
        }

        /** A stratifier for a stratified test (null: none). */
        public Builder strata(String name) {
            this.strata = name;
            return this;
        }

        public Builder subsets(List<String> columnValues) {
            this.subsets = columnValues;
            return this;
        }

        public Builder tests(ExtraTests further) {
            this.tests = further;
            return this;
        }

        /** The landmark start: only patients with time >= start (NaN: every patient). */
        public Builder from(double start) {
            this.from = start;
            return this;
        }

        public SurvivalRequest build() {
            return new SurvivalRequest(endpoint, by, settings, confType, confLevel, landmarks,
                    tau, rho, strata, subsets, tests, from);
        }
    }
}
