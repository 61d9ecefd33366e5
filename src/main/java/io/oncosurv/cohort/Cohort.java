package io.oncosurv.cohort;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated cohort in columns: patient ids, endpoints in months, numeric columns (NaN =
 * missing; 0/1 flags as 0.0/1.0), text columns (null = missing), and the warnings found when it
 * was read. Immutable: the arrays are owned here and handed out as copies or by index.
 */
public final class Cohort {

    private final String[] patientIds;
    private final List<String> columns;
    private final Map<String, Endpoint> endpoints;
    private final Map<String, double[]> numbers;
    private final Map<String, String[]> texts;
    private final List<Problem> warnings;
    private final Map<String, Map<String, String>> valueLabels;
    private final Map<String, Exposure> exposures;

    Cohort(String[] patientIds, List<String> columns, Map<String, Endpoint> endpoints,
            Map<String, double[]> numbers, Map<String, String[]> texts, List<Problem> warnings) {
        this.patientIds = patientIds;
        this.columns = List.copyOf(columns);
        this.endpoints = Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
        this.numbers = Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
        this.texts = Collections.unmodifiableMap(new LinkedHashMap<>(texts));
        this.warnings = List.copyOf(warnings);
        this.valueLabels = Map.of();
        this.exposures = Map.of();
    }

    private Cohort(Cohort data, Map<String, Map<String, String>> valueLabels,
            Map<String, Exposure> exposures) {
        this.patientIds = data.patientIds;
        this.columns = data.columns;
        this.endpoints = data.endpoints;
        this.numbers = data.numbers;
        this.texts = data.texts;
        this.warnings = data.warnings;
        this.valueLabels = ValueLabels.copyOf(valueLabels);
        this.exposures = exposures;
    }

    /** The same data with these warnings (an ADTTE's, put back on its own rows). */
    Cohort withWarnings(List<Problem> located) {
        Cohort data = new Cohort(patientIds, columns, endpoints, numbers, texts, located);
        return new Cohort(data, valueLabels, exposures);
    }

    /** The same data with its exposures over time, in file order (as read). */
    Cohort withExposures(Map<String, Exposure> exposures) {
        return new Cohort(this, valueLabels, Collections.unmodifiableMap(
                new LinkedHashMap<>(exposures)));
    }

    /**
     * The same data with the cohort's labels of its columns' values (column → value → label,
     * as checked at upload), which name groups for a reader ({@link GroupNames}).
     */
    public Cohort withValueLabels(Map<String, Map<String, String>> labels) {
        return new Cohort(this, labels, exposures);
    }

    /** Every column's value labels (column → value → label), in the order given. */
    public Map<String, Map<String, String>> valueLabels() {
        return valueLabels;
    }

    /** A column's value labels (value → label); empty when it has none. */
    public Map<String, String> valueLabels(String column) {
        return valueLabels.getOrDefault(column, Map.of());
    }

    public int patients() {
        return patientIds.length;
    }

    /**
     * About how many bytes of heap the cohort holds (what a cache weighs it by): a number per
     * patient and numeric column, a reference per text cell (values repeat), and each patient's
     * id as a string of its own.
     */
    public long approximateBytes() {
        long n = patientIds.length;
        return 1024 + n * (8L * numbers.size() + 4L * texts.size() + 56);
    }

    public String patientId(int patient) {
        return patientIds[patient];
    }

    /** The header's column names as normalised (trimmed, lower case), in file order. */
    public List<String> columns() {
        return columns;
    }

    /** Endpoint names (os, pfs, ...), in the order found. */
    public List<String> endpointNames() {
        return List.copyOf(endpoints.keySet());
    }

    public Optional<Endpoint> endpoint(String name) {
        return Optional.ofNullable(endpoints.get(name));
    }

    /**
     * Names of the exposures that start during follow-up ({@code antibiotics} for a column
     * {@code antibiotics_start_days}), in file order. Their columns are listed in
     * {@link #columns()} but hold neither numbers nor text: they are no covariates.
     */
    public List<String> exposureNames() {
        return List.copyOf(exposures.keySet());
    }

    public Optional<Exposure> exposure(String name) {
        return Optional.ofNullable(exposures.get(name));
    }

    /** Whether a column holds numbers (known numeric, 0/1 flag, or an all-numeric covariate). */
    public boolean isNumeric(String column) {
        return numbers.containsKey(column);
    }

    /** Whether a column holds text (arm, disease_state, or any covariate, as written). */
    public boolean isText(String column) {
        return texts.containsKey(column);
    }

    /** A numeric column's value for a patient, NaN when missing. */
    public double number(String column, int patient) {
        return numbers.get(column)[patient];
    }

    /** A text column's value for a patient, null when missing. */
    public String text(String column, int patient) {
        return texts.get(column)[patient];
    }

    /** A copy of a numeric column. */
    public double[] numbers(String column) {
        return numbers.get(column).clone();
    }

    public List<Problem> warnings() {
        return warnings;
    }
}
