package io.oncosurv.stats;

/**
 * Fisher's exact test of an r × c table: the two-sided p, or (too large to enumerate) NaN, with
 * the number of tables that would have had to be visited passed; {@code tables} counts the
 * tables with the observed margins that were enumerated.
 */
public record FisherExactTest(double p, long tables, boolean tooLarge) {

    public static FisherExactTest of(double p, long tables) {
        return new FisherExactTest(p, tables, false);
    }

    public static FisherExactTest tooLarge(long limit) {
        return new FisherExactTest(Double.NaN, limit, true);
    }
}
