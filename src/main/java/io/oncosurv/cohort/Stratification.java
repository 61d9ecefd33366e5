package io.oncosurv.cohort;

import java.util.List;
import java.util.Map;

/**
 * Patients split into labelled groups by a stratifier: {@code code(p)} is the index of the
 * patient's label, or -1 when a value the stratifier needs is missing (the patient is left out of
 * the analysis). The first label is the reference level. {@code cutoffs} records the cut-offs
 * used (defaults included), for reports and methods text. {@code ordered} says whether the labels
 * run from low to high (PD-L1 bands, LIPI, a cut numeric column), so that a test for trend means
 * something; categories as written (an arm, a combination) are not. {@code valueLabels} are the
 * cohort's labels of a categorical column's values (value → label; empty: none), for display.
 */
public record Stratification(String stratifier, List<String> labels, int[] codes,
        Map<String, Double> cutoffs, boolean ordered, Map<String, String> valueLabels) {

    public Stratification {
        labels = List.copyOf(labels);
        codes = codes.clone();
        cutoffs = Map.copyOf(cutoffs);
        valueLabels = Map.copyOf(valueLabels);
    }

    /** A stratification whose groups have no value labels. */
    public Stratification(String stratifier, List<String> labels, int[] codes,
            Map<String, Double> cutoffs, boolean ordered) {
        this(stratifier, labels, codes, cutoffs, ordered, Map.of());
    }

    @Override
    public int[] codes() {
        return codes.clone();
    }

    public int code(int patient) {
        return codes[patient];
    }

    /** Each label's display name, in label order ({@link GroupNames}). */
    public List<String> displayNames() {
        return labels.stream().map(l -> GroupNames.of(stratifier, l, cutoffs, valueLabels))
                .toList();
    }

    /** Patients left out for a missing value. */
    public int excluded() {
        int n = 0;
        for (int c : codes) {
            n += c < 0 ? 1 : 0;
        }
        return n;
    }
}
