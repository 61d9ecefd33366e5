package io.oncosurv.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Ranks as R 4.2.2's {@code qr(x)$rank} (default tol 1e-7) reports them, noted per matrix. */
class QrRankTest {

    @Test
    @DisplayName("full, deficient and zero matrices get R's qr() rank")
    void ranksAsR() {
        // qr(diag(c(1, 1e-9)))$rank: 2 (a column is judged against its own norm)
        assertEquals(2, rank(new double[][] {{1, 0}, {0, 1e-9}}));
        assertEquals(2, rank(new double[][] {{1e-9, 0}, {0, 1}}));
        // qr(matrix(c(1, 1, 1, 1 + 1e-9), 2))$rank: 1
        assertEquals(1, rank(new double[][] {{1, 1}, {1, 1 + 1e-9}}));
        // qr(matrix(c(1, 2, 2, 4 + 1e-6), 2))$rank: 1
        assertEquals(1, rank(new double[][] {{1, 2}, {2, 4 + 1e-6}}));
        // qr(matrix(0, 2, 2))$rank: 0
        assertEquals(0, rank(new double[][] {{0, 0}, {0, 0}}));
        // qr(matrix(c(4, 2, 2, 2, 2, 1, 2, 1, 0.5 + 1e-12), 3))$rank: 3
        assertEquals(3, rank(new double[][] {{4, 2, 2}, {2, 2, 1}, {2, 1, 0.5 + 1e-12}}));
        // qr(matrix(c(2, 1, 0, 1, 2, 1, 0, 1, 2), 3))$rank: 3
        assertEquals(3, rank(new double[][] {{2, 1, 0}, {1, 2, 1}, {0, 1, 2}}));
    }

    private static int rank(double[][] m) {
        return QrRank.of(m, QrRank.R_TOLERANCE);
    }
}
