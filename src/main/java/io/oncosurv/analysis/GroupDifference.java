package io.oncosurv.analysis;

/**
 * The test of a difference between the groups on one row of the baseline table: which test,
 * its statistic and degrees of freedom (NaN and 0 for Fisher's exact test), its p, and, when no
 * p could be given ({@link Kind#NONE}, or a Fisher table too large), why.
 */
public record GroupDifference(Kind kind, double statistic, int df, double p, String reason) {

    /** The tests, by R's function. */
    public enum Kind {
        /** {@code kruskal.test}: numbers. */
        KRUSKAL_WALLIS("kruskal-wallis"),
        /** {@code chisq.test(correct = FALSE)}: categories, every expected count 5 or more. */
        CHI_SQUARE("chi-square"),
        /** {@code fisher.test}: categories with an expected count under 5. */
        FISHER("fisher"),
        /** No test: fewer than two groups or levels with values. */
        NONE("none");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        /** The name written in JSON and CSV. */
        public String key() {
            return key;
        }
    }

    public static GroupDifference none(String reason) {
        return new GroupDifference(Kind.NONE, Double.NaN, 0, Double.NaN, reason);
    }
}
