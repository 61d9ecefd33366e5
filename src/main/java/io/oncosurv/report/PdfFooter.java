package io.oncosurv.report;

/**
 * What every page of a PDF says at its foot, so a loose page still tells where it came from:
 * the software version, the date it was made (null: none, for report jobs whose bytes depend on
 * their inputs only), the SHA-256 of the cohort's bytes, and "page n of N".
 */
public record PdfFooter(String software, String date, String cohortSha256) {

    /** The footer of a PDF made now from the cohort with this hash. */
    public static PdfFooter of(String date, String cohortSha256) {
        return new PdfFooter("OncoSurv " + Provenance.version(), date, cohortSha256);
    }

    /** The text left of the page number. */
    public String text() {
        return software + (date == null ? "" : " · " + date) + " · cohort SHA-256 "
                + cohortSha256;
    }

    /**
     * The CSS margin box that prints it on one line at the bottom of every page (openhtmltopdf
     * reads CSS Paged Media; counter(pages) is the page count).
     */
    String css() {
        return "@page { @bottom-left { content: \"" + cssString(text()) + " · page \" "
                + "counter(page) \" of \" counter(pages); width: 100%; white-space: nowrap; "
                + "font-family: \"DejaVu Sans\", sans-serif; font-size: 6pt; color: #555555; "
                + "vertical-align: top; padding-top: 3mm; } }";
    }

    private static String cssString(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\' || c < 0x20) {
                out.append('\\').append(Integer.toHexString(c)).append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
