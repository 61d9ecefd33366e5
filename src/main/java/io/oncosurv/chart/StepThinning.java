package io.oncosurv.chart;

import io.oncosurv.stats.SurvivalCurve;
import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

/**
 * Which points of a Kaplan–Meier curve to draw on a grid of {@code columns} × {@code columns}
 * cells over the plot's ranges (time 0..axis max, survival 0..1): a cell no larger than a pixel.
 *
 * <p>Steps: a point where the curve does not drop (censorings only) changes nothing in the drawn
 * path and is dropped; of the drops that fall in one grid column only the last is kept. The
 * thinned path then runs flat to that last drop and falls there by the column's whole drop, so
 * every point of the full path lies less than one column from the thinned path, and the other
 * way round: the two differ by less than a pixel. The last point (the end of follow-up) is always
 * kept. Confidence limits change only at drops, so the band is drawn at the same points.
 *
 * <p>Censor marks: one per grid cell (marks in one cell would be drawn on top of each other).
 *
 * <p>{@code columns} = 0 keeps every point of the curve and every censored time.
 */
public final class StepThinning {

    private StepThinning() {
    }

    /** Indices of the curve points to draw, ascending. */
    public static int[] steps(SurvivalCurve curve, double axisMax, int columns) {
        return steps(curve.size(), curve::time, curve::survival, 1, axisMax, columns);
    }

    /**
     * The same for any step function: n points of ascending {@code time} where it takes the value
     * {@code level}, starting from {@code start} (a cumulative incidence rises from 0 instead of
     * falling from 1: only a change of level counts, not its direction).
     */
    static int[] steps(int n, IntToDoubleFunction time, IntToDoubleFunction level, double start,
            double axisMax, int columns) {
        if (columns == 0) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int[] kept = new int[Math.min(n, 2 * columns + 2)];
        int count = 0;
        double before = start; // the level before the point being read
        int pending = -1; // the last drop seen in the current column, not yet kept
        long pendingColumn = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            double s = level.applyAsDouble(i);
            if (s != before) {
                long column = column(time.applyAsDouble(i), axisMax, columns);
                if (pending >= 0 && column != pendingColumn) {
                    kept = append(kept, count++, pending);
                }
                pending = i;
                pendingColumn = column;
                before = s;
            }
        }
        if (pending >= 0) {
            kept = append(kept, count++, pending);
        }
        if (n > 0 && (count == 0 || kept[count - 1] != n - 1)) {
            kept = append(kept, count++, n - 1); // the curve runs on to the last time
        }
        return Arrays.copyOf(kept, count);
    }

    /** Indices of the points with a censoring, at most one per grid cell, ascending. */
    static int[] censorMarks(SurvivalCurve curve, double axisMax, int columns) {
        int n = curve.size();
        int[] marks = new int[16];
        int count = 0;
        long lastCell = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            if (curve.nCensor(i) == 0) {
                continue;
            }
            if (columns > 0) {
                // time rises and survival falls along the curve: equal cells are neighbours
                long cell = column(curve.time(i), axisMax, columns) * (columns + 1L)
                        + (long) Math.floor(curve.survival(i) * columns);
                if (cell == lastCell) {
                    continue;
                }
                lastCell = cell;
            }
            marks = append(marks, count++, i);
        }
        return Arrays.copyOf(marks, count);
    }

    static long column(double time, double axisMax, int columns) {
        return (long) Math.floor(time / axisMax * columns);
    }

    private static int[] append(int[] array, int at, int value) {
        int[] out = at < array.length ? array : Arrays.copyOf(array, Math.max(16, 2 * at));
        out[at] = value;
        return out;
    }
}
