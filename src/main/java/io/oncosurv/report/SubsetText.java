package io.oncosurv.report;

import java.util.ArrayList;
import java.util.List;

/**
 * How a subset ({@code subset=arm:EGFR-TKI}) is named where a reader meets it: in titles and
 * figure captions ("subset arm = EGFR-TKI") and in the names of downloaded files
 * ("-subset-arm-EGFR-TKI"), so an analysis of some patients never passes for one of all.
 */
public final class SubsetText {

    private SubsetText() {
    }

    /**
     * The subsets' names joined, "arm = EGFR-TKI and NLR ≥ 5", or null without a subset; the
     * names are the analysis's ({@code SurvivalResult.subsetNames}, {@code SubsetNames}), or
     * {@link #plain} for subsets no analysis has read.
     */
    public static String caption(List<String> names) {
        return names.isEmpty() ? null : String.join(" and ", names);
    }

    /** A title with its subset: "Overall survival by NLR (subset arm = EGFR-TKI)". */
    public static String title(String title, List<String> names) {
        String caption = caption(names);
        return caption == null ? title : title + " (subset " + caption + ")";
    }

    /** Subsets as written, "arm:EGFR-TKI" → "arm = EGFR-TKI" (an error page's title). */
    public static List<String> plain(List<String> subsets) {
        List<String> parts = new ArrayList<>();
        for (String s : subsets) {
            int colon = s.indexOf(':');
            parts.add(colon <= 0 ? s.strip() : s.substring(0, colon).strip() + " = "
                    + s.substring(colon + 1).strip());
        }
        return parts;
    }

    /**
     * The part a file name gets from the subsets: "" without one, else "-subset-arm-EGFR-TKI";
     * only letters, digits, '.', '_' and '-' (safe in a Content-Disposition header).
     */
    public static String fileSuffix(List<String> subsets) {
        StringBuilder out = new StringBuilder();
        for (String s : subsets) {
            String clean = s.strip().replaceAll("[^A-Za-z0-9._-]+", "-")
                    .replaceAll("^-+|-+$", "");
            if (!clean.isEmpty()) {
                out.append(out.isEmpty() ? "-subset-" : "-").append(clean);
            }
        }
        return out.length() > 120 ? out.substring(0, 120) : out.toString();
    }
}
