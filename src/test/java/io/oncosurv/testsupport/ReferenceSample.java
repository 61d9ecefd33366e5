package io.oncosurv.testsupport;

import java.util.ArrayList;
import java.util.List;

/**
 * The primitive arrays of one R reference analysis: rows with a missing time, event or grouping
 * value dropped (as R's model frame drops them), groups coded in the reference's level order.
 */
public record ReferenceSample(double[] time, boolean[] event, int[] group, List<String> levels) {

    /**
     * @param groupColumn the grouping column, or null for one group
     * @param levels      the level order of the reference (first = reference level)
     */
    public static ReferenceSample of(ReferenceCsv csv, String timeColumn, String eventColumn,
            String groupColumn, List<String> levels) {
        List<Integer> keep = new ArrayList<>();
        for (int r = 0; r < csv.size(); r++) {
            boolean present = !csv.text(r, timeColumn).isEmpty()
                    && !csv.text(r, eventColumn).isEmpty()
                    && (groupColumn == null || !csv.text(r, groupColumn).isEmpty());
            if (present) {
                keep.add(r);
            }
        }
        double[] time = new double[keep.size()];
        boolean[] event = new boolean[keep.size()];
        int[] group = new int[keep.size()];
        for (int i = 0; i < keep.size(); i++) {
            int r = keep.get(i);
            time[i] = csv.number(r, timeColumn);
            event[i] = csv.number(r, eventColumn) == 1;
            if (groupColumn != null) {
                group[i] = levels.indexOf(csv.text(r, groupColumn));
                if (group[i] < 0) {
                    throw new IllegalStateException("level " + csv.text(r, groupColumn)
                            + " not among " + levels);
                }
            }
        }
        return new ReferenceSample(time, event, group, levels);
    }

    public int groups() {
        return levels.size();
    }
}
