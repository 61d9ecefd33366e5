package io.oncosurv.server;

import io.oncosurv.analysis.PanelEntry;
import io.oncosurv.analysis.SurvivalResult;
import java.util.List;
import java.util.Map;

/** The figures a PDF report embeds, as data: URIs (PNG). */
interface Figures {

    String kaplanMeierDataUri(SurvivalResult result, String endpointLabel);

    /** @param groupNames each stratifier's group display names (label → name) */
    String forestDataUri(List<PanelEntry> entries, String endpoint,
            Map<String, Map<String, String>> groupNames);
}
