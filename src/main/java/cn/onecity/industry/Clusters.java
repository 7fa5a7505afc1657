package cn.onecity.industry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onecity.identity.AuditLog;
import cn.onecity.region.District;
import cn.onecity.region.Region;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.ConflictException;
import cn.onecity.shared.NotFoundException;

/** Industrial clusters of the "世界级—国家级—省级" system and their member enterprises. */
@Service
public class Clusters {

    private final JdbcClient jdbc;
    private final Region region;
    private final AuditLog audit;

    Clusters(JdbcClient jdbc, Region region, AuditLog audit) {
        this.jdbc = jdbc;
        this.region = region;
        this.audit = audit;
    }

    private static final String SQL = """
            SELECT c.*, (SELECT COUNT(*) FROM ind_cluster_member m WHERE m.cluster_id = c.id) AS members
            FROM ind_cluster c""";

    /** All clusters, highest level first. */
    public List<Cluster> list() {
        return jdbc.sql(SQL + " ORDER BY c.id").query(this::row).list().stream()
                .sorted((a, b) -> a.level() != b.level() ? a.level().compareTo(b.level()) : Long.compare(a.id(), b.id()))
                .toList();
    }

    public Cluster get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("产业集群不存在"));
    }

    public Optional<Cluster> find(long id) {
        return jdbc.sql(SQL + " WHERE c.id = :id").param("id", id).query(this::row).optional();
    }

    /** Clusters per level, computed from the records (every level present, possibly 0). */
    public Map<ClusterLevel, Long> countByLevel() {
        Map<ClusterLevel, Long> counts = new EnumMap<>(ClusterLevel.class);
        for (ClusterLevel l : ClusterLevel.values()) {
            counts.put(l, 0L);
        }
        jdbc.sql("SELECT level_code, COUNT(*) AS n FROM ind_cluster GROUP BY level_code")
                .query((rs, i) -> counts.put(ClusterLevel.valueOf(rs.getString("level_code")), rs.getLong("n"))).list();
        return counts;
    }

    /** As {@link #create}, for a user: the joint office or a city's 工业和信息化局. */
    @Transactional
    public long create(cn.onecity.identity.CurrentUser user, String name, ClusterLevel level, String leadIndustry,
            Integer sinceYear, List<String> cityCodes, List<String> districtCodes, String note) {
        if (!Enterprises.isStaff(user)) {
            audit.recordFailure("industry", "登记产业集群", name, "角色不允许");
            throw new cn.onecity.shared.ForbiddenException("只有一体化办或市工业和信息化局可以登记产业集群");
        }
        if (sinceYear != null && (sinceYear < 1990 || sinceYear > 2100)) {
            throw BusinessException.invalid("sinceYear", "认定年份应在 1990–2100 之间");
        }
        return create(name, level, leadIndustry, sinceYear, cityCodes == null ? List.of() : cityCodes,
                districtCodes == null ? List.of() : districtCodes, note);
    }

    /**
     * Records a cluster (reference data: demo data and staff maintenance). Districts must be of the three cities;
     * the cities follow from the districts, or are given when the cluster spans whole cities.
     */
    @Transactional
    public long create(String name, ClusterLevel level, String leadIndustry, Integer sinceYear, List<String> cityCodes,
            List<String> districtCodes, String note) {
        if (name == null || name.isBlank()) {
            throw BusinessException.invalid("name", "请填写集群名称");
        }
        if (level == null) {
            throw BusinessException.invalid("level", "请选择集群级别");
        }
        if (leadIndustry == null || leadIndustry.isBlank()) {
            throw BusinessException.invalid("leadIndustry", "请填写主导产业");
        }
        if (cityCodes.isEmpty() && districtCodes.isEmpty()) {
            throw BusinessException.invalid("cityCodes", "请至少选择一个城市或区县");
        }
        for (String d : districtCodes) {
            if (region.districts().stream().noneMatch(x -> x.code().equals(d))) {
                throw BusinessException.invalid("districtCodes", "区县代码“" + d + "”不是长株潭三市的区县");
            }
        }
        for (String c : cityCodes) {
            if (region.findCity(c).isEmpty()) {
                throw BusinessException.invalid("cityCodes", "城市代码“" + c + "”无效");
            }
        }
        if (jdbc.sql("SELECT COUNT(*) FROM ind_cluster WHERE name = :n").param("n", name.strip()).query(Long.class).single() > 0) {
            throw new ConflictException("集群“" + name + "”已存在");
        }
        java.util.LinkedHashSet<String> cities = new java.util.LinkedHashSet<>(cityCodes);
        districtCodes.forEach(d -> region.districts().stream().filter(x -> x.code().equals(d)).findFirst()
                .ifPresent(x -> cities.add(x.cityCode())));
        jdbc.sql("""
                INSERT INTO ind_cluster (name, level_code, lead_industry, since_year, city_codes, district_codes, note)
                VALUES (:name, :level, :lead, :since, :cities, :districts, :note)""")
                .param("name", name.strip()).param("level", level.name()).param("lead", leadIndustry.strip())
                .param("since", sinceYear).param("cities", String.join(",", cities))
                .param("districts", String.join(",", districtCodes)).param("note", note).update();
        audit.record("industry", "登记产业集群", name, level.label());
        return jdbc.sql("SELECT id FROM ind_cluster WHERE name = :n").param("n", name.strip()).query(Long.class).single();
    }

    private Cluster row(ResultSet rs, int i) throws SQLException {
        List<String> cities = split(rs.getString("city_codes"));
        List<String> districts = split(rs.getString("district_codes"));
        int since = rs.getInt("since_year");
        Integer sinceYear = rs.wasNull() ? null : since;
        return new Cluster(rs.getLong("id"), rs.getString("name"), ClusterLevel.valueOf(rs.getString("level_code")),
                rs.getString("lead_industry"), sinceYear, cities, cities.stream().map(region::cityShortName).toList(),
                districts, districts.stream().map(d -> region.districts().stream().filter(x -> x.code().equals(d))
                        .map(District::name).findFirst().orElse(d)).toList(),
                rs.getString("note"), rs.getLong("members"));
    }

    private static List<String> split(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }
}
