package cn.onecity.industry;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onecity.identity.AuditLog;
import cn.onecity.identity.CurrentUser;
import cn.onecity.region.Region;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.FieldMessage;
import cn.onecity.shared.ForbiddenException;
import cn.onecity.shared.NotFoundException;

/**
 * 一体化招商: leads and projects with the chain segment they fill (linking them to the gap analysis), moving
 * 洽谈 → 签约 → 注册 → 到资, and the 湘商回归 figures computed from them. The joint office records for every
 * city, a city's 工业和信息化局 for its own.
 */
@Service
public class Investment {

    private static final BigDecimal MAX_WAN = new BigDecimal("100000000");

    private final JdbcClient jdbc;
    private final Chains chains;
    private final Region region;
    private final AuditLog audit;
    private final Clock clock;

    Investment(JdbcClient jdbc, Chains chains, Region region, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.chains = chains;
        this.region = region;
        this.audit = audit;
        this.clock = clock;
    }

    /** A lead as a form or the API gives it; amounts are 万元 as text. */
    public record LeadDraft(String investor, String project, Long segmentId, String targetCity, String amountWan,
            String stage, Boolean xiangshang, String note) {
    }

    /** Records a lead (null user: demo data); a lead recorded at 到资 counts its whole amount as in place. */
    @Transactional
    public long create(CurrentUser user, LeadDraft d) {
        List<FieldMessage> errors = new ArrayList<>();
        if (d.investor() == null || d.investor().isBlank()) {
            errors.add(new FieldMessage("investor", "请填写投资方"));
        }
        if (d.project() == null || d.project().isBlank()) {
            errors.add(new FieldMessage("project", "请填写项目名称"));
        }
        if (d.segmentId() != null && chains.segment(d.segmentId()).isEmpty()) {
            errors.add(new FieldMessage("segmentId", "产业链环节“" + d.segmentId() + "”不存在"));
        }
        if (d.targetCity() == null || region.findCity(d.targetCity().strip()).isEmpty()) {
            errors.add(new FieldMessage("targetCity", "请选择落地城市（430100、430200 或 430300）"));
        }
        BigDecimal amount = amount(d.amountWan());
        if (amount == null) {
            errors.add(new FieldMessage("amountWan", "投资额应为大于 0 的万元数（最多两位小数）"));
        }
        Optional<LeadStage> stage = d.stage() == null || d.stage().isBlank() ? Optional.of(LeadStage.TALKS) : LeadStage.parse(d.stage());
        if (stage.isEmpty()) {
            errors.add(new FieldMessage("stage", "阶段“" + d.stage() + "”无效，应为 洽谈、签约、注册 或 到资"));
        }
        if (!errors.isEmpty()) {
            throw new BusinessException(400, errors.get(0).message(), errors);
        }
        String city = d.targetCity().strip();
        check(user, city, d.project());
        OffsetDateTime now = OffsetDateTime.now(clock);
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO ind_lead (investor, project, segment_id, target_city, amount_wan, in_place_wan, stage, xiangshang,
                                      note, created_by, created_at, updated_at)
                VALUES (:i, :p, :s, :c, :a, :ip, :st, :x, :n, :u, :now, :now)""")
                .param("i", d.investor().strip()).param("p", d.project().strip()).param("s", d.segmentId())
                .param("c", city).param("a", amount).param("ip", stage.get() == LeadStage.FUNDED ? amount : BigDecimal.ZERO)
                .param("st", stage.get().name()).param("x", Boolean.TRUE.equals(d.xiangshang()))
                .param("n", d.note() == null || d.note().isBlank() ? null : d.note().strip())
                .param("u", user == null ? 0L : user.accountId()).param("now", now).update(keys, "id");
        audit.record("industry", "登记招商线索", d.project().strip(), stage.get().label());
        return keys.getKey().longValue();
    }

    /**
     * Moves a lead to a later stage (never back); at 到资 the funds in place are given (default: the whole
     * planned amount).
     */
    @Transactional
    public void advance(CurrentUser user, long id, LeadStage stage, String inPlaceWan) {
        Lead lead = get(id);
        check(user, lead.targetCity(), lead.project());
        if (stage == null || stage.ordinal() <= lead.stage().ordinal()) {
            throw BusinessException.invalid("stage", "只能推进到“" + lead.stage().label() + "”之后的阶段");
        }
        BigDecimal inPlace = BigDecimal.ZERO;
        if (stage == LeadStage.FUNDED) {
            inPlace = inPlaceWan == null || inPlaceWan.isBlank() ? lead.amountWan() : amount(inPlaceWan);
            if (inPlace == null) {
                throw BusinessException.invalid("inPlaceWan", "到位资金应为大于 0 的万元数（最多两位小数）");
            }
        }
        jdbc.sql("UPDATE ind_lead SET stage = :s, in_place_wan = :ip, updated_at = :now WHERE id = :id")
                .param("s", stage.name()).param("ip", inPlace).param("now", OffsetDateTime.now(clock)).param("id", id).update();
        audit.record("industry", "推进招商线索", lead.project(), lead.stage().label() + "→" + stage.label());
    }

    private void check(CurrentUser user, String city, String project) {
        if (user != null && !Enterprises.isStaffFor(user, city)) {
            audit.recordFailure("industry", "登记招商线索", project, "无权");
            throw new ForbiddenException("只有一体化办或落地城市的工业和信息化局可以维护该招商线索");
        }
    }

    private static BigDecimal amount(String s) {
        try {
            BigDecimal a = s == null ? null : new BigDecimal(s.strip());
            return a == null || a.signum() <= 0 || a.scale() > 2 || a.compareTo(MAX_WAN) > 0 ? null : a;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public Lead get(long id) {
        return jdbc.sql(SQL + " WHERE l.id = :id").param("id", id).query(this::row).optional()
                .orElseThrow(() -> new NotFoundException("招商线索不存在"));
    }

    /** Leads newest first; {@code segmentId} optional (the leads that fill a gap target). */
    public List<Lead> leads(Long segmentId, boolean xiangshangOnly, int limit) {
        StringBuilder where = new StringBuilder(" WHERE 1=1");
        if (segmentId != null) {
            where.append(" AND l.segment_id = :s");
        }
        if (xiangshangOnly) {
            where.append(" AND l.xiangshang");
        }
        var spec = jdbc.sql(SQL + where + " ORDER BY l.updated_at DESC, l.id DESC LIMIT " + Math.max(1, Math.min(limit, 500)));
        if (segmentId != null) {
            spec = spec.param("s", segmentId);
        }
        return spec.query(this::row).list();
    }

    /** Leads per segment id, for the gap list. */
    public Map<Long, Long> leadCountsBySegment() {
        Map<Long, Long> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT segment_id, COUNT(*) AS n FROM ind_lead WHERE segment_id IS NOT NULL GROUP BY segment_id")
                .query((rs, i) -> counts.put(rs.getLong("segment_id"), rs.getLong("n"))).list();
        return counts;
    }

    public InvestmentStatistics statistics() {
        Map<LeadStage, Long> byStage = new EnumMap<>(LeadStage.class);
        for (LeadStage s : LeadStage.values()) {
            byStage.put(s, 0L);
        }
        jdbc.sql("SELECT stage, COUNT(*) AS n FROM ind_lead GROUP BY stage")
                .query((rs, i) -> byStage.put(LeadStage.valueOf(rs.getString("stage")), rs.getLong("n"))).list();
        Map<String, Long> regs = new LinkedHashMap<>();
        Map<String, BigDecimal> funds = new LinkedHashMap<>();
        region.cities().forEach(c -> {
            regs.put(c.shortName(), 0L);
            funds.put(c.shortName(), BigDecimal.ZERO);
        });
        jdbc.sql("""
                SELECT target_city, SUM(CASE WHEN stage IN ('REGISTERED', 'FUNDED') THEN 1 ELSE 0 END) AS regs,
                       COALESCE(SUM(in_place_wan), 0) AS funds
                FROM ind_lead WHERE xiangshang GROUP BY target_city""")
                .query((rs, i) -> {
                    String city = region.cityShortName(rs.getString("target_city"));
                    regs.put(city, rs.getLong("regs"));
                    funds.put(city, rs.getBigDecimal("funds"));
                    return city;
                }).list();
        return new InvestmentStatistics(byStage, regs, regs.values().stream().mapToLong(Long::longValue).sum(), funds,
                funds.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    private static final String SQL = """
            SELECT l.*, s.name AS segment_name, s.stage AS segment_stage, c.name AS chain_name FROM ind_lead l
            LEFT JOIN ind_segment s ON s.id = l.segment_id LEFT JOIN ind_chain c ON c.id = s.chain_id""";

    private Lead row(ResultSet rs, int i) throws SQLException {
        long seg = rs.getLong("segment_id");
        Long segmentId = rs.wasNull() ? null : seg;
        String path = segmentId == null ? null : rs.getString("chain_name") + " · "
                + Stage.valueOf(rs.getString("segment_stage")).label() + " · " + rs.getString("segment_name");
        return new Lead(rs.getLong("id"), rs.getString("investor"), rs.getString("project"), segmentId, path,
                rs.getString("target_city"), region.cityShortName(rs.getString("target_city")),
                rs.getBigDecimal("amount_wan"), rs.getBigDecimal("in_place_wan"), LeadStage.valueOf(rs.getString("stage")),
                rs.getBoolean("xiangshang"), rs.getString("note"));
    }
}
