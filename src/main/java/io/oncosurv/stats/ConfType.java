package io.oncosurv.stats;

import java.util.Locale;

/** The transform used for pointwise confidence limits of a survival curve, named as R names it. */
public enum ConfType {
    /** Limits on log S, R's default: S·exp(∓zσ), upper limit capped at 1. */
    LOG("log"),
    /** Limits on log(−log S): always inside [0, 1], undefined at S = 0 and S = 1. */
    LOG_LOG("log-log"),
    /** Linear limits S ∓ z·S·σ, clipped to [0, 1]. */
    PLAIN("plain");

    private final String rName;

    ConfType(String rName) {
        this.rName = rName;
    }

    /** The value of R's {@code conf.type} argument. */
    public String rName() {
        return rName;
    }

    /** Parses R's name ({@code log}, {@code log-log}, {@code plain}), case-insensitively. */
    public static ConfType fromRName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (ConfType type : values()) {
            if (type.rName.equals(wanted)) {
                return type;
            }
        }
        throw new IllegalArgumentException(
                "conf_type must be one of log, log-log, plain; got '" + name + "'");
    }
}
