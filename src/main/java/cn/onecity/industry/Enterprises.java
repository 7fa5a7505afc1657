package cn.onecity.industry;

import cn.onecity.shared.CreditCodes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onecity.identity.AuditLog;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.Role;
import cn.onecity.notification.Notifications;
import cn.onecity.region.District;
import cn.onecity.region.Region;
import cn.onecity.search.SearchDocument;
import cn.onecity.search.SearchIndex;
import cn.onecity.search.SearchSource;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.ConflictException;
import cn.onecity.shared.FieldMessage;
import cn.onecity.shared.ForbiddenException;
import cn.onecity.shared.NotFoundException;
import cn.onecity.shared.PageResult;

/**
 * The enterprise directory: registration (by 工信局 staff, the joint office, or an enterprise for itself), claims
 * by credit code confirmed by the city's 工业和信息化局, profile edits by the owner only, and the search collection
 * {@value #COLLECTION} that matching queries.
 */
@Service
public class Enterprises implements SearchSource {

    public static final String COLLECTION = "industry.enterprise";
    /** The department kind of 工业和信息化局 (V001). */
    public static final String GXJ = "GXJ";

    private final JdbcClient jdbc;
    private final Region region;
    private final AuditLog audit;
    private final SearchIndex index;
    private final Notifications notifications;
    private final Clock clock;

    Enterprises(JdbcClient jdbc, Region region, AuditLog audit, SearchIndex index, Notifications notifications,
            Clock clock) {
        this.jdbc = jdbc;
        this.region = region;
        this.audit = audit;
        this.index = index;
        this.notifications = notifications;
        this.clock = clock;
    }

    // ---- permissions ------------------------------------------------------------------------------------------

    /** The joint office and administrators for every city; a city's 工信局 staff for their city. */
    public static boolean isStaffFor(CurrentUser user, String cityCode) {
        if (user == null) {
            return false;
        }
        if (user.isAny(Role.JOINT_OFFICE, Role.ADMIN)) {
            return true;
        }
        return user.is(Role.CITY_STAFF) && GXJ.equals(user.departmentKind())
                && (cityCode == null || cityCode.equals(user.cityCode()));
    }

    /** Industry staff of any city (for menus). */
    public static boolean isStaff(CurrentUser user) {
        return isStaffFor(user, null);
    }

    /** The owning enterprise (confirmed claim) or the staff of its city. */
    public static boolean canEdit(CurrentUser user, Enterprise e) {
        if (user == null) {
            return false;
        }
        if (user.is(Role.ENTERPRISE)) {
            return e.organisationId() != null && e.organisationId() == user.organisationId();
        }
        return isStaffFor(user, e.cityCode());
    }

    // ---- reading ----------------------------------------------------------------------------------------------

    public List<Park> parks() {
        return jdbc.sql("SELECT code, name, city_code, district_code FROM ind_park ORDER BY sort_order")
                .query(Park.class).list();
    }

    public Optional<Park> park(String code) {
        return parks().stream().filter(p -> p.code().equals(code)).findFirst();
    }

    public Enterprise get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("企业不存在"));
    }

    public Optional<Enterprise> find(long id) {
        return jdbc.sql("SELECT * FROM ind_enterprise WHERE id = :id").param("id", id).query(this::row).optional()
                .map(this::withTags);
    }

    public Optional<Enterprise> findByCreditCode(String creditCode) {
        return jdbc.sql("SELECT * FROM ind_enterprise WHERE credit_code = :c").param("c", CreditCodes.normalise(creditCode))
                .query(this::row).optional().map(this::withTags);
    }

    /** The enterprise whose claim the organisation holds (confirmed), if any. */
    public Optional<Enterprise> ofOrganisation(long organisationId) {
        return jdbc.sql("SELECT * FROM ind_enterprise WHERE organisation_id = :o ORDER BY id")
                .param("o", organisationId).query(this::row).list().stream().findFirst().map(this::withTags);
    }

    public PageResult<Enterprise> list(EnterpriseFilter f, int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE 1=1");
        Map<String, Object> params = new HashMap<>();
        if (f.q() != null && !f.q().isBlank()) {
            where.append(" AND (e.name LIKE :q OR e.credit_code LIKE :q OR e.products LIKE :q OR e.capabilities LIKE :q)");
            params.put("q", "%" + f.q().strip() + "%");
        }
        if (f.cityCode() != null && !f.cityCode().isBlank()) {
            where.append(" AND e.city_code = :city");
            params.put("city", f.cityCode());
        }
        if (f.size() != null) {
            where.append(" AND e.size_class = :size");
            params.put("size", f.size().name());
        }
        if (f.chainId() != null) {
            where.append(" AND e.id IN (SELECT es.enterprise_id FROM ind_enterprise_segment es"
                    + " JOIN ind_segment s ON s.id = es.segment_id WHERE s.chain_id = :chain)");
            params.put("chain", f.chainId());
        }
        if (f.clusterId() != null) {
            where.append(" AND e.id IN (SELECT enterprise_id FROM ind_cluster_member WHERE cluster_id = :cluster)");
            params.put("cluster", f.clusterId());
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM ind_enterprise e" + where).params(params).query(Long.class).single();
        List<Enterprise> rows = jdbc.sql("SELECT e.* FROM ind_enterprise e" + where + " ORDER BY e.city_code, e.name, e.id"
                + " LIMIT " + size + " OFFSET " + ((long) page * size)).params(params).query(this::row).list()
                .stream().map(this::withTags).toList();
        return new PageResult<>(rows, page, size, total);
    }

    /** Enterprises per city code, computed from the directory. */
    public Map<String, Long> countByCity() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("SELECT city_code, COUNT(*) AS n FROM ind_enterprise GROUP BY city_code")
                .query((rs, i) -> counts.put(rs.getString("city_code"), rs.getLong("n"))).list();
        return counts;
    }

    // ---- registration and edits -------------------------------------------------------------------------------

    /**
     * Registers an enterprise. Staff register for their city; an ENTERPRISE registers itself, which files a claim
     * that the city's 工信局 confirms. An invalid field → 400 naming it; a known credit code → 409.
     */
    @Transactional
    public long register(CurrentUser user, EnterpriseDraft draft) {
        if (user == null || !(user.is(Role.ENTERPRISE) || isStaff(user))) {
            audit.recordFailure("industry", "登记企业", draft == null ? null : draft.name(), "角色不允许");
            throw new ForbiddenException("只有企业本身、市工业和信息化局工作人员或一体化办可以登记企业");
        }
        Valid v = validate(draft, true);
        if (!isStaffFor(user, v.cityCode()) && !user.is(Role.ENTERPRISE)) {
            audit.recordFailure("industry", "登记企业", v.creditCode(), "跨市登记");
            throw new ForbiddenException("只能登记本市的企业：" + region.cityShortName(v.cityCode()) + "的企业由该市工业和信息化局登记");
        }
        if (user.is(Role.ENTERPRISE)) {
            ofOrganisation(user.organisationId()).ifPresent(e -> {
                throw new ConflictException("本机构已认领企业“" + e.name() + "”，不能再登记其他企业");
            });
        }
        long id = insert(v);
        audit.record("industry", "登记企业", v.creditCode(), v.name());
        if (user.is(Role.ENTERPRISE)) {
            insertClaim(id, user, "企业自主登记");
            notifyStaff(v.cityCode(), v.name());
        }
        reindex(id);
        return id;
    }

    /** Registers without a user (demo data, imports after their own permission check). */
    @Transactional
    public long registerAsSystem(EnterpriseDraft draft) {
        long id = insert(validate(draft, true));
        reindex(id);
        return id;
    }

    /** Edits the profile: the owner or the city's staff; the credit code cannot change. */
    @Transactional
    public void update(CurrentUser user, long id, EnterpriseDraft draft) {
        Enterprise e = get(id);
        if (!canEdit(user, e)) {
            audit.recordFailure("industry", "修改企业信息", e.creditCode(), "非本企业");
            throw new ForbiddenException("只能修改本企业的信息：企业“" + e.name() + "”不属于当前账户所在机构");
        }
        if (draft.creditCode() != null && !draft.creditCode().isBlank()
                && !CreditCodes.normalise(draft.creditCode()).equals(e.creditCode())) {
            throw BusinessException.invalid("creditCode", "统一社会信用代码不可修改");
        }
        EnterpriseDraft withCode = new EnterpriseDraft(draft.name(), e.creditCode(), draft.districtCode(),
                draft.parkCode(), draft.size(), draft.products(), draft.capabilities(), draft.segmentIds(),
                draft.clusterIds());
        Valid v = validate(withCode, false);
        if (user.is(Role.CITY_STAFF) && !v.cityCode().equals(e.cityCode())) {
            throw BusinessException.invalid("districtCode", "不能把企业迁到其他城市：请由迁入地工业和信息化局重新登记");
        }
        jdbc.sql("""
                UPDATE ind_enterprise SET name = :name, city_code = :city, district_code = :district, park_code = :park,
                       size_class = :size, products = :products, capabilities = :caps, updated_at = :now WHERE id = :id""")
                .param("name", v.name()).param("city", v.cityCode()).param("district", v.districtCode())
                .param("park", v.parkCode()).param("size", v.size().name()).param("products", v.products())
                .param("caps", v.capabilities()).param("now", OffsetDateTime.now(clock)).param("id", id).update();
        replaceTags(id, v);
        audit.record("industry", "修改企业信息", e.creditCode(), v.name());
        reindex(id);
    }

    /** A validated draft. */
    record Valid(String name, String creditCode, String cityCode, String districtCode, String parkCode,
            EnterpriseSize size, String products, String capabilities, List<Long> segmentIds, List<Long> clusterIds) {
    }

    /** Checks every field, collecting all errors into one 400; with {@code checkDuplicate} a known code → 409. */
    Valid validate(EnterpriseDraft d, boolean checkDuplicate) {
        List<FieldMessage> errors = problems(d);
        if (!errors.isEmpty()) {
            throw new BusinessException(400, errors.get(0).message(), errors);
        }
        String code = CreditCodes.normalise(d.creditCode());
        if (checkDuplicate && findByCreditCode(code).isPresent()) {
            throw new ConflictException("统一社会信用代码“" + code + "”的企业已登记");
        }
        District district = region.districts().stream().filter(x -> x.code().equals(d.districtCode().strip()))
                .findFirst().orElseThrow();
        String park = d.parkCode() == null || d.parkCode().isBlank() ? null : d.parkCode().strip();
        return new Valid(d.name().strip(), code, district.cityCode(), district.code(), park,
                EnterpriseSize.parse(d.size()).orElseThrow(), text(d.products()), text(d.capabilities()),
                List.copyOf(new LinkedHashSet<>(d.segmentIds())), List.copyOf(new LinkedHashSet<>(d.clusterIds())));
    }

    /** Every problem of a draft, one per field (without the duplicate check). */
    public List<FieldMessage> problems(EnterpriseDraft d) {
        List<FieldMessage> errors = new ArrayList<>();
        if (d == null) {
            errors.add(new FieldMessage("name", "请填写企业信息"));
            return errors;
        }
        if (d.name() == null || d.name().isBlank()) {
            errors.add(new FieldMessage("name", "请填写企业名称"));
        } else if (d.name().strip().length() > 200) {
            errors.add(new FieldMessage("name", "企业名称不能超过 200 字"));
        }
        CreditCodes.problem(d.creditCode()).ifPresent(p -> errors.add(new FieldMessage("creditCode", p)));
        String cityCode = null;
        if (d.districtCode() == null || d.districtCode().isBlank()) {
            errors.add(new FieldMessage("districtCode", "请选择所在区县"));
        } else {
            Optional<District> district = region.districts().stream()
                    .filter(x -> x.code().equals(d.districtCode().strip())).findFirst();
            if (district.isEmpty()) {
                errors.add(new FieldMessage("districtCode", "区县代码“" + d.districtCode() + "”不是长株潭三市的区县"));
            } else {
                cityCode = district.get().cityCode();
            }
        }
        if (d.size() == null || d.size().isBlank()) {
            errors.add(new FieldMessage("size", "请选择企业规模（LARGE / MEDIUM / SMALL / MICRO）"));
        } else if (EnterpriseSize.parse(d.size()).isEmpty()) {
            errors.add(new FieldMessage("size", "企业规模“" + d.size() + "”无效，应为 LARGE（大型）、MEDIUM（中型）、SMALL（小型）或 MICRO（微型）"));
        }
        if (d.parkCode() != null && !d.parkCode().isBlank()) {
            Optional<Park> park = park(d.parkCode().strip());
            if (park.isEmpty()) {
                errors.add(new FieldMessage("parkCode", "园区代码“" + d.parkCode() + "”不存在"));
            } else if (cityCode != null && !park.get().cityCode().equals(cityCode)) {
                errors.add(new FieldMessage("parkCode", "园区“" + park.get().name() + "”不在企业所在城市"));
            }
        }
        if (text(d.products()).length() > 2000 || text(d.capabilities()).length() > 2000) {
            errors.add(new FieldMessage("products", "主要产品和能力各不能超过 2000 字"));
        }
        for (Long s : d.segmentIds()) {
            if (s == null || jdbc.sql("SELECT COUNT(*) FROM ind_segment WHERE id = :id").param("id", s).query(Long.class).single() == 0) {
                errors.add(new FieldMessage("segmentIds", "产业链环节“" + s + "”不存在"));
                break;
            }
        }
        for (Long c : d.clusterIds()) {
            if (c == null || jdbc.sql("SELECT COUNT(*) FROM ind_cluster WHERE id = :id").param("id", c).query(Long.class).single() == 0) {
                errors.add(new FieldMessage("clusterIds", "产业集群“" + c + "”不存在"));
                break;
            }
        }
        return errors;
    }

    long insert(Valid v) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("""
                INSERT INTO ind_enterprise (name, credit_code, city_code, district_code, park_code, size_class, products,
                                            capabilities, created_at, updated_at)
                VALUES (:name, :code, :city, :district, :park, :size, :products, :caps, :now, :now)""")
                .param("name", v.name()).param("code", v.creditCode()).param("city", v.cityCode())
                .param("district", v.districtCode()).param("park", v.parkCode()).param("size", v.size().name())
                .param("products", v.products()).param("caps", v.capabilities()).param("now", now).update();
        long id = jdbc.sql("SELECT id FROM ind_enterprise WHERE credit_code = :c").param("c", v.creditCode())
                .query(Long.class).single();
        replaceTags(id, v);
        return id;
    }

    private void replaceTags(long id, Valid v) {
        jdbc.sql("DELETE FROM ind_enterprise_segment WHERE enterprise_id = :id").param("id", id).update();
        jdbc.sql("DELETE FROM ind_cluster_member WHERE enterprise_id = :id").param("id", id).update();
        for (Long s : v.segmentIds()) {
            jdbc.sql("INSERT INTO ind_enterprise_segment (enterprise_id, segment_id) VALUES (:e, :s)")
                    .param("e", id).param("s", s).update();
        }
        for (Long c : v.clusterIds()) {
            jdbc.sql("INSERT INTO ind_cluster_member (cluster_id, enterprise_id) VALUES (:c, :e)")
                    .param("c", c).param("e", id).update();
        }
    }

    // ---- claims -----------------------------------------------------------------------------------------------

    /** An ENTERPRISE claims the enterprise with this credit code; the city's 工信局 confirms. */
    @Transactional
    public long claim(CurrentUser user, String creditCode) {
        if (user == null || !user.is(Role.ENTERPRISE)) {
            throw new ForbiddenException("只有企业账户可以认领企业");
        }
        CreditCodes.problem(creditCode).ifPresent(p -> {
            throw BusinessException.invalid("creditCode", p);
        });
        Enterprise e = findByCreditCode(creditCode).orElseThrow(() -> new NotFoundException(
                "统一社会信用代码“" + CreditCodes.normalise(creditCode) + "”的企业尚未登记，请先登记企业"));
        if (e.organisationId() != null) {
            if (e.organisationId() == user.organisationId()) {
                throw new ConflictException("本机构已认领企业“" + e.name() + "”");
            }
            throw new ConflictException("企业“" + e.name() + "”已被其他机构认领；如有异议请联系" + region.cityShortName(e.cityCode()) + "市工业和信息化局");
        }
        ofOrganisation(user.organisationId()).ifPresent(o -> {
            throw new ConflictException("本机构已认领企业“" + o.name() + "”，不能再认领其他企业");
        });
        long pending = jdbc.sql("SELECT COUNT(*) FROM ind_claim WHERE enterprise_id = :e AND organisation_id = :o AND status = 'PENDING'")
                .param("e", e.id()).param("o", user.organisationId()).query(Long.class).single();
        if (pending > 0) {
            throw new ConflictException("已提交对企业“" + e.name() + "”的认领申请，请等待工业和信息化局确认");
        }
        long id = insertClaim(e.id(), user, null);
        audit.record("industry", "认领企业", e.creditCode(), e.name());
        notifyStaff(e.cityCode(), e.name());
        return id;
    }

    private long insertClaim(long enterpriseId, CurrentUser user, String note) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO ind_claim (enterprise_id, organisation_id, account_id, status, note, created_at)
                VALUES (:e, :o, :a, 'PENDING', :note, :now)""")
                .param("e", enterpriseId).param("o", user.organisationId()).param("a", user.accountId())
                .param("note", note).param("now", OffsetDateTime.now(clock)).update(keys, "id");
        return keys.getKey().longValue();
    }

    private void notifyStaff(String cityCode, String enterpriseName) {
        jdbc.sql("SELECT id FROM idn_organisation WHERE department_code = :d").param("d", cityCode + "-" + GXJ)
                .query(Long.class).list().forEach(org -> notifications.sendToOrganisation(org, "产业协同",
                        "企业认领待确认：" + enterpriseName, "有企业申请认领“" + enterpriseName + "”，请核实后确认或驳回。",
                        "/industry/claims"));
    }

    /** The city's 工信局 (or the joint office) confirms or rejects a pending claim. */
    @Transactional
    public void decideClaim(CurrentUser user, long claimId, boolean confirm, String note) {
        Claim c = claim(claimId);
        if (!isStaffFor(user, c.cityCode())) {
            audit.recordFailure("industry", "审核企业认领", c.creditCode(), "非本市工业和信息化局");
            throw new ForbiddenException("只有" + region.cityShortName(c.cityCode()) + "市工业和信息化局可以审核该企业的认领");
        }
        if (!"PENDING".equals(c.status())) {
            throw new ConflictException("该认领已处理（" + c.statusLabel() + "）");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (confirm) {
            Enterprise e = get(c.enterpriseId());
            if (e.organisationId() != null) {
                throw new ConflictException("企业“" + e.name() + "”已被认领");
            }
            if (ofOrganisation(c.organisationId()).isPresent()) {
                throw new ConflictException("申请机构已认领其他企业");
            }
            jdbc.sql("UPDATE ind_enterprise SET organisation_id = :o, updated_at = :now WHERE id = :id")
                    .param("o", c.organisationId()).param("now", now).param("id", c.enterpriseId()).update();
            // other pending claims of the same enterprise lose
            jdbc.sql("""
                    UPDATE ind_claim SET status = 'REJECTED', note = '企业已由其他机构认领', decided_by = :u, decided_at = :now
                    WHERE enterprise_id = :e AND status = 'PENDING' AND id <> :id""")
                    .param("u", user.accountId()).param("now", now).param("e", c.enterpriseId()).param("id", claimId).update();
        } else if (note == null || note.isBlank()) {
            throw BusinessException.invalid("note", "驳回认领须填写理由");
        }
        jdbc.sql("UPDATE ind_claim SET status = :s, note = COALESCE(:note, note), decided_by = :u, decided_at = :now WHERE id = :id")
                .param("s", confirm ? "CONFIRMED" : "REJECTED").param("note", note == null || note.isBlank() ? null : note.strip())
                .param("u", user.accountId()).param("now", now).param("id", claimId).update();
        audit.record("industry", confirm ? "确认企业认领" : "驳回企业认领", c.creditCode(), c.organisationName());
        notifications.sendToOrganisation(c.organisationId(), "产业协同",
                (confirm ? "企业认领已确认：" : "企业认领被驳回：") + c.enterpriseName(),
                confirm ? "现在可以维护企业信息、发布供需。" : "理由：" + note, "/industry/enterprises/" + c.enterpriseId());
    }

    public Claim claim(long claimId) {
        return jdbc.sql(CLAIM_SQL + " WHERE c.id = :id").param("id", claimId).query(Enterprises::claimRow).optional()
                .orElseThrow(() -> new NotFoundException("认领申请不存在"));
    }

    /** Claims the user may decide (staff: their city's) or has filed (enterprise: its organisation's), newest first. */
    public List<Claim> claims(CurrentUser user, boolean pendingOnly) {
        String status = pendingOnly ? " AND c.status = 'PENDING'" : "";
        if (user.is(Role.ENTERPRISE)) {
            return jdbc.sql(CLAIM_SQL + " WHERE c.organisation_id = :o" + status + " ORDER BY c.id DESC")
                    .param("o", user.organisationId()).query(Enterprises::claimRow).list();
        }
        if (user.isAny(Role.JOINT_OFFICE, Role.ADMIN)) {
            return jdbc.sql(CLAIM_SQL + " WHERE 1=1" + status + " ORDER BY c.id DESC LIMIT 200").query(Enterprises::claimRow).list();
        }
        if (isStaff(user)) {
            return jdbc.sql(CLAIM_SQL + " WHERE e.city_code = :city" + status + " ORDER BY c.id DESC LIMIT 200")
                    .param("city", user.cityCode()).query(Enterprises::claimRow).list();
        }
        throw new ForbiddenException("无权查看企业认领");
    }

    private static final String CLAIM_SQL = """
            SELECT c.id, c.enterprise_id, e.name AS enterprise_name, e.credit_code, e.city_code, c.organisation_id,
                   o.name AS organisation_name, c.status, c.note, c.created_at
            FROM ind_claim c JOIN ind_enterprise e ON e.id = c.enterprise_id
            JOIN idn_organisation o ON o.id = c.organisation_id""";

    private static Claim claimRow(ResultSet rs, int i) throws SQLException {
        return new Claim(rs.getLong("id"), rs.getLong("enterprise_id"), rs.getString("enterprise_name"),
                rs.getString("credit_code"), rs.getString("city_code"), rs.getLong("organisation_id"),
                rs.getString("organisation_name"), rs.getString("status"), rs.getString("note"),
                rs.getObject("created_at", OffsetDateTime.class));
    }

    // ---- search -----------------------------------------------------------------------------------------------

    @Override
    public String collection() {
        return COLLECTION;
    }

    /** Filter keys of the enterprise documents: the city code, the chain segment ids and the cluster ids. */
    static final String CITY = "city";
    static final String SEGMENT = "segment";
    static final String CLUSTER = "cluster";

    /**
     * Every enterprise's document, read in four queries (the index is rebuilt from this at start-up). Besides the
     * text, a document carries what matching needs to rank a hit without reading the database (filters {@value
     * #CITY}, {@value #SEGMENT}, {@value #CLUSTER}; the title is the name): so every change of an enterprise's
     * name, city, segments or clusters must {@link #reindex} it, as {@link #register} and {@link #update} do.
     */
    @Override
    public Stream<SearchDocument> all() {
        Map<Long, StringBuilder> extra = new HashMap<>();
        Map<Long, List<String>> segments = new HashMap<>();
        Map<Long, List<String>> clusters = new HashMap<>();
        jdbc.sql("""
                SELECT es.enterprise_id, s.id, c.name AS chain_name, s.name FROM ind_enterprise_segment es
                JOIN ind_segment s ON s.id = es.segment_id JOIN ind_chain c ON c.id = s.chain_id""")
                .query((rs, i) -> {
                    long e = rs.getLong("enterprise_id");
                    segments.computeIfAbsent(e, k -> new ArrayList<>()).add(Long.toString(rs.getLong("id")));
                    return extra.computeIfAbsent(e, k -> new StringBuilder())
                            .append(rs.getString("chain_name")).append(' ').append(rs.getString("name")).append('\n');
                })
                .list();
        jdbc.sql("SELECT enterprise_id, cluster_id FROM ind_cluster_member")
                .query((rs, i) -> clusters.computeIfAbsent(rs.getLong("enterprise_id"), k -> new ArrayList<>())
                        .add(Long.toString(rs.getLong("cluster_id"))))
                .list();
        jdbc.sql("SELECT enterprise_id, title, description, capacity FROM ind_supply ORDER BY id")
                .query((rs, i) -> extra.computeIfAbsent(rs.getLong("enterprise_id"), k -> new StringBuilder())
                        .append(rs.getString("title")).append(' ').append(rs.getString("description")).append(' ')
                        .append(rs.getString("capacity")).append('\n'))
                .list();
        return jdbc.sql("SELECT id, name, city_code, products, capabilities FROM ind_enterprise ORDER BY id")
                .query((rs, i) -> {
                    long id = rs.getLong("id");
                    return new SearchDocument(COLLECTION, Long.toString(id), rs.getString("name"),
                            rs.getString("products") + "\n" + rs.getString("capabilities") + "\n"
                                    + extra.getOrDefault(id, new StringBuilder()),
                            filters(rs.getString("city_code"), segments.getOrDefault(id, List.of()),
                                    clusters.getOrDefault(id, List.of())));
                })
                .list().stream();
    }

    private static Map<String, List<String>> filters(String cityCode, List<String> segmentIds, List<String> clusterIds) {
        return Map.of(CITY, List.of(cityCode), SEGMENT, segmentIds, CLUSTER, clusterIds);
    }

    @Override
    public Optional<SearchDocument> find(String id) {
        return SearchSource.numericId(id).flatMap(this::find).map(this::document);
    }

    /** Puts the enterprise's current profile, tags and supplies into the index (after commit). */
    public void reindex(long id) {
        find(id).ifPresent(e -> index.upsert(document(e)));
    }

    SearchDocument document(Enterprise e) {
        StringBuilder body = new StringBuilder();
        body.append(e.products()).append('\n').append(e.capabilities()).append('\n');
        e.segments().forEach(s -> body.append(s.chainName()).append(' ').append(s.name()).append('\n'));
        jdbc.sql("SELECT title, description, capacity FROM ind_supply WHERE enterprise_id = :e ORDER BY id")
                .param("e", e.id()).query((rs, i) -> body.append(rs.getString("title")).append(' ')
                        .append(rs.getString("description")).append(' ').append(rs.getString("capacity")).append('\n'))
                .list();
        return new SearchDocument(COLLECTION, Long.toString(e.id()), e.name(), body.toString(),
                filters(e.cityCode(), e.segments().stream().map(s -> Long.toString(s.id())).toList(),
                        e.clusters().stream().map(c -> Long.toString(c.id())).toList()));
    }

    // ---- rows -------------------------------------------------------------------------------------------------

    private Enterprise row(ResultSet rs, int i) throws SQLException {
        String district = rs.getString("district_code");
        String parkCode = rs.getString("park_code");
        long org = rs.getLong("organisation_id");
        Long orgId = rs.wasNull() ? null : org;
        return new Enterprise(rs.getLong("id"), rs.getString("name"), rs.getString("credit_code"),
                rs.getString("city_code"), region.cityShortName(rs.getString("city_code")), district,
                region.districts().stream().filter(d -> d.code().equals(district)).map(District::name).findFirst().orElse(district),
                parkCode, parkCode == null ? null : park(parkCode).map(Park::name).orElse(parkCode),
                EnterpriseSize.valueOf(rs.getString("size_class")), rs.getString("products"),
                rs.getString("capabilities"), orgId, List.of(), List.of());
    }

    private Enterprise withTags(Enterprise e) {
        List<Enterprise.SegmentRef> segments = jdbc.sql("""
                SELECT s.id, s.chain_id, c.name AS chain_name, s.stage, s.name FROM ind_enterprise_segment es
                JOIN ind_segment s ON s.id = es.segment_id JOIN ind_chain c ON c.id = s.chain_id
                WHERE es.enterprise_id = :e ORDER BY c.sort_order, s.sort_order, s.id""").param("e", e.id())
                .query((rs, i) -> new Enterprise.SegmentRef(rs.getLong("id"), rs.getLong("chain_id"),
                        rs.getString("chain_name"), Stage.valueOf(rs.getString("stage")), rs.getString("name")))
                .list();
        List<Enterprise.ClusterRef> clusters = jdbc.sql("""
                SELECT c.id, c.name, c.level_code FROM ind_cluster_member m JOIN ind_cluster c ON c.id = m.cluster_id
                WHERE m.enterprise_id = :e ORDER BY c.id""").param("e", e.id())
                .query((rs, i) -> new Enterprise.ClusterRef(rs.getLong("id"), rs.getString("name"),
                        ClusterLevel.valueOf(rs.getString("level_code"))))
                .list();
        return new Enterprise(e.id(), e.name(), e.creditCode(), e.cityCode(), e.cityName(), e.districtCode(),
                e.districtName(), e.parkCode(), e.parkName(), e.size(), e.products(), e.capabilities(),
                e.organisationId(), segments, clusters);
    }

    private static String text(String s) {
        return s == null ? "" : s.strip();
    }
}
