package cn.onecity.ecology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.Role;
import cn.onecity.identity.TestAccounts;
import cn.onecity.services.ServicesIntegrationTest;

/**
 * Monitoring systems send readings at the same moment: two stations of one city, batches naming two cities in
 * opposite orders, two readings of one section. Every one is saved; none loses to a lock cycle (on PostgreSQL, saving
 * a reading takes a key-share lock on its station, which the city's and the section's update locks wait for).
 */
@ServicesIntegrationTest
class ConcurrentReadingsIntegrationTest {

    static final int ROUNDS = 12;

    @Autowired Readings readings;
    @Autowired JdbcClient jdbc;
    @Autowired Accounts accounts;

    CurrentUser office;
    String xtA;
    String xtB;
    String zzA;
    String section;
    int year;

    @BeforeEach
    void setUp() {
        String n = String.valueOf(ThreadLocalRandom.current().nextInt(10_000_000, 100_000_000));
        xtA = station("T-CA-" + n, "430300", "湘潭", "AIR");
        xtB = station("T-CB-" + n, "430300", "湘潭", "AIR");
        zzA = station("T-CZ-" + n, "430200", "株洲", "AIR");
        section = "T-CW-" + n;
        jdbc.sql("""
                INSERT INTO eco_station (code, name, city_code, city_name, kind, water_body, water_name, target_class)
                VALUES (:c, :n, '430200', '株洲', 'WATER', 'RIVER', '湘江', 'II')""").param("c", section).param("n", "并发断面" + n).update();
        office = accounts.findByUsername(TestAccounts.create(accounts, Role.JOINT_OFFICE)).orElseThrow();
        // a year of its own, before every other ecology test's (reports: 2000–2019; alerts and ingestion: 2021 on),
        // so that these readings never enter another test's figures on a shared database
        year = 1980 + ThreadLocalRandom.current().nextInt(20);
    }

    String station(String code, String city, String cityName, String kind) {
        jdbc.sql("INSERT INTO eco_station (code, name, city_code, city_name, kind) VALUES (:c, :n, :city, :cn, :k)")
                .param("c", code).param("n", "并发站" + code).param("city", city).param("cn", cityName).param("k", kind).update();
        return code;
    }

    Readings.AirInput air(String station, int round, int hour) {
        return new Readings.AirInput(station, "hourly", null, "%d-03-%02dT%02d:00:00+08:00".formatted(year, 1 + round, hour),
                Map.of("SO2_1h", "10", "NO2_1h", "30", "CO_1h", "0.7", "O3_1h", "90", "PM10_1h", "150", "PM2.5_1h", "75"));
    }

    Readings.WaterInput water(int round, int hour) {
        return new Readings.WaterInput(section, "%d-04-%02dT%02d:00:00+08:00".formatted(year, 1 + round, hour),
                Map.of("DO", "7.0", "NH3N", "1.2"));
    }

    /** Runs both sides of each round at once; every call must succeed. */
    void race(IntFunction<Runnable> one, IntFunction<Runnable> other) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<?>> sides = new ArrayList<>();
                for (Runnable side : List.of(one.apply(round), other.apply(round))) {
                    sides.add(pool.submit(() -> {
                        start.await();
                        side.run();
                        return null;
                    }));
                }
                for (Future<?> f : sides) {
                    f.get(); // a deadlock victim fails here
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    int airReadings(String station) {
        return jdbc.sql("SELECT COUNT(*) FROM eco_air_reading WHERE station_code = :s").param("s", station).query(Integer.class).single();
    }

    @Test
    void readingsOfTwoStationsOfOneCityArrivingTogetherAreBothSaved() throws Exception {
        race(r -> () -> readings.ingestAir(office, List.of(air(xtA, r, 9))),
                r -> () -> readings.ingestAir(office, List.of(air(xtB, r, 9))));
        assertThat(airReadings(xtA)).isEqualTo(ROUNDS);
        assertThat(airReadings(xtB)).isEqualTo(ROUNDS);
    }

    @Test
    void batchesNamingTwoCitiesInOppositeOrdersAreBothSaved() throws Exception {
        race(r -> () -> readings.ingestAir(office, List.of(air(xtA, r, 10), air(zzA, r, 10))),
                r -> () -> readings.ingestAir(office, List.of(air(zzA, r, 11), air(xtA, r, 11))));
        assertThat(airReadings(xtA)).isEqualTo(2 * ROUNDS);
        assertThat(airReadings(zzA)).isEqualTo(2 * ROUNDS);
    }

    @Test
    void twoReadingsOfOneSectionArrivingTogetherAreBothSaved() throws Exception {
        race(r -> () -> readings.ingestWater(office, List.of(water(r, 8))),
                r -> () -> readings.ingestWater(office, List.of(water(r, 9))));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM eco_water_reading WHERE station_code = :s").param("s", section)
                .query(Integer.class).single()).isEqualTo(2 * ROUNDS);
    }
}
