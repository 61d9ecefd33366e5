package io.oncosurv.server.bus;

/**
 * The figures the API draws: the Kaplan–Meier figure, the TME panel's forest plot, and for
 * competing risks the cumulative incidence of one cause by group and the pattern of failure
 * (every cause stacked) of one group; the three estimates of an exposure's HR of the
 * immortal-time check; the subgroup forest of a treatment effect; the weighted Kaplan–Meier
 * curves and the balance ("Love") plot of a weighted comparison.
 */
public enum FigureKind {
    KAPLAN_MEIER("plot", "kaplan-meier"),
    FOREST("panel/forest", "forest"),
    CUMULATIVE_INCIDENCE("cumulative-incidence", "cumulative-incidence"),
    PATTERN_OF_FAILURE("cumulative-incidence/stacked", "pattern-of-failure"),
    EXPOSURE_BIAS("exposure-bias", "exposure-bias"),
    SUBGROUPS("subgroups", "subgroups"),
    WEIGHTED_CURVES("weighted", "weighted-kaplan-meier"),
    WEIGHTED_BALANCE("weighted/balance", "balance");

    private final String path;
    private final String fileName;

    FigureKind(String path, String fileName) {
        this.path = path;
        this.fileName = fileName;
    }

    /** Its route under /api/cohorts/{id}/, before the format's extension ("plot"). */
    public String path() {
        return path;
    }

    /** The name a download of it is saved under, before any subset and the extension. */
    public String fileName() {
        return fileName;
    }
}
