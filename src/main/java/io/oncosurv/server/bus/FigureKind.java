package io.oncosurv.server.bus;

/** The figures the API draws: the Kaplan–Meier figure and the TME panel's forest plot. */
public enum FigureKind {
    KAPLAN_MEIER("plot", "kaplan-meier"),
    FOREST("panel/forest", "forest");

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
