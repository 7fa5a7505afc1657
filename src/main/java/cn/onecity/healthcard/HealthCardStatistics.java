package cn.onecity.healthcard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import cn.onecity.region.City;
import cn.onecity.region.Region;

/** Figures of the 一卡通, all counted from cards, uses and the hospital registry. Aggregates only: public. */
@Service
public class HealthCardStatistics {

    private final JdbcClient jdbc;
    private final Region region;
    private final Hospitals hospitals;

    HealthCardStatistics(JdbcClient jdbc, Region region, Hospitals hospitals) {
        this.jdbc = jdbc;
        this.region = region;
        this.hospitals = hospitals;
    }

    /** A count for one city. */
    public record CityCount(String cityCode, String city, long count) {
    }

    /**
     * @param matrix         uses, rows the holder's home city and columns the hospital's city, in {@code cities} order
     * @param offlineUses    uses that a hospital verified offline and reported afterwards
     * @param crossCityUses  uses at a hospital outside the holder's home city
     * @param coverage       hospitals connected out of registered
     */
    public record Figures(long cards, long uses, long offlineUses, long crossCityUses, List<CityCount> cardsByHomeCity,
            List<CityCount> usesByHospitalCity, List<String> cities, long[][] matrix, Map<String, Long> usesByPurpose,
            int hospitalsRegistered, int hospitalsConnected, double coveragePercent) {
    }

    public Figures figures() {
        List<City> cities = region.cities();
        Map<String, Integer> index = new LinkedHashMap<>();
        cities.forEach(c -> index.put(c.code(), index.size()));
        Map<String, Long> cards = counts("SELECT home_city_code AS c, COUNT(*) AS n FROM hc_card GROUP BY home_city_code");
        Map<String, Long> uses = counts("SELECT hospital_city_code AS c, COUNT(*) AS n FROM hc_use GROUP BY hospital_city_code");
        long[][] matrix = new long[cities.size()][cities.size()];
        long[] cross = new long[1];
        jdbc.sql("SELECT home_city_code AS h, hospital_city_code AS c, COUNT(*) AS n FROM hc_use GROUP BY home_city_code, hospital_city_code")
                .query((rs, i) -> {
                    Integer from = index.get(rs.getString("h"));
                    Integer to = index.get(rs.getString("c"));
                    long n = rs.getLong("n");
                    if (from != null && to != null) {
                        matrix[from][to] += n;
                    }
                    if (!rs.getString("h").equals(rs.getString("c"))) {
                        cross[0] += n;
                    }
                    return null;
                }).list();
        Map<String, Long> purposes = new LinkedHashMap<>();
        Verifications.PURPOSES.forEach(p -> purposes.put(p, 0L));
        jdbc.sql("SELECT purpose, COUNT(*) AS n FROM hc_use GROUP BY purpose")
                .query((rs, i) -> purposes.put(rs.getString("purpose"), rs.getLong("n"))).list();
        long offline = jdbc.sql("SELECT COUNT(*) FROM hc_use WHERE reported_at IS NOT NULL").query(Long.class).single();
        Hospitals.Coverage coverage = hospitals.coverage();
        return new Figures(cards.values().stream().mapToLong(Long::longValue).sum(),
                uses.values().stream().mapToLong(Long::longValue).sum(), offline, cross[0], perCity(cities, cards),
                perCity(cities, uses), cities.stream().map(City::shortName).toList(), matrix, purposes,
                coverage.registered(), coverage.connected(), coverage.percent());
    }

    private Map<String, Long> counts(String sql) {
        Map<String, Long> out = new LinkedHashMap<>();
        jdbc.sql(sql).query((rs, i) -> out.put(rs.getString("c"), rs.getLong("n"))).list();
        return out;
    }

    private static List<CityCount> perCity(List<City> cities, Map<String, Long> counts) {
        List<CityCount> out = new ArrayList<>();
        for (City c : cities) {
            out.add(new CityCount(c.code(), c.shortName(), counts.getOrDefault(c.code(), 0L)));
        }
        return out;
    }
}
