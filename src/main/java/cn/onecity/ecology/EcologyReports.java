package cn.onecity.ecology;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import cn.onecity.region.City;
import cn.onecity.region.Region;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.FieldMessage;
import cn.onecity.shared.Times;

/**
 * Public reports of 生态共治, computed from the stored readings:
 * <ul>
 * <li>water, per month: each section's class from the month's mean of every parameter (GB 3838-2002, the section's
 * water body), the share of sections meeting their target class, and the class distribution;</li>
 * <li>air, per city and year: the share of good days (优良天数比例, city daily AQI ≤ 100, over the days with a
 * published city AQI) and the mean of the city's daily PM2.5 ({@link CityAir}), for the three cities and 萍乡.</li>
 * </ul>
 */
@Service
public class EcologyReports {

    /** The water classes in order, as reports name them. */
    public static final List<String> CLASSES = java.util.Arrays.stream(WaterClass.values()).map(WaterClass::label).toList();

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Region region;
    private final Readings readings;
    private final Clock clock;

    EcologyReports(JdbcClient jdbc, JsonMapper json, Region region, Readings readings, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.region = region;
        this.readings = readings;
        this.clock = clock;
    }

    /** One section in one month: its class from the month's means, and whether it meets its target. */
    public record SectionMonth(String code, String name, String city, String water, String waterBody, String targetClass,
            int samples, String waterClass, boolean meetsTarget, List<String> deciding) {
    }

    /** One month of water: sections assessed, how many meet their target, the share (%), the classes. */
    public record WaterMonth(String month, int sections, int meeting, BigDecimal share, Map<String, Integer> classes,
            List<SectionMonth> detail) {
    }

    public record WaterReport(int year, List<WaterMonth> months, WaterMonth latest) {
    }

    /** One city's air in a year: days with a city AQI, good days, their share (%), the mean daily PM2.5 (µg/m³). */
    public record AirCity(String cityCode, String city, boolean partner, int days, int goodDays, BigDecimal goodShare,
            BigDecimal meanPm25, Map<String, BigDecimal> monthlyPm25) {
    }

    public record AirReport(int year, List<AirCity> cities) {
    }

    /**
     * The 驾驶舱's 生态共治 figures: the latest month's water (share meeting target, classes, the 湘江 mainstream
     * sections), this year's air by city, and the joint alerts open now.
     */
    public record Figures(int year, WaterMonth water, int xiangjiangSections, int xiangjiangClassII, List<AirCity> air,
            int openWaterAlerts, int openAirAlerts, int exampleReadings) {
    }

    public Figures figures() {
        int year = currentYear();
        WaterMonth latest = water(year).latest();
        if (latest == null) {
            latest = water(year - 1).latest();
        }
        List<SectionMonth> mainstream = latest == null ? List.of()
                : latest.detail().stream().filter(d -> "湘江".equals(d.water())).toList();
        int classII = (int) mainstream.stream()
                .filter(d -> !WaterClass.parse(d.waterClass()).worseThan(WaterClass.parse("II"))).count();
        Map<String, Integer> open = new LinkedHashMap<>();
        jdbc.sql("SELECT cause, COUNT(*) AS n FROM eco_alert WHERE status = 'OPEN' GROUP BY cause")
                .query((rs, i) -> open.put(rs.getString("cause"), rs.getInt("n"))).list();
        return new Figures(year, latest, mainstream.size(), classII, air(year).cities(),
                open.getOrDefault(Alerts.WATER, 0), open.getOrDefault(Alerts.AIR, 0), exampleReadings(year));
    }

    /** Readings of the year marked 示例 (invented demo data says so in {@code received_by}). */
    public int exampleReadings(int year) {
        OffsetDateTime from = LocalDate.of(year, 1, 1).atStartOfDay(Times.ZONE).toOffsetDateTime();
        int n = 0;
        for (String table : List.of("eco_water_reading", "eco_air_reading")) {
            n += jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE received_by LIKE '示例%' AND measured_at >= :from AND measured_at < :to")
                    .param("from", from).param("to", from.plusYears(1)).query(Integer.class).single();
        }
        return n;
    }

    public int currentYear() {
        return LocalDate.now(clock.withZone(Times.ZONE)).getYear();
    }

    /** The first year a report covers. */
    public static final int FIRST_YEAR = 2000;

    /** The year of a report: the current one when none is given; before 2000 or after this year is refused. */
    public int year(Integer requested) {
        int current = currentYear();
        if (requested == null) {
            return current;
        }
        if (requested < FIRST_YEAR || requested > current) {
            throw BusinessException.invalid("year", "年份应在 " + FIRST_YEAR + " 至 " + current + " 之间");
        }
        return requested;
    }

    public WaterReport water(int year) {
        year(year);
        YearMonth now = YearMonth.now(clock.withZone(Times.ZONE));
        List<Station> sections = readings.stations().stream().filter(Station::water).toList();
        OffsetDateTime from = LocalDate.of(year, 1, 1).atStartOfDay(Times.ZONE).toOffsetDateTime();
        OffsetDateTime to = from.plusYears(1);
        // station → month → readings (raw values)
        Map<String, Map<YearMonth, List<Map<String, String>>>> byStation = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT station_code, measured_at, reading FROM eco_water_reading
                WHERE measured_at >= :from AND measured_at < :to ORDER BY station_code, measured_at""")
                .param("from", from).param("to", to).query((rs, i) -> {
                    YearMonth m = YearMonth.from(rs.getObject("measured_at", OffsetDateTime.class).atZoneSameInstant(Times.ZONE));
                    byStation.computeIfAbsent(rs.getString("station_code"), k -> new LinkedHashMap<>())
                            .computeIfAbsent(m, k -> new ArrayList<>())
                            .add(json.readValue(rs.getString("reading"), new TypeReference<Map<String, String>>() { }));
                    return null;
                }).list();
        List<WaterMonth> months = new ArrayList<>();
        for (int mm = 1; mm <= 12; mm++) {
            YearMonth month = YearMonth.of(year, mm);
            if (month.isAfter(now)) {
                break;
            }
            List<SectionMonth> detail = new ArrayList<>();
            for (Station st : sections) {
                List<Map<String, String>> samples = byStation.getOrDefault(st.code(), Map.of()).get(month);
                if (samples == null || samples.isEmpty()) {
                    continue;
                }
                WaterQuality.Assessment a = WaterQuality.assess(means(samples), WaterBody.valueOf(st.waterBody()));
                if (a.waterClass() == null) {
                    continue;
                }
                detail.add(new SectionMonth(st.code(), st.name(), st.city(), st.waterName(), st.waterBody(), st.targetClass(),
                        samples.size(), a.waterClass().label(), !a.waterClass().worseThan(WaterClass.parse(st.targetClass())),
                        a.deciding().stream().map(WaterQuality.Parameter::label).toList()));
            }
            Map<String, Integer> classes = new LinkedHashMap<>();
            CLASSES.forEach(c -> classes.put(c, 0));
            detail.forEach(d -> classes.merge(d.waterClass(), 1, Integer::sum));
            int meeting = (int) detail.stream().filter(SectionMonth::meetsTarget).count();
            months.add(new WaterMonth(month.toString(), detail.size(), meeting, percent(meeting, detail.size()), classes, detail));
        }
        WaterMonth latest = null;
        for (WaterMonth m : months) {
            if (m.sections() > 0) {
                latest = m;
            }
        }
        return new WaterReport(year, months, latest);
    }

    /** The arithmetic mean of each parameter over the month's samples (values were checked when they arrived). */
    private static Map<WaterQuality.Parameter, BigDecimal> means(List<Map<String, String>> samples) {
        Map<WaterQuality.Parameter, BigDecimal> sums = new java.util.EnumMap<>(WaterQuality.Parameter.class);
        Map<WaterQuality.Parameter, Integer> counts = new java.util.EnumMap<>(WaterQuality.Parameter.class);
        List<FieldMessage> ignored = new ArrayList<>();
        for (Map<String, String> sample : samples) {
            sample.forEach((k, v) -> {
                WaterQuality.Parameter p = WaterQuality.Parameter.of(k);
                Readings.decimal(v, p.unit(), k, ignored).ifPresent(d -> {
                    sums.merge(p, d, BigDecimal::add);
                    counts.merge(p, 1, Integer::sum);
                });
            });
        }
        Map<WaterQuality.Parameter, BigDecimal> means = new java.util.EnumMap<>(WaterQuality.Parameter.class);
        sums.forEach((p, s) -> means.put(p, s.divide(BigDecimal.valueOf(counts.get(p)), 6, RoundingMode.HALF_EVEN)));
        return means;
    }

    public AirReport air(int year) {
        year(year);
        OffsetDateTime from = LocalDate.of(year, 1, 1).atStartOfDay(Times.ZONE).toOffsetDateTime();
        OffsetDateTime to = from.plusYears(1);
        record Day(String city, OffsetDateTime at, Integer aqi, BigDecimal pm25) {
        }
        List<Day> days = jdbc.sql("""
                SELECT city_code, measured_at, aqi, pm25 FROM eco_city_air
                WHERE report = 'DAILY' AND measured_at >= :from AND measured_at < :to""")
                .param("from", from).param("to", to)
                .query((rs, i) -> new Day(rs.getString("city_code"), rs.getObject("measured_at", OffsetDateTime.class),
                        (Integer) rs.getObject("aqi"), rs.getBigDecimal("pm25")))
                .list();
        List<AirCity> out = new ArrayList<>();
        List<City> cities = new ArrayList<>(region.cities());
        cities.addAll(region.partnerCities());
        for (City c : cities) {
            List<Day> mine = days.stream().filter(d -> d.city().equals(c.code())).toList();
            List<Day> published = mine.stream().filter(d -> d.aqi() != null).toList();
            int good = (int) published.stream().filter(d -> d.aqi() <= 100).count();
            List<BigDecimal> pm = mine.stream().map(Day::pm25).filter(java.util.Objects::nonNull).toList();
            Map<String, BigDecimal> monthly = new LinkedHashMap<>();
            Map<String, List<BigDecimal>> byMonth = new LinkedHashMap<>();
            mine.stream().filter(d -> d.pm25() != null)
                    .sorted(java.util.Comparator.comparing(Day::at))
                    .forEach(d -> byMonth.computeIfAbsent(YearMonth.from(d.at().atZoneSameInstant(Times.ZONE)).toString(),
                            k -> new ArrayList<>()).add(d.pm25()));
            byMonth.forEach((m, values) -> monthly.put(m, mean(values)));
            out.add(new AirCity(c.code(), c.shortName(), region.findCity(c.code()).isEmpty(), published.size(), good,
                    percent(good, published.size()), pm.isEmpty() ? null : mean(pm), monthly));
        }
        return new AirReport(year, out);
    }

    private static BigDecimal mean(List<BigDecimal> values) {
        return values.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(values.size()), 1, RoundingMode.HALF_EVEN);
    }

    /** A share in percent with one decimal; null when there is nothing to count. */
    static BigDecimal percent(int part, int whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_EVEN);
    }
}
