package cn.onecity.ecology;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Classifies a water sample by GB 3838-2002 Table 1 with the single-factor method of the national
 * 《地表水环境质量评价办法（试行）》 (环办〔2011〕22号): each parameter gets the best class whose limit it meets
 * (limits inclusive; DO is a lower bound; pH 6–9 meets every class), and the section gets the worst class among the
 * assessed parameters, which are the Table 1 items except water temperature, TN and fecal coliform (the 21
 * indicators). TN (lakes and reservoirs only; GB 3838 gives rivers no TN class) and fecal coliform are classified
 * as reference indicators but never decide. DO class I uses 7.5 mg/L (the table's alternative to 90 % saturation).
 * Exact decimal comparison throughout. Spring-free and stateless.
 */
public final class WaterQuality {

    /** A Table 1 parameter: its key in the API, Chinese name, unit, and limits for classes I–V. */
    public enum Parameter {
        pH("pH", "", null, null, null, null, null),
        DO("溶解氧", "mg/L", "7.5", "6", "5", "3", "2"),
        CODMn("高锰酸盐指数", "mg/L", "2", "4", "6", "10", "15"),
        COD("化学需氧量", "mg/L", "15", "15", "20", "30", "40"),
        BOD5("五日生化需氧量", "mg/L", "3", "3", "4", "6", "10"),
        NH3N("氨氮", "mg/L", "0.15", "0.5", "1.0", "1.5", "2.0"),
        TP("总磷", "mg/L", "0.02", "0.1", "0.2", "0.3", "0.4"),
        TN("总氮", "mg/L", "0.2", "0.5", "1.0", "1.5", "2.0"),
        Cu("铜", "mg/L", "0.01", "1.0", "1.0", "1.0", "1.0"),
        Zn("锌", "mg/L", "0.05", "1.0", "1.0", "2.0", "2.0"),
        F("氟化物", "mg/L", "1.0", "1.0", "1.0", "1.5", "1.5"),
        Se("硒", "mg/L", "0.01", "0.01", "0.01", "0.02", "0.02"),
        As("砷", "mg/L", "0.05", "0.05", "0.05", "0.1", "0.1"),
        Hg("汞", "mg/L", "0.00005", "0.00005", "0.0001", "0.001", "0.001"),
        Cd("镉", "mg/L", "0.001", "0.005", "0.005", "0.005", "0.01"),
        Cr6("六价铬", "mg/L", "0.01", "0.05", "0.05", "0.05", "0.1"),
        Pb("铅", "mg/L", "0.01", "0.01", "0.05", "0.05", "0.1"),
        CN("氰化物", "mg/L", "0.005", "0.05", "0.2", "0.2", "0.2"),
        VolatilePhenol("挥发酚", "mg/L", "0.002", "0.002", "0.005", "0.01", "0.1"),
        Petroleum("石油类", "mg/L", "0.05", "0.05", "0.05", "0.5", "1.0"),
        LAS("阴离子表面活性剂", "mg/L", "0.2", "0.2", "0.2", "0.3", "0.3"),
        S2("硫化物", "mg/L", "0.05", "0.1", "0.2", "0.5", "1.0"),
        FecalColiform("粪大肠菌群", "个/L", "200", "2000", "10000", "20000", "40000");

        private final String label;
        private final String unit;
        private final BigDecimal[] limits;

        Parameter(String label, String unit, String... limits) {
            this.label = label;
            this.unit = unit;
            this.limits = limits[0] == null ? null : java.util.Arrays.stream(limits).map(BigDecimal::new).toArray(BigDecimal[]::new);
        }

        public String label() {
            return label;
        }

        public String unit() {
            return unit;
        }

        /** Whether it decides a section's class under the national method (false for TN and fecal coliform). */
        public boolean assessed() {
            return this != TN && this != FecalColiform;
        }

        public static Parameter of(String key) {
            for (Parameter p : values()) {
                if (p.name().equals(key)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown parameter " + key);
        }
    }

    /** Total phosphorus in lakes and reservoirs (湖、库). */
    private static final BigDecimal[] TP_LAKE = {new BigDecimal("0.01"), new BigDecimal("0.025"), new BigDecimal("0.05"),
            new BigDecimal("0.1"), new BigDecimal("0.2")};
    private static final BigDecimal PH_MIN = new BigDecimal("6");
    private static final BigDecimal PH_MAX = new BigDecimal("9");

    /**
     * @param waterClass   the section's class, from the assessed parameters (null when none was given)
     * @param deciding     the assessed parameters at that class, in Table 1 order
     * @param perParameter every classified parameter, in Table 1 order (reference ones included)
     * @param reference    parameters classified for reference only (TN in lakes, fecal coliform)
     * @param notApplicable parameters given but not classified for this water body (TN in a river)
     */
    public record Assessment(WaterClass waterClass, List<Parameter> deciding, Map<Parameter, WaterClass> perParameter,
            List<Parameter> reference, List<Parameter> notApplicable) {
    }

    private WaterQuality() {
    }

    /** The class one parameter's value meets. */
    public static WaterClass classify(Parameter p, BigDecimal value, WaterBody body) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException(p.name() + " cannot be negative");
        }
        if (p == Parameter.pH) {
            return value.compareTo(PH_MIN) >= 0 && value.compareTo(PH_MAX) <= 0 ? WaterClass.I : WaterClass.WORSE_THAN_V;
        }
        BigDecimal[] limits = p == Parameter.TP && body == WaterBody.LAKE ? TP_LAKE : p.limits;
        for (int k = 0; k < 5; k++) {
            int c = value.compareTo(limits[k]);
            if (p == Parameter.DO ? c >= 0 : c <= 0) {
                return WaterClass.values()[k];
            }
        }
        return WaterClass.WORSE_THAN_V;
    }

    /** Classifies a sample (values by parameter) taken at a section on the given kind of water body. */
    public static Assessment assess(Map<Parameter, BigDecimal> values, WaterBody body) {
        Map<Parameter, WaterClass> per = new LinkedHashMap<>();
        List<Parameter> reference = new ArrayList<>();
        List<Parameter> notApplicable = new ArrayList<>();
        WaterClass worst = null;
        for (Parameter p : Parameter.values()) {
            BigDecimal v = values.get(p);
            if (v == null) {
                continue;
            }
            if (p == Parameter.TN && body == WaterBody.RIVER) {
                notApplicable.add(p);
                continue;
            }
            WaterClass c = classify(p, v, body);
            per.put(p, c);
            if (!p.assessed()) {
                reference.add(p);
            } else if (worst == null || c.worseThan(worst)) {
                worst = c;
            }
        }
        List<Parameter> deciding = new ArrayList<>();
        for (Map.Entry<Parameter, WaterClass> e : per.entrySet()) {
            if (e.getKey().assessed() && e.getValue() == worst) {
                deciding.add(e.getKey());
            }
        }
        return new Assessment(worst, List.copyOf(deciding), java.util.Collections.unmodifiableMap(per),
                List.copyOf(reference), List.copyOf(notApplicable));
    }
}
