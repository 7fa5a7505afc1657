package cn.onecity.innovation;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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
import cn.onecity.region.Region;
import cn.onecity.search.SearchDocument;
import cn.onecity.search.SearchIndex;
import cn.onecity.search.SearchSource;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.FieldMessage;
import cn.onecity.shared.ForbiddenException;
import cn.onecity.shared.NotFoundException;

/**
 * 供给端: research results published by universities and institutes (INSTITUTION accounts), and joint releases
 * that group results into a batch (like the seed's 首批100项). Results are the search collection
 * {@value #COLLECTION} that demand matching queries.
 */
@Service
public class Results implements SearchSource {

    public static final String COLLECTION = "innovation.result";

    public enum TransferMode {
        TRANSFER("转让"), LICENSE("许可"), EQUITY("作价入股"), JOINT_DEVELOPMENT("合作开发");

        private final String label;

        TransferMode(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Optional<TransferMode> parse(String s) {
            if (s == null) {
                return Optional.empty();
            }
            for (TransferMode m : values()) {
                if (m.name().equalsIgnoreCase(s.strip()) || m.label.equals(s.strip())) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }
    }

    /** The technology fields offered in forms (free text is accepted too). */
    public static final List<String> FIELDS = List.of("先进制造", "新材料", "电子信息", "新能源", "轨道交通", "生物医药",
            "现代农业", "节能环保", "人工智能");

    /** What a publisher fills in; {@code expectedPrice} in 万元 (optional); {@code trl} 1–9. */
    public record Draft(String title, String field, String chainSegment, Integer trl, String patents,
            String transferMode, BigDecimal expectedPrice, String description) {
    }

    public record Result(long id, String title, String institutionName, Long organisationId, String cityCode,
            String city, String field, String chainSegment, int trl, String patents, TransferMode transferMode,
            String transferModeLabel, BigDecimal expectedPrice, String description, Long batchId, String batchName,
            OffsetDateTime createdAt, boolean sample) {
    }

    public record Batch(long id, String name, LocalDate releasedOn, String note, long results) {
    }

    private final JdbcClient jdbc;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final SearchIndex index;
    private final Region region;
    private final AuditLog audit;
    private final Clock clock;

    Results(JdbcClient jdbc, org.springframework.context.ApplicationEventPublisher events, SearchIndex index, Region region,
            AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.index = index;
        this.region = region;
        this.audit = audit;
        this.clock = clock;
    }

    /** An INSTITUTION account publishes a result of its own organisation (institution and city from it). */
    @Transactional
    public long publish(CurrentUser user, Draft d) {
        if (user == null || !user.is(Role.INSTITUTION)) {
            throw new ForbiddenException("只有高校院所账户可以发布科技成果");
        }
        if (jdbc.sql("SELECT COUNT(*) FROM inv_broker WHERE account_id = :a").param("a", user.accountId()).query(Integer.class).single() > 0) {
            throw new ForbiddenException("技术经纪人账户代表服务机构，不能发布科技成果；请由成果所属的高校院所账户发布");
        }
        if (user.cityCode() == null) {
            throw BusinessException.invalid("city", "本机构未登记所在城市，暂不能发布成果");
        }
        return insert(d, user.organisationName(), user.organisationId(), user.cityCode(), null, user.accountId());
    }

    /** Checks and stores a result (demo data passes the institution directly); returns its id. */
    @Transactional
    public long insert(Draft d, String institutionName, Long organisationId, String cityCode, Long batchId, Long by) {
        List<FieldMessage> errors = new ArrayList<>();
        String title = Inputs.text(errors, "title", d.title(), "成果名称", 200, true);
        String field = Inputs.text(errors, "field", d.field(), "技术领域", 50, true);
        String segment = Inputs.text(errors, "chainSegment", d.chainSegment(), "产业链环节", 100, false);
        if (d.trl() == null) {
            errors.add(new FieldMessage("trl", "请填写技术成熟度（TRL 1–9）"));
        } else if (d.trl() < 1 || d.trl() > 9) {
            errors.add(new FieldMessage("trl", "技术成熟度（TRL）应为 1–9 的整数，收到 " + d.trl()));
        }
        String patents = Inputs.text(errors, "patents", d.patents(), "知识产权（专利号）", 500, false);
        Optional<TransferMode> mode = TransferMode.parse(d.transferMode());
        if (mode.isEmpty()) {
            errors.add(new FieldMessage("transferMode", d.transferMode() == null || d.transferMode().isBlank()
                    ? "请选择转化方式" : "转化方式“" + d.transferMode() + "”无效，应为 TRANSFER（转让）、LICENSE（许可）、EQUITY（作价入股）或 JOINT_DEVELOPMENT（合作开发）"));
        }
        Inputs.amount(errors, "expectedPrice", d.expectedPrice(), "预期价格", false);
        String description = Inputs.text(errors, "description", d.description(), "成果简介", 2000, false);
        if (region.findCity(cityCode).isEmpty()) {
            errors.add(new FieldMessage("city", "成果所在城市“" + cityCode + "”不在长株潭三市"));
        }
        Inputs.throwIfAny(errors);
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO inv_result (title, institution_name, organisation_id, city_code, field, chain_segment, trl, patents,
                                        transfer_mode, expected_price, description, batch_id, created_by, created_at)
                VALUES (:t, :i, :o, :c, :f, :s, :trl, :p, :m, :price, :d, :b, :by, :now)""")
                .param("t", title).param("i", institutionName).param("o", organisationId).param("c", cityCode)
                .param("f", field).param("s", segment).param("trl", d.trl()).param("p", patents)
                .param("m", mode.get().name()).param("price", d.expectedPrice()).param("d", description)
                .param("b", batchId).param("by", by).param("now", OffsetDateTime.now(clock)).update(keys, "id");
        long id = keys.getKey().longValue();
        audit.record("innovation", "发布科技成果", "成果#" + id, title);
        index.upsert(document(get(id)));
        events.publishEvent(new ResultPublished(id)); // after the index update: demands are matched after commit
        return id;
    }

    /** A joint release (JOINT_OFFICE): a named batch of existing results; returns the batch id. */
    @Transactional
    public long release(CurrentUser user, String name, LocalDate releasedOn, String note, List<Long> resultIds) {
        if (user == null || !user.isAny(Role.JOINT_OFFICE, Role.ADMIN)) {
            throw new ForbiddenException("只有一体化办可以联合发布成果批次");
        }
        return createBatch(name, releasedOn, note, resultIds);
    }

    @Transactional
    public long createBatch(String name, LocalDate releasedOn, String note, List<Long> resultIds) {
        List<FieldMessage> errors = new ArrayList<>();
        String n = Inputs.text(errors, "name", name, "批次名称", 200, true);
        if (releasedOn == null) {
            errors.add(new FieldMessage("releasedOn", "请填写发布日期"));
        }
        List<Long> ids = resultIds == null ? List.of() : resultIds.stream().distinct().toList();
        for (Long id : ids) {
            if (find(id).isEmpty()) {
                errors.add(new FieldMessage("resultIds", "成果#" + id + "不存在"));
            }
        }
        Inputs.throwIfAny(errors);
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO inv_batch (name, released_on, note) VALUES (:n, :r, :note)").param("n", n)
                .param("r", releasedOn).param("note", note == null ? "" : note.strip()).update(keys, "id");
        long batch = keys.getKey().longValue();
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE inv_result SET batch_id = :b WHERE id IN (:ids)").param("b", batch).param("ids", ids).update();
        }
        audit.record("innovation", "联合发布成果批次", "批次#" + batch, n + "（" + ids.size() + " 项）");
        return batch;
    }

    public List<Batch> batches() {
        return jdbc.sql("""
                SELECT b.*, (SELECT COUNT(*) FROM inv_result r WHERE r.batch_id = b.id) AS results
                FROM inv_batch b ORDER BY b.released_on DESC, b.id DESC""")
                .query((rs, i) -> new Batch(rs.getLong("id"), rs.getString("name"),
                        rs.getObject("released_on", LocalDate.class), rs.getString("note"), rs.getLong("results")))
                .list();
    }

    public Optional<Result> find(long id) {
        return jdbc.sql(SQL + " WHERE r.id = :id").param("id", id).query(this::row).optional();
    }

    public Result get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("科技成果不存在"));
    }

    /** Results newest first; {@code batchId}, {@code cityCode} optional. */
    public List<Result> list(Long batchId, String cityCode, int limit) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (batchId != null) {
            where.append(" AND r.batch_id = :b");
        }
        if (cityCode != null && !cityCode.isBlank()) {
            where.append(" AND r.city_code = :c");
        }
        var spec = jdbc.sql(SQL + where + " ORDER BY r.id DESC LIMIT " + Math.max(1, Math.min(limit, 500)));
        if (batchId != null) {
            spec = spec.param("b", batchId);
        }
        if (cityCode != null && !cityCode.isBlank()) {
            spec = spec.param("c", cityCode.strip());
        }
        return spec.query(this::row).list();
    }

    /** Results of a set of ids (order not kept). */
    List<Result> byIds(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SQL + " WHERE r.id IN (:ids)").param("ids", ids).query(this::row).list();
    }

    /** Ids of the newest results of a field (candidates when a demand names the field). */
    List<Long> idsOfField(String field, int limit) {
        return jdbc.sql("SELECT id FROM inv_result WHERE field = :f ORDER BY id DESC LIMIT " + limit).param("f", field)
                .query(Long.class).list();
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM inv_result").query(Long.class).single();
    }

    private static final String SQL = """
            SELECT r.*, b.name AS batch_name FROM inv_result r LEFT JOIN inv_batch b ON b.id = r.batch_id""";

    private Result row(ResultSet rs, int i) throws SQLException {
        long org = rs.getLong("organisation_id");
        Long orgId = rs.wasNull() ? null : org;
        long b = rs.getLong("batch_id");
        Long batchId = rs.wasNull() ? null : b;
        TransferMode mode = TransferMode.valueOf(rs.getString("transfer_mode"));
        String title = rs.getString("title");
        return new Result(rs.getLong("id"), title, rs.getString("institution_name"), orgId,
                rs.getString("city_code"), region.cityShortName(rs.getString("city_code")), rs.getString("field"),
                rs.getString("chain_segment"), rs.getInt("trl"), rs.getString("patents"), mode, mode.label(),
                rs.getBigDecimal("expected_price"), rs.getString("description"), batchId, rs.getString("batch_name"),
                rs.getObject("created_at", OffsetDateTime.class), Inputs.sample(title, rs.getString("institution_name")));
    }

    // ---- search -----------------------------------------------------------------------------------------------

    @Override
    public String collection() {
        return COLLECTION;
    }

    @Override
    public Stream<SearchDocument> all() {
        return jdbc.sql(SQL + " ORDER BY r.id").query(this::row).list().stream().map(Results::document);
    }

    @Override
    public Optional<SearchDocument> find(String id) {
        return SearchSource.numericId(id).flatMap(this::find).map(Results::document);
    }

    static SearchDocument document(Result r) {
        return new SearchDocument(COLLECTION, Long.toString(r.id()), r.title(),
                r.field() + "\n" + r.chainSegment() + "\n" + r.description() + "\n" + r.institutionName(),
                Map.of("city", List.of(r.cityCode()), "field", List.of(r.field())));
    }
}
