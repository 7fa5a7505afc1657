package cn.onecity.services;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onecity.identity.AuditLog;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.Role;
import cn.onecity.region.City;
import cn.onecity.region.Department;
import cn.onecity.region.Region;
import cn.onecity.search.SearchDocument;
import cn.onecity.search.SearchHits;
import cn.onecity.search.SearchIndex;
import cn.onecity.search.SearchQuery;
import cn.onecity.search.SearchSource;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.FieldMessage;
import cn.onecity.shared.ForbiddenException;
import cn.onecity.shared.NotFoundException;
import cn.onecity.shared.PageResult;

/**
 * The catalogue of the 长株潭服务专区. Published items are public; the joint office and each city's
 * 行政审批服务局 maintain them. Search goes through the {@code search} module's Chinese full-text index.
 */
@Service
public class Catalogue implements SearchSource {

    public static final String COLLECTION = "services.item";
    public static final List<String> THEMES = List.of("户籍", "社保", "就业", "医保", "公积金", "市场主体登记", "交通", "教育",
            "民政", "卫生健康", "住房建设", "不动产", "出入境");
    public static final String PUBLISHED = "PUBLISHED";
    public static final String DRAFT = "DRAFT";
    public static final String SUSPENDED = "SUSPENDED";

    private final JdbcClient jdbc;
    private final Region region;
    private final SearchIndex index;
    private final AuditLog audit;
    private final Clock clock;

    Catalogue(JdbcClient jdbc, Region region, SearchIndex index, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.region = region;
        this.index = index;
        this.audit = audit;
        this.clock = clock;
    }

    /** Filters of the catalogue search; null or blank means "any". */
    public record ItemFilter(String q, String city, Subject subject, String theme, Mode mode, boolean includeUnpublished) {
        public static ItemFilter published(String q) {
            return new ItemFilter(q, null, null, null, null, false);
        }
    }

    /** Who may maintain the catalogue: the joint office, administrators and the cities' 行政审批服务局. */
    public static boolean canMaintain(CurrentUser user) {
        return user != null && (user.isAny(Role.JOINT_OFFICE, Role.ADMIN)
                || user.is(Role.CITY_STAFF) && "XZSP".equals(user.departmentKind()));
    }

    static void requireMaintainer(CurrentUser user) {
        if (!canMaintain(user)) {
            throw new ForbiddenException("只有一体化办和各市行政审批服务局可以维护服务事项");
        }
    }

    public PageResult<ServiceItem> search(ItemFilter f, int page, int size) {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        if (!f.includeUnpublished()) {
            filters.put("status", List.of(PUBLISHED));
        }
        put(filters, "city", f.city());
        put(filters, "subject", f.subject() == null ? null : f.subject().name());
        put(filters, "theme", f.theme());
        put(filters, "mode", f.mode() == null ? null : f.mode().name());
        SearchHits hits = index.search(new SearchQuery(COLLECTION, f.q(), filters, page * size, size));
        List<Long> ids = hits.hits().stream().map(h -> Long.parseLong(h.id())).toList();
        Map<Long, ServiceItem> byId = load(ids).stream().collect(Collectors.toMap(ServiceItem::id, Function.identity()));
        List<ServiceItem> items = ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
        return new PageResult<>(items, page, size, hits.total());
    }

    private static void put(Map<String, List<String>> filters, String key, String value) {
        if (value != null && !value.isBlank()) {
            filters.put(key, List.of(value.trim()));
        }
    }

    public ServiceItem item(long id) {
        return load(List.of(id)).stream().findFirst().orElseThrow(() -> new NotFoundException("服务事项不存在"));
    }

    /** A published item, or 404 for anything else (drafts are not public). */
    public ServiceItem publishedItem(long id) {
        ServiceItem item = item(id);
        if (!item.published()) {
            throw new NotFoundException("服务事项不存在或未发布");
        }
        return item;
    }

    public Optional<ServiceItem> findByCode(String code) {
        return jdbc.sql("SELECT id FROM svc_item WHERE code = :c").param("c", code).query(Long.class).optional().map(this::item);
    }

    public long count(String status) {
        return jdbc.sql("SELECT COUNT(*) FROM svc_item WHERE status = :s").param("s", status).query(Long.class).single();
    }

    List<ServiceItem> load(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Map<String, String>> depts = new LinkedHashMap<>();
        jdbc.sql("SELECT item_id, city_code, department_code FROM svc_item_department WHERE item_id IN (:ids) ORDER BY city_code")
                .param("ids", ids).query(rs -> {
                    depts.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
                });
        Map<Long, List<Material>> mats = new LinkedHashMap<>();
        jdbc.sql("SELECT id, item_id, seq, name, original, copies, required FROM svc_item_material WHERE item_id IN (:ids) AND retired = FALSE ORDER BY seq, id")
                .param("ids", ids).query(rs -> {
                    mats.computeIfAbsent(rs.getLong(2), k -> new ArrayList<>()).add(new Material(rs.getLong(1), rs.getInt(3),
                            rs.getString(4), rs.getBoolean(5), rs.getInt(6), rs.getBoolean(7)));
                });
        return jdbc.sql("""
                SELECT id, code, name, subject, theme, department_kind, modes, statutory_days, promised_days, fee,
                       legal_basis, form_fields, status FROM svc_item WHERE id IN (:ids) ORDER BY code""")
                .param("ids", ids)
                .query((rs, n) -> new ServiceItem(rs.getLong(1), rs.getString(2), rs.getString(3),
                        Subject.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), modes(rs.getString(7)),
                        rs.getInt(8), rs.getInt(9), rs.getString(10), rs.getString(11), FormField.parse(rs.getString(12)),
                        rs.getString(13), depts.getOrDefault(rs.getLong(1), Map.of()), mats.getOrDefault(rs.getLong(1), List.of())))
                .list();
    }

    static List<Mode> modes(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Mode::valueOf).toList();
    }

    /** Every rule a draft must meet, as field messages (empty when it may be saved). */
    public List<FieldMessage> validate(ItemDraft d, Long existingId) {
        List<FieldMessage> errors = new ArrayList<>();
        if (blank(d.code())) {
            errors.add(new FieldMessage("code", "请填写事项编码"));
        } else if (!d.code().trim().matches("[A-Za-z0-9-]{2,40}")) {
            errors.add(new FieldMessage("code", "事项编码只能含字母、数字和连字符（2–40 位）"));
        } else {
            Optional<Long> other = jdbc.sql("SELECT id FROM svc_item WHERE code = :c").param("c", d.code().trim())
                    .query(Long.class).optional();
            if (other.isPresent() && !other.get().equals(existingId)) {
                errors.add(new FieldMessage("code", "事项编码 " + d.code().trim() + " 已被使用"));
            }
        }
        if (blank(d.name())) {
            errors.add(new FieldMessage("name", "请填写事项名称"));
        } else if (d.name().trim().length() > 200) {
            errors.add(new FieldMessage("name", "事项名称最多 200 字"));
        }
        if (Subject.parse(d.subject()).isEmpty()) {
            errors.add(new FieldMessage("subject", "服务对象应为 个人 或 法人"));
        }
        if (blank(d.theme()) || !THEMES.contains(d.theme().trim())) {
            errors.add(new FieldMessage("theme", "主题应为：" + String.join("、", THEMES)));
        }
        if (blank(d.departmentKind()) || region.findDepartment("430100", d.departmentKind().trim()).isEmpty()) {
            errors.add(new FieldMessage("departmentKind", "请选择主管部门类别"));
        }
        if (d.modes() == null || d.modes().isEmpty()) {
            errors.add(new FieldMessage("modes", "请至少选择一种办理方式"));
        } else if (d.modes().stream().anyMatch(m -> Mode.parse(m).isEmpty())) {
            errors.add(new FieldMessage("modes", "办理方式应为 全程网办、异地代收代办 或 多地联办"));
        }
        if (d.statutoryDays() == null || d.statutoryDays() < 1 || d.statutoryDays() > 365) {
            errors.add(new FieldMessage("statutoryDays", "法定时限应为 1–365 个工作日"));
        }
        if (d.promisedDays() == null || d.promisedDays() < 1) {
            errors.add(new FieldMessage("promisedDays", "承诺时限应至少 1 个工作日"));
        } else if (d.statutoryDays() != null && d.promisedDays() > d.statutoryDays()) {
            errors.add(new FieldMessage("promisedDays", "承诺时限（" + d.promisedDays() + " 个工作日）不能超过法定时限（"
                    + d.statutoryDays() + " 个工作日）"));
        }
        if (blank(d.fee())) {
            errors.add(new FieldMessage("fee", "请填写收费标准（不收费请填“不收费”）"));
        } else if (d.fee().trim().length() > 200) {
            errors.add(new FieldMessage("fee", "收费标准最多 200 字"));
        }
        if (blank(d.legalBasis())) {
            errors.add(new FieldMessage("legalBasis", "请填写设定依据"));
        } else if (d.legalBasis().trim().length() > 500) {
            errors.add(new FieldMessage("legalBasis", "设定依据最多 500 字"));
        }
        if (d.formFields() != null && d.formFields().length() > 1000) {
            errors.add(new FieldMessage("formFields", "表单字段定义过长"));
        }
        if (d.departments() != null) {
            d.departments().forEach((city, dept) -> {
                if (!blank(dept)) {
                    Optional<Department> found = region.findDepartment(dept.trim());
                    if (found.isEmpty() || !found.get().cityCode().equals(city)) {
                        errors.add(new FieldMessage("departments", "主管部门 " + dept + " 不属于该市"));
                    }
                }
            });
        }
        List<ItemDraft.MaterialDraft> mats = d.materials() == null ? List.of() : d.materials();
        if (mats.isEmpty()) {
            errors.add(new FieldMessage("materials", "请至少列出一项申请材料"));
        }
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < mats.size(); i++) {
            ItemDraft.MaterialDraft m = mats.get(i);
            if (blank(m.name())) {
                errors.add(new FieldMessage("materials", "第 " + (i + 1) + " 项材料缺少名称"));
            } else if (m.name().trim().length() > 200) {
                errors.add(new FieldMessage("materials", "第 " + (i + 1) + " 项材料的名称最多 200 字"));
            } else if (!names.add(m.name().trim())) {
                errors.add(new FieldMessage("materials", "材料“" + m.name().trim() + "”重复"));
            }
            if (m.copies() == null || m.copies() < 1 || m.copies() > 99) {
                errors.add(new FieldMessage("materials", "第 " + (i + 1) + " 项材料的份数应为 1–99"));
            }
        }
        return errors;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Transactional
    public long create(CurrentUser actor, ItemDraft d) {
        requireMaintainer(actor);
        List<FieldMessage> errors = validate(d, null);
        if (!errors.isEmpty()) {
            throw new BusinessException(400, "服务事项有 " + errors.size() + " 处需要修改", errors);
        }
        jdbc.sql("""
                INSERT INTO svc_item (code, name, subject, theme, department_kind, modes, statutory_days, promised_days,
                    fee, legal_basis, form_fields, status, updated_at, updated_by)
                VALUES (:code, :name, :subject, :theme, :kind, :modes, :sd, :pd, :fee, :basis, :ff, :status, :at, :by)""")
                .params(columns(d, actor)).update();
        long id = lastId(d.code().trim());
        writeChildren(id, d);
        audit.record("services", "新建服务事项", d.code().trim(), d.name().trim());
        reindexAfterCommit(id);
        return id;
    }

    private long lastId(String code) {
        return jdbc.sql("SELECT id FROM svc_item WHERE code = :c").param("c", code).query(Long.class).single();
    }

    @Transactional
    public void update(CurrentUser actor, long id, ItemDraft d) {
        requireMaintainer(actor);
        item(id);
        List<FieldMessage> errors = validate(d, id);
        if (!errors.isEmpty()) {
            throw new BusinessException(400, "服务事项有 " + errors.size() + " 处需要修改", errors);
        }
        Map<String, Object> p = columns(d, actor);
        p.put("id", id);
        p.put("publish", d.publish());
        jdbc.sql("""
                UPDATE svc_item SET code = :code, name = :name, subject = :subject, theme = :theme, department_kind = :kind,
                    modes = :modes, statutory_days = :sd, promised_days = :pd, fee = :fee, legal_basis = :basis,
                    form_fields = :ff, status = CASE WHEN :publish THEN 'PUBLISHED' ELSE status END, updated_at = :at,
                    updated_by = :by WHERE id = :id""")
                .params(p).update();
        jdbc.sql("DELETE FROM svc_item_department WHERE item_id = :id").param("id", id).update();
        // materials already referenced by applications keep their ids: update in place, add new, drop unused
        writeChildren(id, d);
        audit.record("services", "修改服务事项", d.code().trim(), d.name().trim());
        reindexAfterCommit(id);
    }

    @Transactional
    public void setStatus(CurrentUser actor, long id, String status) {
        requireMaintainer(actor);
        if (!List.of(PUBLISHED, DRAFT, SUSPENDED).contains(status)) {
            throw BusinessException.invalid("status", "状态应为 已发布、草稿 或 暂停");
        }
        ServiceItem item = item(id);
        jdbc.sql("UPDATE svc_item SET status = :s, updated_at = :at, updated_by = :by WHERE id = :id")
                .param("s", status).param("at", OffsetDateTime.now(clock)).param("by", actor.username()).param("id", id).update();
        audit.record("services", PUBLISHED.equals(status) ? "发布服务事项" : "下架服务事项", item.code(), item.name());
        reindexAfterCommit(id);
    }

    private Map<String, Object> columns(ItemDraft d, CurrentUser actor) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("code", d.code().trim());
        p.put("name", d.name().trim());
        p.put("subject", Subject.parse(d.subject()).orElseThrow().name());
        p.put("theme", d.theme().trim());
        p.put("kind", d.departmentKind().trim());
        p.put("modes", String.join(",", d.modes().stream().map(m -> Mode.parse(m).orElseThrow()).distinct().sorted()
                .map(Mode::name).toList()));
        p.put("sd", d.statutoryDays());
        p.put("pd", d.promisedDays());
        p.put("fee", d.fee().trim());
        p.put("basis", d.legalBasis().trim());
        p.put("ff", d.formFields() == null ? "" : FormField.format(FormField.parse(d.formFields())));
        p.put("status", d.publish() ? PUBLISHED : DRAFT);
        p.put("at", OffsetDateTime.now(clock));
        p.put("by", actor == null ? "system" : actor.username());
        return p;
    }

    private void writeChildren(long id, ItemDraft d) {
        for (City city : region.cities()) {
            String dept = d.departments() == null ? null : d.departments().get(city.code());
            if (blank(dept)) {
                dept = region.findDepartment(city.code(), d.departmentKind().trim()).map(Department::code).orElse(null);
            }
            if (dept != null) {
                jdbc.sql("INSERT INTO svc_item_department (item_id, city_code, department_code) VALUES (:i, :c, :d)")
                        .param("i", id).param("c", city.code()).param("d", dept.trim()).update();
            }
        }
        Map<String, Long> existing = new LinkedHashMap<>();
        jdbc.sql("SELECT name, id FROM svc_item_material WHERE item_id = :i").param("i", id)
                .query(rs -> {
                    existing.put(rs.getString(1), rs.getLong(2));
                });
        List<ItemDraft.MaterialDraft> mats = d.materials();
        Set<String> keep = new LinkedHashSet<>();
        for (int i = 0; i < mats.size(); i++) {
            ItemDraft.MaterialDraft m = mats.get(i);
            String name = m.name().trim();
            keep.add(name);
            if (existing.containsKey(name)) {
                jdbc.sql("UPDATE svc_item_material SET seq = :s, original = :o, copies = :c, required = :r, retired = FALSE WHERE id = :id")
                        .param("s", i + 1).param("o", m.original()).param("c", m.copies()).param("r", m.required())
                        .param("id", existing.get(name)).update();
            } else {
                jdbc.sql("""
                        INSERT INTO svc_item_material (item_id, seq, name, original, copies, required)
                        VALUES (:i, :s, :n, :o, :c, :r)""")
                        .param("i", id).param("s", i + 1).param("n", name).param("o", m.original())
                        .param("c", m.copies()).param("r", m.required()).update();
            }
        }
        existing.forEach((name, mid) -> {
            if (!keep.contains(name)) {
                boolean used = jdbc.sql("SELECT COUNT(*) FROM svc_application_material WHERE material_id = :m")
                        .param("m", mid).query(Long.class).single() > 0;
                if (used) {
                    // keep the row so that submitted applications still name their material; it is no longer asked for
                    jdbc.sql("UPDATE svc_item_material SET retired = TRUE WHERE id = :m").param("m", mid).update();
                } else {
                    jdbc.sql("DELETE FROM svc_item_material WHERE id = :m").param("m", mid).update();
                }
            }
        });
    }

    private void reindexAfterCommit(long id) {
        index.upsert(document(item(id)));
    }

    SearchDocument document(ServiceItem item) {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        filters.put("status", List.of(item.status()));
        filters.put("city", List.copyOf(item.departments().keySet()));
        filters.put("subject", List.of(item.subject().name()));
        filters.put("theme", List.of(item.theme()));
        filters.put("mode", item.modes().stream().map(Mode::name).toList());
        // modes are a filter, not text: "异地" in 异地代收代办 would otherwise match almost every item
        String body = item.theme() + " " + item.materials().stream().map(Material::name).collect(Collectors.joining(" "))
                + " " + item.formFields().stream().map(FormField::label).collect(Collectors.joining(" ")) + " " + item.legalBasis();
        return new SearchDocument(COLLECTION, Long.toString(item.id()), item.name(), body, filters);
    }

    @Override
    public String collection() {
        return COLLECTION;
    }

    @Override
    public Optional<SearchDocument> find(String id) {
        return SearchSource.numericId(id).flatMap(n -> load(List.of(n)).stream().findFirst()).map(this::document);
    }

    @Override
    public Stream<SearchDocument> all() {
        List<Long> ids = jdbc.sql("SELECT id FROM svc_item ORDER BY id").query(Long.class).list();
        List<SearchDocument> docs = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += 500) {
            load(ids.subList(i, Math.min(ids.size(), i + 500))).forEach(it -> docs.add(document(it)));
        }
        return docs.stream();
    }
}
