package cn.onecity.ecology.internal;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import cn.onecity.ecology.Readings;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.Role;
import cn.onecity.shared.Times;

/**
 * Demo monitoring stations, loaded once into an empty table: water sections on the 湘江 main stream (target II; the
 * seed says it is steady at class II), on tributaries, and a drinking-water reservoir (a LAKE section), and air
 * stations in 长沙, 株洲, 湘潭 and 萍乡 (长株潭萍 joint air-pollution legislation). Names follow well-known places,
 * but codes, exact sites and targets are not from an official station list: every row says 示例 in its note.
 *
 * <p>Readings from 1 January of the current year to yesterday are invented too, and pushed through the real
 * ingestion ({@link Readings}) as the user {@value #DEMO_RECEIVER}, which is what every demo reading's
 * {@code received_by} says: water twice a month (the 湘江 at class II as the seed says, tributaries at III with one
 * bad half-month on the 浏阳河, the reservoir at II), air daily with a winter–summer cycle of PM2.5 and ozone and a
 * three-day heavy-pollution episode in January that raises, and then closes, the cities' air alerts.
 */
@Component
@Order(60)
@ConditionalOnProperty(name = "onecity.demo.enabled", havingValue = "true")
class EcologyDemoData implements ApplicationRunner {

    /** code, name, city code, city, kind, water body, water name, target class. */
    static final String[][] STATIONS = {
            {"W-ZZ-XJ-01", "湘江株洲枫溪断面", "430200", "株洲", "WATER", "RIVER", "湘江", "II"},
            {"W-XT-XJ-01", "湘江湘潭五星断面", "430300", "湘潭", "WATER", "RIVER", "湘江", "II"},
            {"W-CS-XJ-01", "湘江长沙猴子石断面", "430100", "长沙", "WATER", "RIVER", "湘江", "II"},
            {"W-CS-LY-01", "浏阳河长沙三角洲断面", "430100", "长沙", "WATER", "RIVER", "浏阳河", "III"},
            {"W-XT-JS-01", "涓水湘潭易俗河断面", "430300", "湘潭", "WATER", "RIVER", "涓水", "III"},
            {"W-CS-ZSQ-01", "株树桥水库库心", "430100", "长沙", "WATER", "LAKE", "株树桥水库", "II"},
            {"A-CS-01", "长沙马坡岭", "430100", "长沙", "AIR", null, null, null},
            {"A-CS-02", "长沙湖南师范大学", "430100", "长沙", "AIR", null, null, null},
            {"A-ZZ-01", "株洲市监测站", "430200", "株洲", "AIR", null, null, null},
            {"A-XT-01", "湘潭板塘", "430300", "湘潭", "AIR", null, null, null},
            {"A-PX-01", "萍乡市监测站", "360300", "萍乡", "AIR", null, null, null},
    };

    static final String DEMO_RECEIVER = "示例数据";

    private final JdbcClient jdbc;
    private final Readings readings;
    private final Clock clock;

    EcologyDemoData(JdbcClient jdbc, Readings readings, Clock clock) {
        this.jdbc = jdbc;
        this.readings = readings;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (jdbc.sql("SELECT COUNT(*) FROM eco_station").query(Integer.class).single() == 0) {
            stations();
        }
        if (jdbc.sql("SELECT COUNT(*) FROM eco_water_reading").query(Integer.class).single() == 0
                && jdbc.sql("SELECT COUNT(*) FROM eco_air_reading").query(Integer.class).single() == 0) {
            readings();
        }
    }

    private void stations() {
        for (String[] s : STATIONS) {
            jdbc.sql("""
                    INSERT INTO eco_station (code, name, city_code, city_name, kind, water_body, water_name, target_class, note)
                    VALUES (:code, :name, :cityCode, :city, :kind, :body, :water, :target, '示例：站点编码与点位未与国控点位名录核对')""")
                    .param("code", s[0]).param("name", s[1]).param("cityCode", s[2]).param("city", s[3]).param("kind", s[4])
                    .param("body", s[5]).param("water", s[6]).param("target", s[7]).update();
        }
    }

    private void readings() {
        CurrentUser demo = new CurrentUser(0, DEMO_RECEIVER, "示例监测数据", Role.JOINT_OFFICE, 0, "长株潭一体化发展事务中心", null, null);
        LocalDate today = LocalDate.now(clock.withZone(Times.ZONE));
        LocalDate first = LocalDate.of(today.getYear(), 1, 1);
        List<Readings.WaterInput> water = new ArrayList<>();
        for (String[] st : STATIONS) {
            if (!"WATER".equals(st[4])) {
                continue;
            }
            Random random = new Random(st[0].hashCode());
            for (LocalDate d = first; d.isBefore(today); d = d.plusDays(1)) {
                if (d.getDayOfMonth() != 1 && d.getDayOfMonth() != 16) {
                    continue;
                }
                water.add(new Readings.WaterInput(st[0], d.atTime(8, 0).atZone(Times.ZONE).toOffsetDateTime().toString(),
                        waterValues(st, d, random)));
            }
        }
        if (!water.isEmpty()) {
            readings.ingestWater(demo, water);
        }
        // day by day across the stations, as monitoring systems push, so each day's city mean is complete at once
        Map<String, Random> randoms = new LinkedHashMap<>();
        List<Readings.AirInput> air = new ArrayList<>();
        for (LocalDate d = first; d.isBefore(today); d = d.plusDays(1)) {
            for (String[] st : STATIONS) {
                if ("AIR".equals(st[4])) {
                    Random random = randoms.computeIfAbsent(st[0], k -> new Random(k.hashCode()));
                    air.add(new Readings.AirInput(st[0], "daily", d.toString(), null, airValues(st, d, random)));
                }
            }
            if (air.size() >= 500) {
                readings.ingestAir(demo, air);
                air = new ArrayList<>();
            }
        }
        if (!air.isEmpty()) {
            readings.ingestAir(demo, air);
        }
    }

    /** Values around the section's target class: 湘江 and the reservoir II, the tributaries III. */
    private static Map<String, String> waterValues(String[] st, LocalDate d, Random r) {
        Map<String, String> v = new LinkedHashMap<>();
        boolean lake = "LAKE".equals(st[5]);
        boolean tributary = "III".equals(st[7]);
        v.put("pH", dec(7.2 + r.nextDouble() * 0.6, 1));
        v.put("DO", dec(tributary ? 5.8 + r.nextDouble() * 1.5 : 7.0 + r.nextDouble() * 1.4, 1));
        v.put("CODMn", dec(tributary ? 3.2 + r.nextDouble() * 2.2 : 2.1 + r.nextDouble() * 1.6, 1));
        double nh3n = tributary ? 0.55 + r.nextDouble() * 0.4 : 0.16 + r.nextDouble() * 0.3;
        // one bad half-month on the 浏阳河: IV, an alert that the next reading closes
        if (st[0].equals("W-CS-LY-01") && d.getMonthValue() == 7 && d.getDayOfMonth() == 16) {
            nh3n = 1.32;
        }
        v.put("NH3N", dec(nh3n, 2));
        v.put("TP", dec(lake ? 0.012 + r.nextDouble() * 0.011 : tributary ? 0.11 + r.nextDouble() * 0.07 : 0.05 + r.nextDouble() * 0.04, 3));
        if (lake) {
            v.put("TN", dec(0.35 + r.nextDouble() * 0.2, 2));
        }
        return v;
    }

    /**
     * A daily report: PM2.5 high in winter and low in summer, ozone the other way round; 萍乡 a little cleaner; a
     * heavy-pollution episode over the three cities on 17–19 January.
     */
    private static Map<String, String> airValues(String[] st, LocalDate d, Random r) {
        double doy = d.getDayOfYear();
        double season = Math.cos(2 * Math.PI * (doy - 10) / 365);
        double cityFactor = switch (st[2]) {
            case "430200" -> 1.05;
            case "430300" -> 1.08;
            case "360300" -> 0.9;
            default -> 1.0;
        };
        double noise = Math.exp(r.nextGaussian() * 0.28);
        double pm25 = (36 + 24 * season) * cityFactor * noise;
        if (d.getMonthValue() == 1 && d.getDayOfMonth() >= 17 && d.getDayOfMonth() <= 19 && !"360300".equals(st[2])) {
            pm25 = 165 + r.nextDouble() * 25;
        }
        double o3 = (95 - 45 * season) * Math.exp(r.nextGaussian() * 0.2);
        Map<String, String> v = new LinkedHashMap<>();
        v.put("SO2_24h", dec(6 + r.nextDouble() * 6, 0));
        v.put("NO2_24h", dec((26 + 10 * season) * Math.exp(r.nextGaussian() * 0.2), 0));
        v.put("CO_24h", dec(0.6 + 0.3 * season + r.nextDouble() * 0.2, 1));
        v.put("PM10_24h", dec(pm25 * (1.4 + r.nextDouble() * 0.3), 0));
        v.put("PM2.5_24h", dec(pm25, 0));
        v.put("O3_8h_max", dec(o3, 0));
        v.put("O3_1h_max", dec(o3 * (1.15 + r.nextDouble() * 0.15), 0));
        return v;
    }

    private static String dec(double value, int scale) {
        return BigDecimal.valueOf(Math.max(0, value)).setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }
}
