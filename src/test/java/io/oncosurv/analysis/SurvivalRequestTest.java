package io.oncosurv.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.stats.ConfType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A survival request built by name over R's defaults, and compared by value (a cache key). */
class SurvivalRequestTest {

    @Test
    @DisplayName("the builder starts from R's defaults: log CI at 95 %, landmarks 6/12/24, tau "
            + "NaN, rho 0, no strata, subsets or further tests")
    void rDefaults() {
        SurvivalRequest r = SurvivalRequest.builder("os").build();
        assertNull(r.by());
        assertEquals(ConfType.LOG, r.confType());
        assertEquals(0.95, r.confLevel());
        assertArrayEquals(new double[] {6, 12, 24}, r.landmarks());
        assertTrue(Double.isNaN(r.tau()));
        assertEquals(0.0, r.rho());
        assertNull(r.strata());
        assertEquals(List.of(), r.subsets());
        assertEquals(ExtraTests.none(), r.tests());
        assertEquals(SurvivalRequest.defaults("os", "lipi"),
                SurvivalRequest.builder("os").by("lipi").build());
    }

    @Test
    @DisplayName("two requests with equal parts are equal with one hash, landmarks compared by "
            + "value; any part that differs makes them differ")
    void equalByValue() {
        SurvivalRequest a = SurvivalRequest.builder("pfs").by("cd8")
                .settings(Map.of("cutoff", 150.0)).landmarks(12, 24).tau(36).build();
        SurvivalRequest b = SurvivalRequest.builder("pfs").by("cd8")
                .settings(Map.of("cutoff", 150.0)).landmarks(new double[] {12, 24}).tau(36)
                .build();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, SurvivalRequest.builder("pfs").by("cd8")
                .settings(Map.of("cutoff", 150.0)).landmarks(12, 36).tau(36).build());
        assertNotEquals(a, SurvivalRequest.builder("pfs").by("cd8")
                .settings(Map.of("cutoff", 150.0)).landmarks(12, 24).tau(36)
                .subsets(List.of("arm:ICI")).build());
        assertNotEquals(a, SurvivalRequest.builder("pfs").by("cd8")
                .settings(Map.of("cutoff", 150.0)).landmarks(12, 24).tau(36)
                .confidence(ConfType.PLAIN, 0.95).build());
    }
}
