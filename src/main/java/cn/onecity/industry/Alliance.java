package cn.onecity.industry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onecity.identity.AuditLog;
import cn.onecity.identity.CurrentUser;
import cn.onecity.region.Region;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.ConflictException;
import cn.onecity.shared.FieldMessage;
import cn.onecity.shared.ForbiddenException;
import cn.onecity.shared.NotFoundException;
import cn.onecity.shared.Times;

/**
 * The alliance (产业协同服务联盟): member service organisations and the services they record for enterprises.
 * A member's own accounts (its organisation) record its services; 工信局 staff and the joint office may record for
 * any member of their scope.
 */
@Service
public class Alliance {

    public static final List<String> SERVICE_TYPES = List.of("检验检测", "工业设计", "知识产权", "融资担保", "人力资源",
            "法律服务", "数字化转型", "技术转移", "供应链金融", "管理咨询", "节能环保", "标准认证", "会展服务", "物流服务");

    private final JdbcClient jdbc;
    private final Enterprises enterprises;
    private final Region region;
    private final AuditLog audit;
    private final Clock clock;

    Alliance(JdbcClient jdbc, Enterprises enterprises, Region region, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.enterprises = enterprises;
        this.region = region;
        this.audit = audit;
        this.clock = clock;
    }

    private static final String MEMBER_SQL = """
            SELECT m.*, (SELECT COUNT(*) FROM ind_service s WHERE s.member_id = m.id) AS services,
                   (SELECT COUNT(DISTINCT s.enterprise_id) FROM ind_service s WHERE s.member_id = m.id) AS served
            FROM ind_alliance_member m""";

    public List<AllianceMember> members() {
        return jdbc.sql(MEMBER_SQL + " ORDER BY m.city_code, m.id").query(this::memberRow).list();
    }

    public AllianceMember member(long id) {
        return jdbc.sql(MEMBER_SQL + " WHERE m.id = :id").param("id", id).query(this::memberRow).optional()
                .orElseThrow(() -> new NotFoundException("联盟成员不存在"));
    }

    /** The member an account records for (its organisation is a member), if any. */
    public java.util.Optional<AllianceMember> memberOfOrganisation(long organisationId) {
        return jdbc.sql(MEMBER_SQL + " WHERE m.organisation_id = :o ORDER BY m.id").param("o", organisationId)
                .query(this::memberRow).list().stream().findFirst();
    }

    /** Admits a member (joint office or 工信局 staff of its city; demo data passes null). */
    @Transactional
    public long admit(CurrentUser user, String name, String cityCode, String serviceArea, Long organisationId,
            LocalDate joinedOn, String note) {
        if (user != null && !Enterprises.isStaffFor(user, cityCode)) {
            throw new ForbiddenException("只有一体化办或本市工业和信息化局可以吸纳联盟成员");
        }
        if (name == null || name.isBlank()) {
            throw BusinessException.invalid("name", "请填写成员单位名称");
        }
        if (region.findCity(cityCode == null ? "" : cityCode).isEmpty()) {
            throw BusinessException.invalid("cityCode", "请选择所在城市");
        }
        if (serviceArea == null || serviceArea.isBlank()) {
            throw BusinessException.invalid("serviceArea", "请填写服务领域");
        }
        if (jdbc.sql("SELECT COUNT(*) FROM ind_alliance_member WHERE name = :n").param("n", name.strip()).query(Long.class).single() > 0) {
            throw new ConflictException("联盟成员“" + name.strip() + "”已存在");
        }
        jdbc.sql("""
                INSERT INTO ind_alliance_member (name, city_code, service_area, organisation_id, joined_on, note)
                VALUES (:n, :c, :a, :o, :j, :note)""")
                .param("n", name.strip()).param("c", cityCode).param("a", serviceArea.strip()).param("o", organisationId)
                .param("j", joinedOn == null ? LocalDate.now(clock.withZone(Times.ZONE)) : joinedOn).param("note", note)
                .update();
        audit.record("industry", "吸纳联盟成员", name.strip(), serviceArea);
        return jdbc.sql("SELECT id FROM ind_alliance_member WHERE name = :n").param("n", name.strip()).query(Long.class).single();
    }

    /** Records a service: by the member's own account, or by staff; the enterprise must be in the directory. */
    @Transactional
    public long recordService(CurrentUser user, long memberId, Long enterpriseId, String serviceType, String servedOn,
            String outcome) {
        AllianceMember m = member(memberId);
        boolean own = user != null && m.organisationId() != null && m.organisationId() == user.organisationId();
        if (user != null && !own && !Enterprises.isStaffFor(user, m.cityCode())) {
            audit.recordFailure("industry", "登记联盟服务", m.name(), "非该成员单位");
            throw new ForbiddenException("只有成员单位本身或所在市工业和信息化局、一体化办可以登记服务记录");
        }
        List<FieldMessage> errors = new ArrayList<>();
        if (enterpriseId == null || enterprises.find(enterpriseId).isEmpty()) {
            errors.add(new FieldMessage("enterpriseId", "请选择企业库中的服务对象企业"));
        }
        if (serviceType == null || serviceType.isBlank()) {
            errors.add(new FieldMessage("serviceType", "请填写服务类型"));
        } else if (serviceType.strip().length() > 50) {
            errors.add(new FieldMessage("serviceType", "服务类型不能超过 50 字"));
        }
        LocalDate date = null;
        LocalDate today = LocalDate.now(clock.withZone(Times.ZONE));
        if (servedOn == null || servedOn.isBlank()) {
            errors.add(new FieldMessage("servedOn", "请填写服务日期"));
        } else {
            try {
                date = LocalDate.parse(servedOn.strip());
                if (date.isAfter(today)) {
                    errors.add(new FieldMessage("servedOn", "服务日期不能晚于今天"));
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldMessage("servedOn", "服务日期格式应为 yyyy-MM-dd"));
            }
        }
        if (outcome == null || outcome.isBlank()) {
            errors.add(new FieldMessage("outcome", "请填写服务成效"));
        } else if (outcome.strip().length() > 1000) {
            errors.add(new FieldMessage("outcome", "服务成效不能超过 1000 字"));
        }
        if (!errors.isEmpty()) {
            throw new BusinessException(400, errors.get(0).message(), errors);
        }
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO ind_service (member_id, enterprise_id, service_type, served_on, outcome, created_by, created_at)
                VALUES (:m, :e, :t, :d, :o, :u, :now)""")
                .param("m", memberId).param("e", enterpriseId).param("t", serviceType.strip()).param("d", date)
                .param("o", outcome.strip()).param("u", user == null ? 0L : user.accountId())
                .param("now", OffsetDateTime.now(clock)).update(keys, "id");
        audit.record("industry", "登记联盟服务", m.name(), "企业#" + enterpriseId + " " + serviceType.strip());
        return keys.getKey().longValue();
    }

    /** Service records, newest first; {@code memberId} optional. */
    public List<ServiceRecord> services(Long memberId, int limit) {
        String where = memberId == null ? "" : " WHERE s.member_id = :m";
        var spec = jdbc.sql("""
                SELECT s.id, s.member_id, m.name AS member_name, s.enterprise_id, e.name AS enterprise_name,
                       e.city_code, s.service_type, s.served_on, s.outcome
                FROM ind_service s JOIN ind_alliance_member m ON m.id = s.member_id
                JOIN ind_enterprise e ON e.id = s.enterprise_id""" + where
                + " ORDER BY s.served_on DESC, s.id DESC LIMIT " + Math.max(1, Math.min(limit, 500)));
        if (memberId != null) {
            spec = spec.param("m", memberId);
        }
        return spec.query((rs, i) -> new ServiceRecord(rs.getLong("id"), rs.getLong("member_id"),
                rs.getString("member_name"), rs.getLong("enterprise_id"), rs.getString("enterprise_name"),
                rs.getString("city_code"), rs.getString("service_type"), rs.getObject("served_on", LocalDate.class),
                rs.getString("outcome"))).list();
    }

    public AllianceStatistics statistics() {
        Map<String, Long> byType = new LinkedHashMap<>();
        jdbc.sql("SELECT service_type, COUNT(*) AS n FROM ind_service GROUP BY service_type ORDER BY n DESC, service_type")
                .query((rs, i) -> byType.put(rs.getString("service_type"), rs.getLong("n"))).list();
        return jdbc.sql("""
                SELECT (SELECT COUNT(*) FROM ind_alliance_member) AS members, (SELECT COUNT(*) FROM ind_service) AS services,
                       (SELECT COUNT(DISTINCT enterprise_id) FROM ind_service) AS served""")
                .query((rs, i) -> new AllianceStatistics(rs.getLong("members"), rs.getLong("services"),
                        rs.getLong("served"), byType))
                .single();
    }

    private AllianceMember memberRow(ResultSet rs, int i) throws SQLException {
        long org = rs.getLong("organisation_id");
        Long orgId = rs.wasNull() ? null : org;
        return new AllianceMember(rs.getLong("id"), rs.getString("name"), rs.getString("city_code"),
                region.cityShortName(rs.getString("city_code")), rs.getString("service_area"), orgId,
                rs.getObject("joined_on", LocalDate.class), rs.getString("note"), rs.getLong("services"),
                rs.getLong("served"));
    }
}
