package cn.onecity.ecology;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.Role;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.ConflictException;
import cn.onecity.shared.FieldMessage;
import cn.onecity.shared.ForbiddenException;
import cn.onecity.shared.Times;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stations and the readings monitoring systems push. Each reading is assessed when it arrives and stored with its
 * assessment; the same station and time again answers the stored assessment and changes nothing. A batch is all or
 * nothing: every reading is checked before any is saved. Readings are accepted from the 生态环境局 staff of the
 * station's city, the joint office and administrators.
 */
@Service
public class Readings {

    private static final java.util.regex.Pattern NUMBER_AND_UNIT =
            java.util.regex.Pattern.compile("([+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?)\\s*(\\D.*)?");
    private static final Set<String> AIR_DAILY_KEYS = new LinkedHashSet<>();
    private static final Set<String> AIR_HOURLY_KEYS = new LinkedHashSet<>();

    static {
        for (AqiEdition e : AqiEdition.values()) {
            AIR_DAILY_KEYS.addAll(AirQualityIndex.keys(e, AirQualityIndex.Report.DAILY));
            AIR_HOURLY_KEYS.addAll(AirQualityIndex.keys(e, AirQualityIndex.Report.HOURLY));
        }
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Alerts alerts;
    private final CityAir cityAir;
    private final Clock clock;

    Readings(JdbcClient jdbc, JsonMapper json, Alerts alerts, CityAir cityAir, Clock clock) {
        this.cityAir = cityAir;
        this.jdbc = jdbc;
        this.json = json;
        this.alerts = alerts;
        this.clock = clock;
    }

    public List<Station> stations() {
        return jdbc.sql("SELECT * FROM eco_station ORDER BY kind DESC, city_code, code").query(Readings::stationRow).list();
    }

    public Optional<Station> station(String code) {
        return jdbc.sql("SELECT * FROM eco_station WHERE code = :c").param("c", code).query(Readings::stationRow).optional();
    }

    private static Station stationRow(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Station(rs.getString("code"), rs.getString("name"), rs.getString("city_code"), rs.getString("city_name"),
                rs.getString("kind"), rs.getString("water_body"), rs.getString("water_name"), rs.getString("target_class"),
                rs.getString("note"));
    }

    /** A water reading as received: values by parameter key, as decimal text. */
    public record WaterInput(String station, String time, Map<String, String> values) {
    }

    /** An air reading as received: {@code report} daily (with {@code date}) or hourly (with {@code time}). */
    public record AirInput(String station, String report, String date, String time, Map<String, String> values) {
    }

    /** The outcome for one reading: whether it was new, and the assessment (stored, for a repeat). */
    public record Ingested(String station, OffsetDateTime time, boolean created, Map<String, Object> assessment) {
    }

    @Transactional
    public List<Ingested> ingestWater(CurrentUser user, List<WaterInput> inputs) {
        return ingest(inputs, (in, prefix, seen, errors) -> {
            Station st = stationFor(user, in.station(), "WATER", prefix, errors);
            OffsetDateTime time = time(in.time(), prefix + "time", errors);
            Map<WaterQuality.Parameter, BigDecimal> values = new java.util.EnumMap<>(WaterQuality.Parameter.class);
            if (in.values() == null || in.values().isEmpty()) {
                errors.add(new FieldMessage(prefix + "values", "请提供监测值"));
            } else {
                in.values().forEach((k, v) -> {
                    WaterQuality.Parameter p;
                    try {
                        p = WaterQuality.Parameter.of(k);
                    } catch (IllegalArgumentException e) {
                        errors.add(new FieldMessage(prefix + "values." + k, "未知的水质指标“" + k + "”"));
                        return;
                    }
                    decimal(v, p.unit(), prefix + "values." + k, errors).ifPresent(d -> values.put(p, d));
                });
            }
            checkTime(st, time, prefix + "time", seen, errors);
            return new Save(st == null ? "" : st.code(), () -> saveWater(user, st, time, in.values(), values));
        });
    }

    /** Checks one input, adding what is wrong to {@code errors}; returns how to save it once the batch is clean. */
    interface Check<I> {
        Save check(I input, String prefix, Set<String> seen, List<FieldMessage> errors);
    }

    /** How to save a checked input, and the order of the database locks its save takes (see {@link #ingest}). */
    record Save(String lockOrder, java.util.function.Supplier<Ingested> save) {
    }

    /**
     * A batch, all or nothing: every input is checked (errors named {@code [i].field} when there are several), and
     * only when none has an error are they saved, in the order of the locks they take, and answered in input order.
     */
    static <I> List<Ingested> ingest(List<I> inputs, Check<I> check) {
        requireInputs(inputs);
        List<FieldMessage> errors = new ArrayList<>();
        List<Save> checked = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            int before = errors.size();
            Save save = check.check(inputs.get(i), inputs.size() > 1 ? "[" + i + "]." : "", seen, errors);
            if (errors.size() == before) {
                checked.add(save);
            }
        }
        if (!errors.isEmpty()) {
            throw new BusinessException(400, errors.get(0).message(), errors);
        }
        // saved in lock order (a stable sort: inputs of one station keep theirs), so that two batches naming the
        // same stations or cities in opposite orders cannot deadlock; answered in input order
        Integer[] order = new Integer[checked.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparing(i -> checked.get(i).lockOrder()));
        Ingested[] out = new Ingested[checked.size()];
        for (int i : order) {
            out[i] = checked.get(i).save().get();
        }
        return List.of(out);
    }

    private Ingested saveWater(CurrentUser user, Station st, OffsetDateTime time, Map<String, String> raw,
            Map<WaterQuality.Parameter, BigDecimal> values) {
        alerts.lockSection(st); // before the reading's insert (see Alerts#lockSection)
        Optional<String> stored = jdbc.sql("SELECT assessment FROM eco_water_reading WHERE station_code = :s AND measured_at = :t")
                .param("s", st.code()).param("t", time).query(String.class).optional();
        if (stored.isPresent()) {
            return new Ingested(st.code(), time, false, parse(stored.get()));
        }
        WaterQuality.Assessment a = WaterQuality.assess(values, WaterBody.valueOf(st.waterBody()));
        Map<String, Object> assessment = new LinkedHashMap<>();
        assessment.put("standard", "GB 3838-2002");
        assessment.put("waterBody", st.waterBody());
        assessment.put("waterClass", a.waterClass() == null ? null : a.waterClass().label());
        assessment.put("quality", a.waterClass() == null ? null : a.waterClass().quality());
        assessment.put("deciding", a.deciding().stream().map(Enum::name).toList());
        Map<String, String> per = new LinkedHashMap<>();
        a.perParameter().forEach((p, c) -> per.put(p.name(), c.label()));
        assessment.put("perParameter", per);
        assessment.put("reference", a.reference().stream().map(Enum::name).toList());
        assessment.put("notApplicable", a.notApplicable().stream().map(Enum::name).toList());
        assessment.put("targetClass", st.targetClass());
        assessment.put("meetsTarget", a.waterClass() == null ? null
                : !a.waterClass().worseThan(WaterClass.parse(st.targetClass())));
        try {
            jdbc.sql("""
                    INSERT INTO eco_water_reading (station_code, measured_at, reading, water_class, assessment, received_at, received_by)
                    VALUES (:s, :t, :r, :c, :a, :now, :by)""")
                    .param("s", st.code()).param("t", time).param("r", json.writeValueAsString(raw))
                    .param("c", a.waterClass() == null ? null : a.waterClass().label())
                    .param("a", json.writeValueAsString(assessment)).param("now", OffsetDateTime.now(clock))
                    .param("by", user.username()).update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("站点 " + st.code() + " 在该时刻的数据正由另一请求写入，请重试（重试将得到已保存的评价）");
        }
        if (a.waterClass() != null) {
            WaterClass target = WaterClass.parse(st.targetClass());
            alerts.record(st, Alerts.WATER, a.waterClass().worseThan(target), time,
                    st.name() + " " + Times.format(time) + " 水质 " + a.waterClass().label() + " 类，" 
                            + (a.waterClass().worseThan(target) ? "劣于" : "达到") + "目标 " + target.label() + " 类（决定指标："
                            + String.join("、", a.deciding().stream().map(p -> p.label()).toList()) + "）")
                    .ifPresent(id -> assessment.put("alertId", id));
        }
        return new Ingested(st.code(), time, true, assessment);
    }

    @Transactional
    public List<Ingested> ingestAir(CurrentUser user, List<AirInput> inputs) {
        return ingest(inputs, (in, prefix, seen, errors) -> {
            Station st = stationFor(user, in.station(), "AIR", prefix, errors);
            String reportText = in.report() == null ? "" : in.report().strip().toLowerCase();
            AirQualityIndex.Report report = switch (reportText) {
                case "daily" -> AirQualityIndex.Report.DAILY;
                case "hourly" -> AirQualityIndex.Report.HOURLY;
                default -> null;
            };
            OffsetDateTime time = null;
            if (report == null) {
                errors.add(new FieldMessage(prefix + "report", "report 应为 daily（日报）或 hourly（实时报）"));
            } else if (report == AirQualityIndex.Report.DAILY) {
                try {
                    time = LocalDate.parse(in.date() == null ? "" : in.date().strip()).atStartOfDay(Times.ZONE).toOffsetDateTime();
                } catch (DateTimeParseException e) {
                    errors.add(new FieldMessage(prefix + "date", "日报须提供日期 date，格式 YYYY-MM-DD"));
                }
            } else {
                time = time(in.time(), prefix + "time", errors);
            }
            Set<String> allowed = report == AirQualityIndex.Report.HOURLY ? AIR_HOURLY_KEYS : AIR_DAILY_KEYS;
            Map<String, BigDecimal> values = new LinkedHashMap<>();
            if (in.values() == null || in.values().isEmpty()) {
                errors.add(new FieldMessage(prefix + "values", "请提供监测值"));
            } else if (report != null) {
                in.values().forEach((k, v) -> {
                    if (!allowed.contains(k)) {
                        errors.add(new FieldMessage(prefix + "values." + k, "未知的" + (report == AirQualityIndex.Report.DAILY ? "日报" : "实时报")
                                + "指标“" + k + "”，可用：" + String.join("、", allowed)));
                        return;
                    }
                    decimal(v, k.startsWith("CO_") ? "mg/m³" : "µg/m³", prefix + "values." + k, errors).ifPresent(d -> values.put(k, d));
                });
            }
            checkTime(st, time, prefix + (report == AirQualityIndex.Report.DAILY ? "date" : "time"), seen, errors);
            OffsetDateTime at = time;
            AirQualityIndex.Report r = report;
            // an air reading locks its whole city (CityAir): batches take cities, then stations, in code order
            return new Save(st == null ? "" : st.cityCode() + "/" + st.code(), () -> saveAir(user, st, r, at, in.values(), values));
        });
    }

    private Ingested saveAir(CurrentUser user, Station st, AirQualityIndex.Report report, OffsetDateTime time,
            Map<String, String> raw, Map<String, BigDecimal> values) {
        cityAir.lock(st.cityCode()); // before the reading's insert (see CityAir#lock)
        Optional<String> stored = jdbc.sql("""
                SELECT assessment FROM eco_air_reading WHERE station_code = :s AND report = :r AND measured_at = :t""")
                .param("s", st.code()).param("r", report.name()).param("t", time).query(String.class).optional();
        if (stored.isPresent()) {
            return new Ingested(st.code(), time, false, parse(stored.get()));
        }
        AqiEdition edition = AqiEdition.forDate(time.atZoneSameInstant(Times.ZONE).toLocalDate());
        AirQualityIndex.Assessment a = AirQualityIndex.assess(edition, report, values);
        Map<String, Object> assessment = new LinkedHashMap<>();
        assessment.put("edition", edition.label());
        assessment.put("report", report.name().toLowerCase());
        assessment.put("aqi", a.aqi());
        assessment.put("level", a.level() == null ? null : a.level().level());
        assessment.put("category", a.level() == null ? null : a.level().category());
        assessment.put("colour", a.level() == null ? null : a.level().colour());
        assessment.put("rgb", a.level() == null ? null : a.level().rgb());
        assessment.put("iaqi", a.iaqi());
        assessment.put("indicators", a.indicators());
        assessment.put("primaryPollutants", a.primaryPollutants());
        if (edition == AqiEdition.HJ_633_2012) {
            assessment.put("nonAttainment", a.nonAttainment());
        }
        assessment.put("missing", a.missing());
        List<String> ignored = values.keySet().stream().filter(k -> !AirQualityIndex.keys(edition, report).contains(k)).toList();
        assessment.put("ignored", ignored);
        try {
            jdbc.sql("""
                    INSERT INTO eco_air_reading (station_code, report, measured_at, reading, edition, aqi, assessment, received_at, received_by)
                    VALUES (:s, :r, :t, :reading, :e, :aqi, :a, :now, :by)""")
                    .param("s", st.code()).param("r", report.name()).param("t", time).param("reading", json.writeValueAsString(raw))
                    .param("e", edition.label()).param("aqi", a.aqi()).param("a", json.writeValueAsString(assessment))
                    .param("now", OffsetDateTime.now(clock)).param("by", user.username()).update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("站点 " + st.code() + " 在该时刻的数据正由另一请求写入，请重试（重试将得到已保存的评价）");
        }
        CityAir.CityAssessment city = cityAir.recompute(st.cityCode(), report, time);
        AirQualityIndex.Assessment ca = city.assessment();
        Map<String, Object> cityPart = new LinkedHashMap<>();
        cityPart.put("city", st.city());
        cityPart.put("stations", city.stations());
        cityPart.put("aqi", ca.aqi());
        cityPart.put("category", ca.level() == null ? null : ca.level().category());
        cityPart.put("primaryPollutants", ca.primaryPollutants());
        assessment.put("cityAqi", cityPart);
        if (ca.aqi() != null) {
            alerts.recordCity(st.cityCode(), st.city(), ca.aqi() >= alerts.aqiLevel(), time, st.city() + " " + Times.format(time)
                    + (report == AirQualityIndex.Report.DAILY ? " 日报" : " 实时报") + " 城市 AQI " + ca.aqi() + " " + ca.level().category()
                    + (ca.primaryPollutants().isEmpty() ? "" : "，首要污染物 " + String.join("、", ca.primaryPollutants()))
                    + "（" + city.stations() + " 个站点均值，" + edition.label() + "，预警线 " + alerts.aqiLevel() + "）")
                    .ifPresent(id -> assessment.put("alertId", id));
        }
        return new Ingested(st.code(), time, true, assessment);
    }

    private static void requireInputs(List<?> inputs) {
        if (inputs == null || inputs.isEmpty()) {
            throw new BusinessException("请提供至少一条监测数据");
        }
        if (inputs.size() > 1000) {
            throw new BusinessException("一次最多提交 1000 条监测数据，请分批提交");
        }
    }

    private Station stationFor(CurrentUser user, String code, String kind, String prefix, List<FieldMessage> errors) {
        Optional<Station> st = code == null || code.isBlank() ? Optional.empty() : station(code.strip());
        if (st.isEmpty()) {
            errors.add(new FieldMessage(prefix + "station", code == null || code.isBlank() ? "请提供站点编码 station"
                    : "站点“" + code + "”不存在，请先在 GET /api/v1/ecology/stations 中核对编码"));
            return null;
        }
        if (!st.get().kind().equals(kind)) {
            errors.add(new FieldMessage(prefix + "station", "站点“" + code + "”是" + ("WATER".equals(kind) ? "空气站" : "水质断面")
                    + "，请提交到对应的接口"));
            return null;
        }
        if (!maySubmit(user, st.get())) {
            throw new ForbiddenException("无权为" + st.get().city() + "的站点“" + st.get().name() + "”报送监测数据");
        }
        return st.get();
    }

    /** The station city's 生态环境局 staff, the joint office and administrators. */
    public static boolean maySubmit(CurrentUser user, Station st) {
        if (user == null) {
            return false;
        }
        if (user.isAny(Role.JOINT_OFFICE, Role.ADMIN)) {
            return true;
        }
        return user.is(Role.CITY_STAFF) && "STHJJ".equals(user.departmentKind()) && st.cityCode().equals(user.cityCode());
    }

    private static OffsetDateTime time(String text, String field, List<FieldMessage> errors) {
        if (text == null || text.isBlank()) {
            errors.add(new FieldMessage(field, "请提供监测时间 time（ISO 8601，带时区，如 2026-05-01T08:00:00+08:00）"));
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip()).atZoneSameInstant(Times.ZONE).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            errors.add(new FieldMessage(field, "监测时间格式不正确，应为 ISO 8601 并带时区，如 2026-05-01T08:00:00+08:00"));
            return null;
        }
    }

    /** A time in the future (beyond 5 minutes of clock skew) or twice in one upload is refused. */
    private void checkTime(Station st, OffsetDateTime time, String field, Set<String> seen, List<FieldMessage> errors) {
        if (st == null || time == null) {
            return;
        }
        if (time.isAfter(OffsetDateTime.now(clock).plusMinutes(5))) {
            errors.add(new FieldMessage(field, "监测时间 " + Times.format(time) + " 晚于当前时间，请检查时钟或时区"));
        } else if (!seen.add(st.code() + "|" + time.toInstant())) {
            errors.add(new FieldMessage(field, "同一批数据中站点 " + st.code() + " 在 " + Times.format(time) + " 的数据重复"));
        }
    }

    /**
     * A concentration: a number, optionally followed by its unit, which must then be the expected one ({@code mg/L},
     * {@code µg/m³}, {@code mg/m³}, {@code 个/L}; {@code ug/m3} and {@code μg/m3} are read as µg/m³).
     */
    static Optional<BigDecimal> decimal(String text, String unit, String field, List<FieldMessage> errors) {
        String t = text == null ? "" : text.strip();
        java.util.regex.Matcher m = NUMBER_AND_UNIT.matcher(t);
        if (m.matches() && m.group(2) != null && !m.group(2).isBlank()) {
            String given = m.group(2).strip();
            String normal = given.replace("ug", "µg").replace("μg", "µg").replace("m3", "m³");
            if (!normal.equalsIgnoreCase(unit)) {
                errors.add(new FieldMessage(field, "单位应为 " + (unit.isEmpty() ? "无量纲" : unit) + "，收到的是“" + given + "”"));
                return Optional.empty();
            }
            t = m.group(1);
        }
        try {
            BigDecimal d = new BigDecimal(t);
            if (d.signum() < 0) {
                errors.add(new FieldMessage(field, "监测值不能为负数"));
                return Optional.empty();
            }
            if (d.compareTo(new BigDecimal("1000000")) > 0) {
                errors.add(new FieldMessage(field, "监测值过大，请检查单位"));
                return Optional.empty();
            }
            return Optional.of(d);
        } catch (NumberFormatException e) {
            errors.add(new FieldMessage(field, "监测值应为数字"));
            return Optional.empty();
        }
    }

    private Map<String, Object> parse(String stored) {
        return json.readValue(stored, new TypeReference<Map<String, Object>>() { });
    }
}
