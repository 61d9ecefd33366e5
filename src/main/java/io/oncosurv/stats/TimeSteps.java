package io.oncosurv.stats;

/**
 * A sample reduced to what every estimator here needs: its distinct times in increasing order
 * (after R's tie rule), and at each time, for each cell (stratum × group) with patients leaving
 * then, the number of events and of censorings. Entries of step j are
 * {@code start[j] .. start[j+1]-1}, in increasing cell order. With tied times (days, months to two
 * decimals) this is far smaller than the rows; with all-distinct times it has one entry per row.
 *
 * <p>Package-private and read directly by the estimators; arrays may be longer than used.
 */
final class TimeSteps {

    final int steps;
    final double[] time;
    final int[] start;
    final int[] cell;
    final int[] events;
    final int[] censored;

    TimeSteps(int steps, double[] time, int[] start, int[] cell, int[] events, int[] censored) {
        this.steps = steps;
        this.time = time;
        this.start = start;
        this.cell = cell;
        this.events = events;
        this.censored = censored;
    }
}
