package io.oncosurv.stats;

/** How a Cox model treats tied event times; R's default is Efron. */
public enum CoxTies {
    EFRON("efron"),
    BRESLOW("breslow");

    private final String rName;

    CoxTies(String rName) {
        this.rName = rName;
    }

    public String rName() {
        return rName;
    }
}
