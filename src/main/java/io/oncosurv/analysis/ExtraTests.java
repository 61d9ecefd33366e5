package io.oncosurv.analysis;

import io.oncosurv.stats.Weighting;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The tests asked for beside the main (rho) test of a survival query: named weighted log-rank
 * tests, MaxCombo (two groups), and the test for trend across ordered groups with optional
 * scores (empty: 1..k in group order); and the Cox hazard ratios of the groups against the first
 * ({@code hr}). {@code all} asks for everything that applies: MaxCombo only with two groups, trend
 * only with ordered groups or scores, rather than an error.
 */
public record ExtraTests(List<Weighting> weighted, boolean maxCombo, boolean trend,
        double[] scores, boolean all, boolean hazardRatios) {

    /** Every named weighting, in the order a report lists them. */
    public static final List<Weighting> ALL_WEIGHTED = List.of(Weighting.logRank(),
            Weighting.of(Weighting.Kind.GEHAN_BRESLOW), Weighting.of(Weighting.Kind.TARONE_WARE),
            Weighting.of(Weighting.Kind.PETO_PETO), Weighting.of(Weighting.Kind.MODIFIED_PETO),
            Weighting.flemingHarrington(0, 1), Weighting.flemingHarrington(1, 0),
            Weighting.flemingHarrington(1, 1));

    public ExtraTests {
        weighted = List.copyOf(weighted);
        scores = scores.clone();
    }

    @Override
    public double[] scores() {
        return scores.clone();
    }

    /** Equal when asking for the same tests: scores by value. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ExtraTests t && weighted.equals(t.weighted) && maxCombo == t.maxCombo
                && trend == t.trend && Arrays.equals(scores, t.scores) && all == t.all
                && hazardRatios == t.hazardRatios;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(weighted, maxCombo, trend, Arrays.hashCode(scores), all,
                hazardRatios);
    }

    public static ExtraTests none() {
        return new ExtraTests(List.of(), false, false, new double[0], false, false);
    }

    /** The same with the hazard ratios asked for (or not). */
    public ExtraTests withHazardRatios(boolean asked) {
        return new ExtraTests(weighted, maxCombo, trend, scores, all, asked);
    }

    public boolean isEmpty() {
        return weighted.isEmpty() && !maxCombo && !trend && !hazardRatios;
    }

    /**
     * A comma list of names: {@code all}, {@code maxcombo}, {@code trend}, {@code hr} or a weighting
     * ({@link Weighting#parse}); commas inside {@code fh(rho,gamma)} belong to it.
     *
     * @throws IllegalArgumentException naming the unknown entry
     */
    public static ExtraTests parse(String text, double[] scores) {
        LinkedHashSet<Weighting> weighted = new LinkedHashSet<>();
        boolean maxCombo = false;
        boolean trend = false;
        boolean all = false;
        boolean hazardRatios = false;
        for (String name : splitOutsideParentheses(text)) {
            switch (name.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "" -> {
                }
                case "all" -> {
                    weighted.addAll(ALL_WEIGHTED);
                    maxCombo = true;
                    trend = true;
                    all = true;
                    hazardRatios = true;
                }
                case "maxcombo" -> maxCombo = true;
                case "trend" -> trend = true;
                case "hr" -> hazardRatios = true;
                default -> weighted.add(Weighting.parse(name));
            }
        }
        return new ExtraTests(new ArrayList<>(weighted), maxCombo, trend, scores, all,
                hazardRatios);
    }

    /** A key for caching. */
    String cacheKey() {
        StringBuilder key = new StringBuilder();
        for (Weighting w : weighted) {
            key.append(w.label()).append(';');
        }
        return key.append(maxCombo).append(';').append(trend).append(';').append(all).append(';')
                .append(hazardRatios).append(';')
                .append(Arrays.toString(scores)).toString();
    }

    private static List<String> splitOutsideParentheses(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
