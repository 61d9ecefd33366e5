package io.oncosurv.analysis;

/**
 * The three estimates of an exposure's hazard ratio side by side: {@code naive} (exposed when
 * the exposure started before the patient's endpoint time: biased by immortal time),
 * {@code landmark} (status at {@code from} among patients still followed then) and
 * {@code timeDependent} (exposed from its start on); each the Cox answer whose first column is
 * the exposure. {@code flag} is true when the naive 95 % interval excludes the time-dependent
 * HR, null when either cannot be estimated; {@code message} says what it means for the cohort.
 */
public record ExposureBiasAnswer(ExposureBiasRequest request, double from, CoxAnswer naive,
        CoxAnswer landmark, CoxAnswer timeDependent, Boolean flag, String message) {
}
