package io.oncosurv.stats;

/**
 * Fisher's exact test of an r × c table: the two-sided p and the number of tables with the
 * observed margins that were enumerated; or, too large to enumerate, p NaN and {@code tables}
 * the bound on their number that was over the limit ({@link FisherExact#tablesBound}, at most
 * {@link Long#MAX_VALUE}).
 */
public record FisherExactTest(double p, long tables, boolean tooLarge) {

    public static FisherExactTest of(double p, long tables) {
        return new FisherExactTest(p, tables, false);
    }

    public static FisherExactTest tooLarge(double bound) {
        return new FisherExactTest(Double.NaN, (long) Math.min(bound, Long.MAX_VALUE), true);
    }
}
