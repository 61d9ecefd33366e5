package io.oncosurv.server.worker;

import io.oncosurv.analysis.PanelEntry;
import io.oncosurv.analysis.SurvivalResult;
import java.util.List;
import java.util.Map;

/** The figures a PDF report embeds, as data: URIs (PNG). */
public interface Figures {

    String kaplanMeierDataUri(SurvivalResult result, String endpointLabel);

    /**
     * The panel's forest plot of one endpoint, titled with the subset ({@code subsetNames}, as
     * {@code SubsetNames} names them; empty: all patients), each stratifier's groups by their
     * display names ({@code groupNames}: label → name per stratifier), from the landmark start
     * {@code from} (NaN: none; else the title says it).
     */
    String forestDataUri(List<PanelEntry> entries, String endpoint, List<String> subsetNames,
            Map<String, Map<String, String>> groupNames, double from);
}
