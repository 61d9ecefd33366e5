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

    /** "arm = EGFR-TKI and sex = 2", or null without a subset. */
    public static String caption(List<String> subsets) {
        if (subsets.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (String s : subsets) {
            int colon = s.indexOf(':');
            parts.add(colon <= 0 ? s.strip() : s.substring(0, colon).strip() + " = "
                    + s.substring(colon + 1).strip());
        }
        return String.join(" and ", parts);
    }

    /** A title with its subset: "Overall survival by NLR (subset arm = EGFR-TKI)". */
    public static String title(String title, List<String> subsets) {
        String caption = caption(subsets);
        return caption == null ? title : title + " (subset " + caption + ")";
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
