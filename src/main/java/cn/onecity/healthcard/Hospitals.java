package cn.onecity.healthcard;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.AuditLog;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.Organisation;
import cn.onecity.identity.OrganisationKind;
import cn.onecity.identity.Role;
import cn.onecity.region.District;
import cn.onecity.region.Region;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.ConflictException;
import cn.onecity.shared.CreditCodes;
import cn.onecity.shared.FieldMessage;
import cn.onecity.shared.ForbiddenException;
import cn.onecity.shared.NotFoundException;

/**
 * The registry of 二级以上公立医院 in the three cities, maintained by the joint office and administrators. A hospital
 * is connected when it has an organisation on the platform; its HOSPITAL_STAFF accounts verify codes in its name.
 */
@Service
public class Hospitals {

    /** Grades a 二级以上 hospital can hold (《医院分级管理办法》). */
    public static final List<String> GRADES = List.of("三级甲等", "三级乙等", "三级", "二级甲等", "二级乙等", "二级");

    private final JdbcClient jdbc;
    private final Region region;
    private final Accounts accounts;
    private final AuditLog audit;
    private final Clock clock;
    /**
     * organisation id → connected hospital, for the verification path; cleared when a hospital is connected. Per
     * instance, and safe so: it holds connected hospitals only, and a hospital's row does not change once connected.
     */
    private final Map<Long, Hospital> byOrganisation = new ConcurrentHashMap<>();

    Hospitals(JdbcClient jdbc, Region region, Accounts accounts, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.region = region;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
    }

    public static boolean canMaintain(CurrentUser user) {
        return user != null && user.isAny(Role.ADMIN, Role.JOINT_OFFICE);
    }

    public List<Hospital> list() {
        return jdbc.sql("SELECT * FROM hc_hospital ORDER BY city_code, CASE WHEN grade LIKE '三级%' THEN 0 ELSE 1 END, name")
                .query(this::row).list();
    }

    public Hospital get(long id) {
        return jdbc.sql("SELECT * FROM hc_hospital WHERE id = :id").param("id", id).query(this::row).optional()
                .orElseThrow(() -> new NotFoundException("医院不存在"));
    }

    /** Registered and connected hospitals, overall and per city code. */
    public record Coverage(int registered, int connected, Map<String, int[]> byCity) {

        /** Connected out of registered, in per cent with one decimal (0 when none is registered). */
        public double percent() {
            return registered == 0 ? 0 : Math.round(connected * 1000.0 / registered) / 10.0;
        }
    }

    public Coverage coverage() {
        Map<String, int[]> byCity = new java.util.LinkedHashMap<>();
        region.cities().forEach(c -> byCity.put(c.code(), new int[2]));
        int[] total = new int[2];
        jdbc.sql("SELECT city_code, COUNT(*) AS n, COUNT(organisation_id) AS c FROM hc_hospital GROUP BY city_code")
                .query((rs, i) -> {
                    int[] counts = byCity.computeIfAbsent(rs.getString("city_code"), k -> new int[2]);
                    counts[0] = rs.getInt("n");
                    counts[1] = rs.getInt("c");
                    total[0] += counts[0];
                    total[1] += counts[1];
                    return null;
                }).list();
        return new Coverage(total[0], total[1], byCity);
    }

    /** Registers a hospital (not yet connected). */
    @Transactional
    public Hospital register(CurrentUser user, NewHospital h) {
        requireMaintainer(user);
        List<FieldMessage> errors = new ArrayList<>();
        String name = h.name() == null ? "" : h.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            errors.add(new FieldMessage("name", name.isEmpty() ? "请填写医院名称" : "医院名称不超过 100 个字"));
        }
        if (h.grade() == null || !GRADES.contains(h.grade().strip())) {
            errors.add(new FieldMessage("grade", "请选择医院等级（二级及以上）"));
        }
        Optional<District> district = region.districts().stream()
                .filter(d -> d.code().equals(h.districtCode() == null ? "" : h.districtCode().strip())).findFirst();
        if (district.isEmpty()) {
            errors.add(new FieldMessage("districtCode", "请选择长株潭三市的区县"));
        }
        String credit = h.creditCode() == null || h.creditCode().isBlank() ? null : CreditCodes.normalise(h.creditCode());
        if (credit != null) {
            CreditCodes.problem(credit).ifPresent(m -> errors.add(new FieldMessage("creditCode", m)));
        }
        String note = h.note() == null || h.note().isBlank() ? null : h.note().strip();
        if (note != null && note.length() > 200) {
            errors.add(new FieldMessage("note", "备注不超过 200 个字"));
        }
        if (!errors.isEmpty()) {
            throw new BusinessException(400, errors.get(0).message(), errors);
        }
        if (jdbc.sql("SELECT COUNT(*) FROM hc_hospital WHERE name = :n").param("n", name).query(Integer.class).single() > 0) {
            throw new ConflictException("医院“" + name + "”已登记");
        }
        if (credit != null && jdbc.sql("SELECT COUNT(*) FROM hc_hospital WHERE credit_code = :c").param("c", credit)
                .query(Integer.class).single() > 0) {
            throw new ConflictException("统一社会信用代码 " + credit + " 已被其他医院使用");
        }
        jdbc.sql("""
                INSERT INTO hc_hospital (name, grade, city_code, district_code, credit_code, note)
                VALUES (:name, :grade, :city, :district, :credit, :note)""")
                .param("name", name).param("grade", h.grade().strip()).param("city", district.get().cityCode())
                .param("district", district.get().code()).param("credit", credit).param("note", note).update();
        Hospital saved = jdbc.sql("SELECT * FROM hc_hospital WHERE name = :n").param("n", name).query(this::row).single();
        audit.record("healthcard", "登记医院", name, h.grade() + " " + district.get().name());
        return saved;
    }

    /**
     * Connects a hospital: links it to its organisation on the platform (created when none of that name exists), so
     * that staff accounts can be created in it. Connecting again changes nothing.
     */
    @Transactional
    public Hospital connect(CurrentUser user, long hospitalId) {
        requireMaintainer(user);
        Hospital h = get(hospitalId);
        if (h.connected()) {
            return h;
        }
        Optional<Organisation> existing = accounts.organisations().stream().filter(o -> o.name().equals(h.name())).findFirst();
        if (existing.isPresent() && existing.get().kind() != OrganisationKind.HOSPITAL) {
            throw new ConflictException("已有同名的非医院机构“" + h.name() + "”，无法接入");
        }
        long org = existing.isPresent() ? existing.get().id()
                : accounts.createOrganisation(h.name(), OrganisationKind.HOSPITAL, h.cityCode(), null, h.creditCode());
        if (jdbc.sql("SELECT COUNT(*) FROM hc_hospital WHERE organisation_id = :o").param("o", org).query(Integer.class).single() > 0) {
            throw new ConflictException("机构“" + h.name() + "”已对应另一家医院");
        }
        jdbc.sql("UPDATE hc_hospital SET organisation_id = :o, connected_on = :d WHERE id = :id")
                .param("o", org).param("d", LocalDate.now(clock)).param("id", hospitalId).update();
        byOrganisation.clear();
        audit.record("healthcard", "医院接入电子健康卡", h.name(), "机构编号 " + org);
        return get(hospitalId);
    }

    /** The hospital a HOSPITAL_STAFF user works for; 403 for anyone else or a hospital that is not connected. */
    public Hospital hospitalFor(CurrentUser user) {
        if (user == null || !user.is(Role.HOSPITAL_STAFF)) {
            throw new ForbiddenException("仅医院工作人员可以核验电子健康卡");
        }
        Hospital h = byOrganisation.get(user.organisationId());
        if (h == null) {
            h = hospitalOf(user).orElseThrow(() -> new ForbiddenException("您所在的医院尚未接入电子健康卡一卡通，请联系一体化办"));
            byOrganisation.put(user.organisationId(), h);
        }
        return h;
    }

    public Optional<Hospital> hospitalOf(CurrentUser user) {
        if (user == null || !user.is(Role.HOSPITAL_STAFF)) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT * FROM hc_hospital WHERE organisation_id = :o").param("o", user.organisationId())
                .query(this::row).optional();
    }

    private static void requireMaintainer(CurrentUser user) {
        if (!canMaintain(user)) {
            throw new ForbiddenException("仅一体化办和系统管理员可以维护医院名录");
        }
    }

    private Hospital row(ResultSet rs, int i) throws SQLException {
        String city = rs.getString("city_code");
        String district = rs.getString("district_code");
        long org = rs.getLong("organisation_id");
        Long orgId = rs.wasNull() ? null : org;
        java.sql.Date connected = rs.getDate("connected_on");
        return new Hospital(rs.getLong("id"), rs.getString("name"), rs.getString("grade"), city,
                region.cityShortName(city), district,
                region.districts(city).stream().filter(d -> d.code().equals(district)).map(District::name).findFirst().orElse(district),
                rs.getString("credit_code"), orgId, connected == null ? null : connected.toLocalDate(), rs.getString("note"));
    }
}
