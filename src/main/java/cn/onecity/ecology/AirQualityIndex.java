package cn.onecity.ecology;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The air quality index of HJ 633-2012 and HJ 633—2026, with exact decimal arithmetic and the standards' ceiling
 * rounding. Spring-free and stateless.
 *
 * <p>Indicator keys: daily reports {@code SO2_24h, NO2_24h, CO_24h, PM10_24h, PM2.5_24h, O3_8h_max, O3_1h_max}
 * (the 2026 daily report has no O3 1-hour indicator, so {@code O3_1h_max} is ignored there); hourly (real-time)
 * reports {@code SO2_1h, NO2_1h, CO_1h, O3_1h}, and under 2012 also {@code O3_8h, PM10_24h, PM2.5_24h} (sliding
 * averages; 2012 gives no sub-index for PM 1-hour values), under 2026 {@code PM10_1h, PM2.5_1h} against the daily
 * breakpoints. CO in mg/m³, the rest in µg/m³.
 *
 * <p>Rules: IAQI = ceil((IAQI_Lo·(BP_Hi−BP_Lo) + (IAQI_Hi−IAQI_Lo)·(C−BP_Lo)) / (BP_Hi−BP_Lo)); values above the top
 * breakpoint are capped at 500; 2012: SO2 1h above 800 falls back to the SO2 24h IAQI, O3 8h above 800 to the O3 1h
 * IAQI; 2026: SO2 1h above 800 is IAQI 200, O3 8h above 800 is IAQI 300, concentrations are first rounded (GB/T 8170,
 * half to even) to integers and CO to one decimal, the AQI is at least 1, and when an indicator is missing the AQI is
 * published only if it exceeds 100 (§5.3). The primary pollutants are those whose IAQI equals an AQI above 50.
 * 超标污染物 (IAQI above 100) exist only in the 2012 edition.
 */
public final class AirQualityIndex {

    public enum Report { DAILY, HOURLY }

    private static final int[] IAQI = {0, 50, 100, 150, 200, 300, 400, 500};

    /** Breakpoints per indicator column (2012); null past the column's end. */
    private static final Map<String, BigDecimal[]> BP_2012 = new LinkedHashMap<>();
    private static final Map<String, BigDecimal[]> BP_2026 = new LinkedHashMap<>();

    static {
        bp(BP_2012, "SO2_24h", "0", "50", "150", "475", "800", "1600", "2100", "2620");
        bp(BP_2012, "SO2_1h", "0", "150", "500", "650", "800");
        bp(BP_2012, "NO2_24h", "0", "40", "80", "180", "280", "565", "750", "940");
        bp(BP_2012, "NO2_1h", "0", "100", "200", "700", "1200", "2340", "3090", "3840");
        bp(BP_2012, "PM10_24h", "0", "50", "150", "250", "350", "420", "500", "600");
        bp(BP_2012, "CO_24h", "0", "2", "4", "14", "24", "36", "48", "60");
        bp(BP_2012, "CO_1h", "0", "5", "10", "35", "60", "90", "120", "150");
        bp(BP_2012, "O3_1h", "0", "160", "200", "300", "400", "800", "1000", "1200");
        bp(BP_2012, "O3_8h", "0", "100", "160", "215", "265", "800");
        bp(BP_2012, "PM2.5_24h", "0", "35", "75", "115", "150", "250", "350", "500");
        BP_2026.putAll(BP_2012);
        bp(BP_2026, "PM10_24h", "0", "50", "120", "250", "350", "420", "500", "600");
        bp(BP_2026, "PM2.5_24h", "0", "35", "60", "115", "150", "250", "350", "500");
    }

    private static void bp(Map<String, BigDecimal[]> table, String column, String... values) {
        table.put(column, java.util.Arrays.stream(values).map(BigDecimal::new).toArray(BigDecimal[]::new));
    }

    /** An indicator of a report: its input key, the pollutant, and the breakpoint column. */
    private record Indicator(String key, String pollutant, String column) {
    }

    private static List<Indicator> indicators(AqiEdition edition, Report report) {
        boolean y2012 = edition == AqiEdition.HJ_633_2012;
        List<Indicator> list = new ArrayList<>();
        if (report == Report.DAILY) {
            list.add(new Indicator("SO2_24h", "SO2", "SO2_24h"));
            list.add(new Indicator("NO2_24h", "NO2", "NO2_24h"));
            list.add(new Indicator("CO_24h", "CO", "CO_24h"));
            list.add(new Indicator("PM10_24h", "PM10", "PM10_24h"));
            list.add(new Indicator("PM2.5_24h", "PM2.5", "PM2.5_24h"));
            list.add(new Indicator("O3_8h_max", "O3", "O3_8h"));
            if (y2012) {
                list.add(new Indicator("O3_1h_max", "O3", "O3_1h"));
            }
        } else {
            list.add(new Indicator("SO2_1h", "SO2", "SO2_1h"));
            list.add(new Indicator("NO2_1h", "NO2", "NO2_1h"));
            list.add(new Indicator("CO_1h", "CO", "CO_1h"));
            list.add(new Indicator("O3_1h", "O3", "O3_1h"));
            if (y2012) {
                list.add(new Indicator("O3_8h", "O3", "O3_8h"));
                list.add(new Indicator("PM10_24h", "PM10", "PM10_24h"));
                list.add(new Indicator("PM2.5_24h", "PM2.5", "PM2.5_24h"));
            } else {
                list.add(new Indicator("PM10_1h", "PM10", "PM10_24h"));
                list.add(new Indicator("PM2.5_1h", "PM2.5", "PM2.5_24h"));
            }
        }
        return list;
    }

    /** The keys a report of an edition takes. */
    public static List<String> keys(AqiEdition edition, Report report) {
        List<String> keys = new ArrayList<>(indicators(edition, report).stream().map(Indicator::key).toList());
        if (edition == AqiEdition.HJ_633_2012 && report == Report.HOURLY) {
            keys.add("SO2_24h"); // the fallback when SO2 1h is above 800
        }
        return keys;
    }

    /** A level of Table 2 (2012) / Table 1 (2026). */
    public record Level(String level, String category, String colour, String rgb) {
    }

    /**
     * @param aqi               null when it may not be published (2026, an indicator missing and AQI ≤ 100)
     * @param iaqi              per pollutant (the larger of O3 1h and 8h in a 2012 daily report)
     * @param indicators        per indicator key, as computed
     * @param missing           indicator keys of the report that were not given
     * @param nonAttainment     2012 only: pollutants with IAQI above 100
     */
    public record Assessment(AqiEdition edition, Report report, Integer aqi, Level level, Map<String, Integer> iaqi,
            Map<String, Integer> indicators, List<String> primaryPollutants, List<String> nonAttainment,
            List<String> missing) {
    }

    private AirQualityIndex() {
    }

    public static Assessment assess(AqiEdition edition, Report report, Map<String, BigDecimal> values) {
        boolean y2012 = edition == AqiEdition.HJ_633_2012;
        Map<String, BigDecimal[]> table = y2012 ? BP_2012 : BP_2026;
        Map<String, Integer> byIndicator = new LinkedHashMap<>();
        Map<String, Integer> byPollutant = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (Indicator ind : indicators(edition, report)) {
            BigDecimal c = values.get(ind.key);
            if (c == null) {
                missing.add(ind.key);
                continue;
            }
            if (c.signum() < 0) {
                throw new IllegalArgumentException(ind.key + " cannot be negative");
            }
            if (!y2012) {
                c = c.setScale(ind.pollutant.equals("CO") ? 1 : 0, RoundingMode.HALF_EVEN);
            }
            Integer iaqi;
            if (ind.column.equals("SO2_1h") && c.compareTo(new BigDecimal("800")) > 0) {
                if (y2012) {
                    BigDecimal day = values.get("SO2_24h");
                    iaqi = day == null ? null : iaqi(table.get("SO2_24h"), day);
                } else {
                    iaqi = 200;
                }
            } else if (ind.column.equals("O3_8h") && c.compareTo(new BigDecimal("800")) > 0) {
                iaqi = y2012 ? null : 300; // 2012: the O3 IAQI comes from the 1-hour value
            } else {
                iaqi = iaqi(table.get(ind.column), c);
            }
            if (iaqi == null) {
                continue;
            }
            byIndicator.put(ind.key, iaqi);
            byPollutant.merge(ind.pollutant, iaqi, Math::max);
        }
        int max = byPollutant.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        Integer aqi = byPollutant.isEmpty() ? null : y2012 ? max : Math.max(1, max); // 2026: the AQI ranges 1–500
        if (!y2012 && !missing.isEmpty() && aqi != null && aqi <= 100) {
            aqi = null;
        }
        List<String> primary = new ArrayList<>();
        if (aqi != null && aqi > 50) {
            byPollutant.forEach((p, v) -> {
                if (v == max) {
                    primary.add(p);
                }
            });
        }
        List<String> nonAttainment = new ArrayList<>();
        if (y2012) {
            byPollutant.forEach((p, v) -> {
                if (v > 100) {
                    nonAttainment.add(p);
                }
            });
        }
        return new Assessment(edition, report, aqi, aqi == null ? null : level(aqi), byPollutant, byIndicator,
                List.copyOf(primary), List.copyOf(nonAttainment), List.copyOf(missing));
    }

    /** The IAQI of a concentration on a breakpoint column: exact, ceiling, capped at 500. */
    static int iaqi(BigDecimal[] bp, BigDecimal c) {
        for (int i = 1; i < bp.length; i++) {
            if (c.compareTo(bp[i]) <= 0) {
                BigDecimal lo = bp[i - 1];
                BigDecimal span = bp[i].subtract(lo);
                BigDecimal numerator = BigDecimal.valueOf(IAQI[i - 1]).multiply(span)
                        .add(BigDecimal.valueOf(IAQI[i] - IAQI[i - 1]).multiply(c.subtract(lo)));
                return numerator.divide(span, 0, RoundingMode.CEILING).intValueExact();
            }
        }
        return 500;
    }

    public static Level level(int aqi) {
        if (aqi <= 50) {
            return new Level("一级", "优", "绿色", "#00E400");
        } else if (aqi <= 100) {
            return new Level("二级", "良", "黄色", "#FFFF00");
        } else if (aqi <= 150) {
            return new Level("三级", "轻度污染", "橙色", "#FF7E00");
        } else if (aqi <= 200) {
            return new Level("四级", "中度污染", "红色", "#FF0000");
        } else if (aqi <= 300) {
            return new Level("五级", "重度污染", "紫色", "#99004C");
        }
        return new Level("六级", "严重污染", "褐红色", "#7E0023");
    }
}
