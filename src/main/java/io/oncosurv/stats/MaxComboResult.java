package io.oncosurv.stats;

import java.util.List;

/**
 * A MaxCombo test: the weightings used, their standardized statistics z (for the second group),
 * the correlation matrix of the z, the statistic max |z| and its two-sided p-value from the
 * multivariate normal law. Empty, with NaN statistic and p, when no weighting had information.
 */
public record MaxComboResult(List<Weighting> weightings, double[] z, double[][] correlation,
        double statistic, double p) {

    public MaxComboResult {
        weightings = List.copyOf(weightings);
        z = z.clone();
        correlation = copy(correlation);
    }

    @Override
    public double[] z() {
        return z.clone();
    }

    @Override
    public double[][] correlation() {
        return copy(correlation);
    }

    private static double[][] copy(double[][] matrix) {
        double[][] copy = new double[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            copy[i] = matrix[i].clone();
        }
        return copy;
    }
}
