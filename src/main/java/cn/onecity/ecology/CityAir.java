package cn.onecity.ecology;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import cn.onecity.shared.FieldMessage;
import cn.onecity.shared.Times;

/**
 * A city's air quality for one report and time, as HJ 663 computes it: each indicator is the arithmetic mean of the
 * city's stations that reported it, and the AQI is assessed from those means with the edition of the date. It is
 * recomputed whenever one of the city's stations reports for that time, so a late station changes the city figure.
 */
@Service
class CityAir {

    /** Means are kept to three decimals (µg/m³, CO mg/m³) before the edition's own rounding. */
    static final int MEAN_SCALE = 3;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CityAir(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The city assessment after a reading, and how many stations it averages. */
    record CityAssessment(String cityCode, AirQualityIndex.Report report, OffsetDateTime time, int stations,
            Map<String, BigDecimal> means, AirQualityIndex.Assessment assessment) {
    }

    /**
     * One writer per city at a time: locks the city's air stations, in code order, until the transaction ends, so the
     * mean and the city's alert are computed from every committed reading and two stations cannot open two alerts.
     * Take it before writing a reading of the city: writing one takes a key-share lock on its station (PostgreSQL's
     * foreign-key check), and two writers each holding one and waiting for the other's station would deadlock.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void lock(String cityCode) {
        jdbc.sql("SELECT code FROM eco_station WHERE city_code = :c AND kind = 'AIR' ORDER BY code FOR UPDATE")
                .param("c", cityCode).query(String.class).list();
    }

    /** The city's mean of its stations' readings at that time; the caller holds the city's {@link #lock}. */
    @Transactional(propagation = Propagation.MANDATORY)
    CityAssessment recompute(String cityCode, AirQualityIndex.Report report, OffsetDateTime time) {
        List<String> readings = jdbc.sql("""
                SELECT r.reading FROM eco_air_reading r JOIN eco_station s ON s.code = r.station_code
                WHERE s.city_code = :c AND r.report = :r AND r.measured_at = :t ORDER BY r.station_code""")
                .param("c", cityCode).param("r", report.name()).param("t", time).query(String.class).list();
        Map<String, BigDecimal> sums = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<FieldMessage> ignored = new ArrayList<>();
        for (String reading : readings) {
            Map<String, String> values = json.readValue(reading, new TypeReference<Map<String, String>>() { });
            values.forEach((k, v) -> Readings.decimal(v, k.startsWith("CO_") ? "mg/m³" : "µg/m³", k, ignored).ifPresent(d -> {
                sums.merge(k, d, BigDecimal::add);
                counts.merge(k, 1, Integer::sum);
            }));
        }
        Map<String, BigDecimal> means = new LinkedHashMap<>();
        sums.forEach((k, sum) -> means.put(k, sum.divide(BigDecimal.valueOf(counts.get(k)), MEAN_SCALE, RoundingMode.HALF_EVEN)
                .stripTrailingZeros()));
        AqiEdition edition = AqiEdition.forDate(time.atZoneSameInstant(Times.ZONE).toLocalDate());
        AirQualityIndex.Assessment a = AirQualityIndex.assess(edition, report, means);
        BigDecimal pm25 = means.get(report == AirQualityIndex.Report.DAILY ? "PM2.5_24h"
                : edition == AqiEdition.HJ_633_2012 ? "PM2.5_24h" : "PM2.5_1h");
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("edition", edition.label());
        stored.put("aqi", a.aqi());
        stored.put("category", a.level() == null ? null : a.level().category());
        stored.put("iaqi", a.iaqi());
        stored.put("primaryPollutants", a.primaryPollutants());
        stored.put("missing", a.missing());
        String concentrations = json.writeValueAsString(means);
        String assessment = json.writeValueAsString(stored);
        BigDecimal pm = pm25 == null ? null : pm25.setScale(1, RoundingMode.HALF_EVEN);
        int updated = jdbc.sql("""
                UPDATE eco_city_air SET stations = :n, concentrations = :m, edition = :e, aqi = :aqi, pm25 = :pm, assessment = :a
                WHERE city_code = :c AND report = :r AND measured_at = :t""")
                .param("n", readings.size()).param("m", concentrations).param("e", edition.label()).param("aqi", a.aqi())
                .param("pm", pm).param("a", assessment).param("c", cityCode).param("r", report.name()).param("t", time).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO eco_city_air (city_code, report, measured_at, stations, concentrations, edition, aqi, pm25, assessment)
                    VALUES (:c, :r, :t, :n, :m, :e, :aqi, :pm, :a)""")
                    .param("c", cityCode).param("r", report.name()).param("t", time).param("n", readings.size())
                    .param("m", concentrations).param("e", edition.label()).param("aqi", a.aqi()).param("pm", pm)
                    .param("a", assessment).update();
        }
        return new CityAssessment(cityCode, report, time, readings.size(), means, a);
    }
}
