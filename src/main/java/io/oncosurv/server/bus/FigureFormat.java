package io.oncosurv.server.bus;

/** The formats a figure is encoded in, as its URL's extension says. */
public enum FigureFormat {
    PNG("png", "image/png"),
    SVG("svg", "image/svg+xml"),
    PDF("pdf", "application/pdf");

    private final String extension;
    private final String mediaType;

    FigureFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    /** The extension of its URL and file name ("png"). */
    public String extension() {
        return extension;
    }

    /** Its Content-Type ("image/png"). */
    public String mediaType() {
        return mediaType;
    }
}
