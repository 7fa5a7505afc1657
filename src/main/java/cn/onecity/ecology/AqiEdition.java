package cn.onecity.ecology;

import java.time.LocalDate;

/**
 * The edition of the AQI rules: HJ 633-2012 for readings before 2026-03-01, HJ 633—2026 from that day (its
 * foreword abolishes the 2012 edition from then).
 */
public enum AqiEdition {
    HJ_633_2012("HJ 633-2012"), HJ_633_2026("HJ 633—2026");

    /** The day HJ 633—2026 took effect. */
    public static final LocalDate HJ_633_2026_IN_FORCE = LocalDate.of(2026, 3, 1);

    private final String label;

    AqiEdition(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static AqiEdition forDate(LocalDate date) {
        return date.isBefore(HJ_633_2026_IN_FORCE) ? HJ_633_2012 : HJ_633_2026;
    }
}
