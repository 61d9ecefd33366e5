package io.oncosurv.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.testsupport.ReferenceCsv;
import io.oncosurv.testsupport.SharedReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The seeded permutation p-value of the maximally selected statistic. */
class MaxStatPermutationTest {

    private static MaxStat.Result veteran(String variable, int permutations, long seed) {
        ReferenceCsv csv = SharedReference.csv("veteran.csv");
        int n = csv.size();
        double[] time = new double[n];
        boolean[] event = new boolean[n];
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            time[i] = csv.number(i, "os_months");
            event[i] = csv.number(i, "os_event") == 1;
            x[i] = csv.number(i, variable);
        }
        return MaxStat.test(time, event, x, permutations, seed);
    }

    @Test
    @DisplayName("the same seed gives the same p; a strong cut (karno) is rare under permutation, "
            + "a weak one (diagtime) is not")
    void permutationP() {
        MaxStat.Result karno = veteran("karno", 999, 42);
        assertEquals(karno.pPermutation(), veteran("karno", 999, 42).pPermutation(), 0);
        assertEquals(999, karno.permutations());
        assertEquals(1.0 / 1000, karno.pPermutation(), 0); // M = 4.62: never reached by chance
        MaxStat.Result diagtime = veteran("diagtime", 999, 42);
        assertTrue(diagtime.pPermutation() > 0.5, "diagtime p " + diagtime.pPermutation());
        // the permutation p is never below the smallest possible, 1 / (B + 1)
        assertTrue(diagtime.pPermutation() >= 1.0 / 1000);
    }
}
