package io.oncosurv.chart;

/**
 * Figures are drawn on a server: AWT must never look for a display. The property only counts if
 * it is set before AWT's toolkit starts, so every entry point of this package calls
 * {@link #ensure()} first.
 */
final class Headless {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Headless() {
    }

    /** Loads this class, which sets the property once. */
    static void ensure() {
        // the static initializer did the work
    }
}
