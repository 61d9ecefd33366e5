package io.oncosurv.server;

import io.oncosurv.analysis.PanelEntry;
import io.oncosurv.analysis.SurvivalResult;
import java.util.List;

/** The figures a PDF report embeds, as data: URIs (PNG). */
interface Figures {

    String kaplanMeierDataUri(SurvivalResult result, String endpointLabel);

    String forestDataUri(List<PanelEntry> entries, String endpoint);

    /** The forest plot of a subset's panel, titled with the subset ({@code subsets} none: all). */
    String forestDataUri(List<PanelEntry> entries, String endpoint, List<String> subsets);
}
