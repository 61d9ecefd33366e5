package io.oncosurv.testsupport;

/** Picking and reordering rows of parallel primitive arrays, for tests. */
public final class Rows {

    private Rows() {
    }

    /** {@code values[rows[0]], values[rows[1]], ...}. */
    public static double[] pick(double[] values, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }

    public static boolean[] pick(boolean[] values, int[] rows) {
        boolean[] out = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }

    public static int[] pick(int[] values, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }
}
