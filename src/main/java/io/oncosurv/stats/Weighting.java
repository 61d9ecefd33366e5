package io.oncosurv.stats;

/**
 * The weight w(t) of a weighted log-rank test at a distinct time t of a stratum, where n patients
 * are at risk and d die (Klein and Moeschberger 2003, section 7.3, table 7.2; SAS PROC LIFETEST
 * {@code TEST=}):
 * <ul>
 * <li>{@code LOG_RANK}: 1 (Mantel 1966).</li>
 * <li>{@code GEHAN_BRESLOW}: n, the generalized Wilcoxon (Gehan 1965, Breslow 1970).</li>
 * <li>{@code TARONE_WARE}: √n (Tarone and Ware 1977).</li>
 * <li>{@code PETO_PETO}: S̃(t) = Π over times u ≤ t of (1 − d_u/(n_u + 1)), Peto's survival
 * estimate including t itself (Peto and Peto 1972; SAS {@code TEST=PETO}). R's
 * {@code survdiff(rho = 1)} is often called Peto–Peto too but weights by the Kaplan–Meier
 * Ŝ(t−): that is {@code FLEMING_HARRINGTON(1, 0)}, a different number.</li>
 * <li>{@code MODIFIED_PETO}: S̃(t)·n/(n + 1) (Andersen, Borgan, Gill and Keiding 1982; SAS
 * {@code TEST=MODPETO}).</li>
 * <li>{@code FLEMING_HARRINGTON}: Ŝ(t−)^rho·(1 − Ŝ(t−))^gamma with Ŝ the stratum's pooled
 * Kaplan–Meier just before t (Fleming and Harrington 1991); G(rho, 0) is R's
 * {@code survdiff(rho = )} and G(0, 0) the log-rank test.</li>
 * </ul>
 */
public record Weighting(Kind kind, double rho, double gamma) {

    public enum Kind {
        LOG_RANK("logrank"),
        GEHAN_BRESLOW("gehan-breslow"),
        TARONE_WARE("tarone-ware"),
        PETO_PETO("peto-peto"),
        MODIFIED_PETO("modified-peto"),
        FLEMING_HARRINGTON("fh");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Weighting {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        if (kind != Kind.FLEMING_HARRINGTON && (rho != 0 || gamma != 0)) {
            throw new IllegalArgumentException(kind.label() + " takes no rho or gamma");
        }
        if (!Double.isFinite(rho) || rho < 0 || !Double.isFinite(gamma) || gamma < 0) {
            throw new IllegalArgumentException(
                    "rho and gamma must be finite and >= 0; got " + rho + ", " + gamma);
        }
    }

    public static Weighting logRank() {
        return new Weighting(Kind.LOG_RANK, 0, 0);
    }

    public static Weighting of(Kind kind) {
        return new Weighting(kind, 0, 0);
    }

    public static Weighting flemingHarrington(double rho, double gamma) {
        return new Weighting(Kind.FLEMING_HARRINGTON, rho, gamma);
    }

    /**
     * The weighting named by {@link #label()}: {@code logrank}, {@code gehan-breslow},
     * {@code tarone-ware}, {@code peto-peto}, {@code modified-peto} or {@code fh(rho,gamma)}.
     */
    public static Weighting parse(String name) {
        String text = name.strip().toLowerCase(java.util.Locale.ROOT);
        for (Kind kind : Kind.values()) {
            if (kind != Kind.FLEMING_HARRINGTON && kind.label().equals(text)) {
                return of(kind);
            }
        }
        if (text.startsWith("fh(") && text.endsWith(")")) {
            String[] parts = text.substring(3, text.length() - 1).split(",", -1);
            if (parts.length == 2) {
                try {
                    return flemingHarrington(Double.parseDouble(parts[0].strip()),
                            Double.parseDouble(parts[1].strip()));
                } catch (NumberFormatException e) {
                    // reported below with the accepted forms
                }
            }
        }
        throw new IllegalArgumentException("unknown test '" + name + "'; expected logrank, "
                + "gehan-breslow, tarone-ware, peto-peto, modified-peto or fh(rho,gamma) "
                + "with rho, gamma >= 0");
    }

    /** A name for reports: {@code gehan-breslow}, {@code fh(1,0)}, ... */
    public String label() {
        if (kind != Kind.FLEMING_HARRINGTON) {
            return kind.label();
        }
        return "fh(" + number(rho) + "," + number(gamma) + ")";
    }

    /** True when every weight is 1, whatever the data. */
    boolean isConstant() {
        return kind == Kind.LOG_RANK
                || (kind == Kind.FLEMING_HARRINGTON && rho == 0 && gamma == 0);
    }

    /** Whether the pooled Kaplan–Meier Ŝ(t−) is needed. */
    boolean usesKaplanMeier() {
        return kind == Kind.FLEMING_HARRINGTON && !isConstant();
    }

    /** Whether Peto's S̃ is needed. */
    boolean usesPeto() {
        return kind == Kind.PETO_PETO || kind == Kind.MODIFIED_PETO;
    }

    /**
     * The weight at a time with n at risk and d events; {@code kmBefore} is Ŝ(t−) and
     * {@code petoAt} is S̃(t), both of the stratum's pooled sample.
     */
    double at(double n, double d, double kmBefore, double petoAt) {
        return switch (kind) {
            case LOG_RANK -> 1;
            case GEHAN_BRESLOW -> n;
            case TARONE_WARE -> Math.sqrt(n);
            case PETO_PETO -> petoAt;
            case MODIFIED_PETO -> petoAt * n / (n + 1);
            case FLEMING_HARRINGTON -> power(kmBefore, rho) * power(1 - kmBefore, gamma);
        };
    }

    // x^0 is 1 even at x = 0 (as R's pow); skipping pow keeps G(rho, 0) bit-identical to survdiff.
    private static double power(double x, double exponent) {
        return exponent == 0 ? 1 : Math.pow(x, exponent);
    }

    private static String number(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x)
                : Double.toString(x);
    }
}
