package io.oncosurv.chart;

/**
 * The printed size of a figure and, for PNG, its resolution. A figure is laid out in points
 * (1/72 in) at this size, so text keeps its size in points whatever the dpi.
 *
 * <p>Limits: width and height 2–20 in (a journal column is 3.5 in, a page 7 in; a poster panel
 * rarely more), 72–600 dpi, and at most {@value #MAX_PIXELS} pixels in a PNG (a 7 × 6 in figure at
 * 600 dpi is 15 million), so that one request cannot take the server's memory (4 bytes a pixel).
 */
public record FigureSize(double widthInches, double heightInches, int dpi) {

    public static final double MIN_INCHES = 2;
    public static final double MAX_INCHES = 20;
    public static final int MIN_DPI = 72;
    public static final int MAX_DPI = 600;
    public static final long MAX_PIXELS = 40_000_000L;
    public static final double POINTS_PER_INCH = 72;

    public FigureSize {
        inches("width", widthInches);
        inches("height", heightInches);
        if (dpi < MIN_DPI || dpi > MAX_DPI) {
            throw new IllegalArgumentException("dpi must be " + MIN_DPI + " to " + MAX_DPI
                    + ", got " + dpi);
        }
        long pixels = (long) pixels(widthInches, dpi) * pixels(heightInches, dpi);
        if (pixels > MAX_PIXELS) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "%s x %s in at %d dpi is %,d pixels; at most %,d are allowed: "
                            + "lower the dpi or the size", widthInches, heightInches, dpi,
                    pixels, MAX_PIXELS));
        }
    }

    /** 7 × 6 in at 150 dpi: a full-width journal figure, 1050 × 900 pixels. */
    public static FigureSize defaults() {
        return new FigureSize(7, 6, 150);
    }

    public int widthPixels() {
        return pixels(widthInches, dpi);
    }

    public int heightPixels() {
        return pixels(heightInches, dpi);
    }

    public double widthPoints() {
        return widthInches * POINTS_PER_INCH;
    }

    public double heightPoints() {
        return heightInches * POINTS_PER_INCH;
    }

    private static int pixels(double inches, int dpi) {
        return (int) Math.round(inches * dpi);
    }

    private static void inches(String what, double inches) {
        if (!(inches >= MIN_INCHES && inches <= MAX_INCHES)) {
            throw new IllegalArgumentException(what + " must be " + (int) MIN_INCHES + " to "
                    + (int) MAX_INCHES + " inches, got " + inches);
        }
    }
}
