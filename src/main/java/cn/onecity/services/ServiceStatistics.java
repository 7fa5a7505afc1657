package cn.onecity.services;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import cn.onecity.region.City;
import cn.onecity.region.Region;

/** Figures of the service zone, all computed from the records when asked (the 驾驶舱 and statistics page). */
@Service
public class ServiceStatistics {

    private final JdbcClient jdbc;
    private final Region region;

    ServiceStatistics(JdbcClient jdbc, Region region) {
        this.jdbc = jdbc;
        this.region = region;
    }

    /** Applications accepted in one city and handled in another (or the same) city. */
    public record Flow(String fromCity, String fromName, String toCity, String toName, long applications) {
    }

    public record CityItems(String cityCode, String cityName, Map<String, Long> byMode) {
    }

    /**
     * @param onTimeRate        completed cases finished by their due date, in percent (null when none completed)
     * @param averageDays       average working days used by completed cases (pauses excluded)
     * @param satisfactionRate  ratings of 满意 or 非常满意 among counted ratings, in percent
     */
    public record Figures(long publishedItems, Map<String, Long> itemsByMode, List<CityItems> itemsByCity,
            List<Flow> flows, long applications, long inProgress, long completed, long overdueOpen, BigDecimal onTimeRate,
            BigDecimal averageDays, BigDecimal satisfactionRate, long ratings, long openRectifications) {
    }

    public Figures figures() {
        long published = count("SELECT COUNT(*) FROM svc_item WHERE status = 'PUBLISHED'");
        Map<String, Long> byMode = new LinkedHashMap<>();
        for (Mode m : Mode.values()) {
            byMode.put(m.label(), jdbc.sql("SELECT COUNT(*) FROM svc_item WHERE status = 'PUBLISHED' AND modes LIKE :m")
                    .param("m", "%" + m.name() + "%").query(Long.class).single());
        }
        List<CityItems> byCity = new ArrayList<>();
        for (City c : region.cities()) {
            Map<String, Long> modes = new LinkedHashMap<>();
            for (Mode m : Mode.values()) {
                modes.put(m.label(), jdbc.sql("""
                        SELECT COUNT(*) FROM svc_item i JOIN svc_item_department d ON d.item_id = i.id
                        WHERE i.status = 'PUBLISHED' AND d.city_code = :c AND i.modes LIKE :m""")
                        .param("c", c.code()).param("m", "%" + m.name() + "%").query(Long.class).single());
            }
            byCity.add(new CityItems(c.code(), c.shortName(), modes));
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT accept_city_code, handle_city_code, COUNT(*) FROM svc_application WHERE status <> 'WITHDRAWN'
                GROUP BY accept_city_code, handle_city_code""")
                .query(rs -> {
                    counts.put(rs.getString(1) + ">" + rs.getString(2), rs.getLong(3));
                });
        List<Flow> flows = new ArrayList<>();
        for (City from : region.cities()) {
            for (City to : region.cities()) {
                flows.add(new Flow(from.code(), from.shortName(), to.code(), to.shortName(),
                        counts.getOrDefault(from.code() + ">" + to.code(), 0L)));
            }
        }
        long applications = count("SELECT COUNT(*) FROM svc_application WHERE status <> 'WITHDRAWN'");
        long inProgress = count("SELECT COUNT(*) FROM svc_application WHERE status = 'IN_PROGRESS'");
        long completed = count("SELECT COUNT(*) FROM svc_application WHERE status = 'DONE'");
        long onTime = count("SELECT COUNT(*) FROM svc_application WHERE status = 'DONE' AND completed_on <= due_date");
        long overdueOpen = count("SELECT COUNT(*) FROM svc_application WHERE status = 'IN_PROGRESS' AND escalated_at IS NOT NULL");
        Long usedSum = jdbc.sql("SELECT COALESCE(SUM(used_days), 0) FROM svc_application WHERE status = 'DONE' AND used_days IS NOT NULL")
                .query(Long.class).single();
        long usedCount = count("SELECT COUNT(*) FROM svc_application WHERE status = 'DONE' AND used_days IS NOT NULL");
        long ratings = count("SELECT COUNT(*) FROM svc_rating WHERE counted = TRUE");
        long satisfied = count("SELECT COUNT(*) FROM svc_rating WHERE counted = TRUE AND level >= 4");
        long openRect = count("SELECT COUNT(*) FROM svc_rectification WHERE status IN ('OPEN', 'APPEALED')");
        return new Figures(published, byMode, byCity, flows, applications, inProgress, completed, overdueOpen,
                percent(onTime, completed), usedCount == 0 ? null : BigDecimal.valueOf(usedSum).divide(BigDecimal.valueOf(usedCount), 1,
                        RoundingMode.HALF_UP), percent(satisfied, ratings), ratings, openRect);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    static BigDecimal percent(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        return BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
    }
}
