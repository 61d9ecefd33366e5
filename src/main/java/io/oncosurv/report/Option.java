package io.oncosurv.report;

/** One choice of a form's select: the value sent, the label shown, whether it is chosen. */
public record Option(String value, String label, boolean selected) {
}
