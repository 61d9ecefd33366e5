package io.oncosurv.server.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.testsupport.SampleCohorts;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CachesTest {

    @Test
    @DisplayName("parsed cohorts are held by their heap weight, not their count: past the budget "
            + "some go (Caffeine's admission picks which)")
    void cohortsAreWeighed() {
        Cohort cohort = SampleCohorts.cohort("synthetic-ici-oligometastatic.csv");
        long weight = cohort.approximateBytes();
        // 300 patients: a number per numeric column, a reference per text cell, an id each
        assertTrue(weight > 300L * 56 && weight < 300L * 1024, "weight " + weight);
        Caches caches = new Caches(2 * weight + weight / 2);
        caches.cohorts.put("a", cohort);
        caches.cohorts.put("b", cohort);
        caches.cohorts.put("c", cohort);
        caches.cohorts.cleanUp();
        assertEquals(2, caches.cohorts.estimatedSize());
        assertEquals(2, caches.cohorts.asMap().size());
    }

    @Test
    @DisplayName("the default budget is a quarter of the heap, at least 64 MB")
    void defaultBudget() {
        assertEquals(Math.max(64L << 20, Runtime.getRuntime().maxMemory() / 4),
                Caches.COHORT_BYTES);
        Caches caches = new Caches();
        assertNull(caches.cohorts.getIfPresent("none"));
    }
}
