package io.oncosurv.cohort;

/**
 * One fault in an uploaded file, located so that a statistician can fix it: the row (the header is
 * row 1, the first patient row 2; 0 when the fault is in the file as a whole), the column (null
 * when no one column is at fault) and what was expected.
 */
public record Problem(int row, String column, String message) {

    public static Problem ofFile(String message) {
        return new Problem(0, null, message);
    }
}
