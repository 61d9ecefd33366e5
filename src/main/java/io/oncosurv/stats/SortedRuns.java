package io.oncosurv.stats;

/** Merging of sorted runs of doubles without a second full sort. */
final class SortedRuns {

    private SortedRuns() {
    }

    /**
     * Writes the distinct values of all runs, each sorted ascending, into {@code out} in
     * ascending order, using a binary heap over the runs' heads.
     *
     * @return how many distinct values were written
     */
    static int mergeDistinct(double[][] runs, double[] out) {
        int[] position = new int[runs.length];
        int[] heap = new int[runs.length];
        int size = 0;
        for (int r = 0; r < runs.length; r++) {
            if (runs[r].length > 0) {
                heap[size] = r;
                siftUp(heap, size, runs, position);
                size++;
            }
        }
        int count = 0;
        while (size > 0) {
            int r = heap[0];
            double v = runs[r][position[r]];
            if (count == 0 || out[count - 1] != v) {
                out[count++] = v;
            }
            position[r]++;
            if (position[r] == runs[r].length) {
                heap[0] = heap[--size];
            }
            siftDown(heap, size, runs, position);
        }
        return count;
    }

    private static double head(int r, double[][] runs, int[] position) {
        return runs[r][position[r]];
    }

    private static void siftUp(int[] heap, int at, double[][] runs, int[] position) {
        int r = heap[at];
        double v = head(r, runs, position);
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (head(heap[parent], runs, position) <= v) {
                break;
            }
            heap[at] = heap[parent];
            at = parent;
        }
        heap[at] = r;
    }

    private static void siftDown(int[] heap, int size, double[][] runs, int[] position) {
        if (size == 0) {
            return;
        }
        int at = 0;
        int r = heap[0];
        double v = head(r, runs, position);
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size
                    && head(heap[child + 1], runs, position) < head(heap[child], runs, position)) {
                child++;
            }
            if (head(heap[child], runs, position) >= v) {
                break;
            }
            heap[at] = heap[child];
            at = child;
        }
        heap[at] = r;
    }
}
