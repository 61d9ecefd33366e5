package io.oncosurv.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * The design columns that on their own separate a 0/1 outcome (rows of weight 0 left out): all
 * rows with outcome 1 on one side of all rows with outcome 0, strictly (complete) or meeting at
 * one value (quasi-complete). With an intercept in the model either makes the logistic
 * maximum-likelihood estimate not exist (Albert and Anderson 1984). A constant column separates
 * nothing; nor does anything when only one outcome occurs. Separation by several columns
 * together is not searched for: R's fitted-probabilities warning covers it.
 */
final class Separations {

    private Separations() {
    }

    static List<LogisticFit.Separation> of(double[][] columns, double[] y, double[] w) {
        List<LogisticFit.Separation> found = new ArrayList<>();
        for (int k = 0; k < columns.length; k++) {
            double min0 = Double.POSITIVE_INFINITY;
            double max0 = Double.NEGATIVE_INFINITY;
            double min1 = Double.POSITIVE_INFINITY;
            double max1 = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < y.length; i++) {
                if (w[i] <= 0) {
                    continue;
                }
                double v = columns[k][i];
                if (y[i] == 1) {
                    min1 = Math.min(min1, v);
                    max1 = Math.max(max1, v);
                } else {
                    min0 = Math.min(min0, v);
                    max0 = Math.max(max0, v);
                }
            }
            boolean bothOutcomes = min0 <= max0 && min1 <= max1;
            boolean constant = Math.max(max0, max1) == Math.min(min0, min1);
            if (!bothOutcomes || constant) {
                continue;
            }
            if (max0 <= min1) {
                found.add(new LogisticFit.Separation(k, max0 < min1, 1));
            } else if (max1 <= min0) {
                found.add(new LogisticFit.Separation(k, max1 < min0, 0));
            }
        }
        return found;
    }
}
