package io.oncosurv.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.oncosurv.analysis.PanelEntry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The panel page from a landmark start: its title, note count and links keep the start. */
class PanelViewFromTest {

    private static PanelEntry skipped(String endpoint, String cause, int excluded) {
        return new PanelEntry("lipi", endpoint, "skipped", "a single group", Double.NaN,
                Double.NaN, Double.NaN, List.of(), cause, Double.NaN, excluded, null);
    }

    @Test
    @DisplayName("from 6.5 with a subset: title, the endpoint's n_excluded, and the start last "
            + "in the table and figure links")
    void fromWithSubset() {
        PanelView view = PanelView.of("os", List.of(skipped("pfs", null, 9),
                skipped("os", null, 4)), Map.of(), List.of("arm:ICI"), List.of("arm = ICI"),
                6.5, List.of());
        assertEquals("TME panel, overall survival, from 6.5 months (landmark) (subset arm = ICI)",
                view.title());
        assertEquals(4, view.excluded(), "the shown endpoint's count, not the first entry's");
        assertEquals("subset=arm%3AICI&from=6.5", view.tableQuery());
        assertEquals("&subset=arm%3AICI&from=6.5", view.figureQuery());
    }

    @Test
    @DisplayName("on a cause from 6: endpoint and cause first, then the start; without a start "
            + "no from anywhere")
    void fromOnCause() {
        PanelView view = PanelView.of("pfs", List.of(skipped("pfs", "local", 144)), Map.of(),
                List.of(), List.of(), 6, List.of());
        assertEquals("endpoint=pfs&cause=local&from=6", view.tableQuery());
        assertEquals("6", view.fromMonths());
        PanelView none = PanelView.of("pfs", List.of(skipped("pfs", null, 0)), Map.of(),
                List.of(), List.of());
        assertEquals("", none.tableQuery());
        assertEquals("", none.figureQuery());
        assertNull(none.fromMonths());
        assertEquals("TME panel, progression-free survival", none.title());
    }
}
