package cn.onecity.innovation;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onecity.identity.AuditLog;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.Role;
import cn.onecity.notification.Notifications;
import cn.onecity.region.Region;
import cn.onecity.search.SearchHits;
import cn.onecity.search.SearchIndex;
import cn.onecity.search.SearchQuery;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.FieldMessage;
import cn.onecity.shared.ForbiddenException;
import cn.onecity.shared.NotFoundException;

/**
 * 需求端: enterprises post technical problems with a budget; results are ranked for a demand by Chinese full-text
 * relevance (the {@code search} module), the same technology field, maturity (TRL) and price within budget, each
 * part explained. When a demand is posted the best results are recorded and both sides are notified.
 */
@Service
public class Demands {

    public static final int RECOMMENDED = 10;
    /** How many of the newest demands a newly published result is matched with. */
    static final int RECENT_DEMANDS = 50;
    /** How many ranked results a demand shows. */
    public static final int SHOWN = 20;
    static final int CANDIDATES = 100;
    static final int MAX_TERMS = 16;
    static final double TEXT_MAX = 60;
    static final double SAME_FIELD = 20;
    static final double MATURE = 10;
    static final double PILOT = 5;
    static final double WITHIN_BUDGET = 10;

    /** How a match is scored, in the words of the demand page, from the weights above. */
    public static String scoringRule() {
        return "得分 = 全文相关度（最高 " + n(TEXT_MAX) + "，按最相关成果折算）＋ 同一技术领域 " + n(SAME_FIELD) + " ＋ 成熟度（TRL 7–9 加 "
                + n(MATURE) + "，4–6 加 " + n(PILOT) + "）＋ 价格在预算内 " + n(WITHIN_BUDGET) + "，满分 "
                + n(TEXT_MAX + SAME_FIELD + MATURE + WITHIN_BUDGET) + "。显示得分最高的 " + SHOWN + " 项。";
    }

    private static String n(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    public record Draft(String title, String description, String field, BigDecimal budget) {
    }

    public record Demand(long id, String title, String description, String field, BigDecimal budget,
            long organisationId, String enterpriseName, String cityCode, String city, OffsetDateTime createdAt,
            boolean sample) {
    }

    /** One ranked result for a demand; {@code score} 0–100 = the parts named in {@code reasons}. */
    public record Match(long resultId, String title, String institutionName, String cityCode, String city,
            double score, List<String> reasons, boolean crossCity) {
    }

    private final JdbcClient jdbc;
    private final Results results;
    private final SearchIndex index;
    private final Notifications notifications;
    private final Region region;
    private final AuditLog audit;
    private final Clock clock;

    Demands(JdbcClient jdbc, Results results, SearchIndex index, Notifications notifications, Region region,
            AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.results = results;
        this.index = index;
        this.notifications = notifications;
        this.region = region;
        this.audit = audit;
        this.clock = clock;
    }

    /** An ENTERPRISE account posts a demand of its organisation; the best matches are recorded and notified. */
    @Transactional
    public long post(CurrentUser user, Draft d) {
        if (user == null || !user.is(Role.ENTERPRISE)) {
            throw new ForbiddenException("只有企业账户可以发布技术需求");
        }
        if (user.cityCode() == null) {
            throw BusinessException.invalid("city", "本企业未登记所在城市，暂不能发布需求");
        }
        return insert(d, user.organisationId(), user.organisationName(), user.cityCode(), user.accountId());
    }

    @Transactional
    public long insert(Draft d, long organisationId, String enterpriseName, String cityCode, Long by) {
        List<FieldMessage> errors = new ArrayList<>();
        String title = Inputs.text(errors, "title", d.title(), "需求标题", 200, true);
        String description = Inputs.text(errors, "description", d.description(), "技术难题描述", 2000, true);
        String field = Inputs.text(errors, "field", d.field(), "技术领域", 50, false);
        Inputs.amount(errors, "budget", d.budget(), "预算", true);
        Inputs.throwIfAny(errors);
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO inv_demand (title, description, field, budget, organisation_id, enterprise_name, city_code,
                                        created_by, created_at)
                VALUES (:t, :d, :f, :b, :o, :e, :c, :by, :now)""")
                .param("t", title).param("d", description).param("f", field).param("b", d.budget())
                .param("o", organisationId).param("e", enterpriseName).param("c", cityCode).param("by", by)
                .param("now", OffsetDateTime.now(clock)).update(keys, "id");
        long id = keys.getKey().longValue();
        audit.record("innovation", "发布技术需求", "需求#" + id, title);
        Demand demand = get(id);
        List<Match> top = rank(demand).stream().limit(RECOMMENDED).toList();
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (Match m : top) {
            jdbc.sql("INSERT INTO inv_match (demand_id, result_id, score, reasons, created_at) VALUES (:d, :r, :s, :why, :now)")
                    .param("d", id).param("r", m.resultId()).param("s", m.score())
                    .param("why", String.join("\n", m.reasons())).param("now", now).update();
            results.find(m.resultId()).map(Results.Result::organisationId).ifPresent(org ->
                    notifications.sendToOrganisation(org, "科技成果转化", "成果对接推荐：" + demand.title(),
                            demand.enterpriseName() + "（" + demand.city() + "）发布了技术需求，贵单位成果“" + m.title()
                                    + "”匹配度 " + m.score() + "。", "/innovation/demands/" + id));
        }
        notifications.sendToOrganisation(organisationId, "科技成果转化", "需求已匹配：" + title,
                top.isEmpty() ? "暂未找到匹配的科技成果，成果库更新后可再次查看。"
                        : "平台为该需求推荐了 " + top.size() + " 项科技成果，最高匹配度 " + top.get(0).score() + "（"
                                + top.get(0).title() + "，" + top.get(0).city() + "）。",
                "/innovation/demands/" + id);
        return id;
    }

    /**
     * Matching the other way round: after a result is published (and indexed), it is recorded and notified for each
     * of the {@value #RECENT_DEMANDS} newest demands whose top {@value #RECOMMENDED} it now enters.
     */
    @org.springframework.transaction.event.TransactionalEventListener
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.REQUIRES_NEW)
    public void on(ResultPublished event) {
        Optional<Results.Result> published = results.find(event.resultId());
        if (published.isEmpty()) {
            return;
        }
        Results.Result r = published.get();
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (Demand demand : list(RECENT_DEMANDS)) {
            rank(demand).stream().limit(RECOMMENDED).filter(m -> m.resultId() == r.id()).findFirst().ifPresent(m -> {
                boolean recorded = jdbc.sql("SELECT COUNT(*) FROM inv_match WHERE demand_id = :d AND result_id = :r")
                        .param("d", demand.id()).param("r", r.id()).query(Long.class).single() > 0;
                if (recorded) {
                    return;
                }
                jdbc.sql("INSERT INTO inv_match (demand_id, result_id, score, reasons, created_at) VALUES (:d, :r, :s, :why, :now)")
                        .param("d", demand.id()).param("r", r.id()).param("s", m.score())
                        .param("why", String.join("\n", m.reasons())).param("now", now).update();
                notifications.sendToOrganisation(demand.organisationId(), "科技成果转化", "新成果匹配：" + demand.title(),
                        r.institutionName() + "（" + r.city() + "）新发布的成果“" + r.title() + "”与贵企业需求匹配度 "
                                + m.score() + "。", "/innovation/demands/" + demand.id());
                if (r.organisationId() != null) {
                    notifications.sendToOrganisation(r.organisationId(), "科技成果转化", "成果对接推荐：" + demand.title(),
                            demand.enterpriseName() + "（" + demand.city() + "）的技术需求与贵单位成果“" + r.title()
                                    + "”匹配度 " + m.score() + "。", "/innovation/demands/" + demand.id());
                }
            });
        }
    }

    public Optional<Demand> find(long id) {
        return jdbc.sql("SELECT * FROM inv_demand WHERE id = :id").param("id", id).query(this::row).optional();
    }

    public Demand get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("技术需求不存在"));
    }

    public List<Demand> list(int limit) {
        return jdbc.sql("SELECT * FROM inv_demand ORDER BY id DESC LIMIT " + Math.max(1, Math.min(limit, 500)))
                .query(this::row).list();
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM inv_demand").query(Long.class).single();
    }

    /** How many (demand, result) recommendations were recorded and notified. */
    public long recordedMatches() {
        return jdbc.sql("SELECT COUNT(*) FROM inv_match").query(Long.class).single();
    }

    private Demand row(ResultSet rs, int i) throws SQLException {
        String title = rs.getString("title");
        return new Demand(rs.getLong("id"), title, rs.getString("description"), rs.getString("field"),
                rs.getBigDecimal("budget"), rs.getLong("organisation_id"), rs.getString("enterprise_name"),
                rs.getString("city_code"), region.cityShortName(rs.getString("city_code")),
                rs.getObject("created_at", OffsetDateTime.class), Inputs.sample(title, rs.getString("enterprise_name")));
    }

    // ---- ranking ----------------------------------------------------------------------------------------------

    /** The best {@value #SHOWN} results for a demand now, best first (score > 0 only). */
    public List<Match> matches(long demandId) {
        return rank(get(demandId)).stream().limit(SHOWN).toList();
    }

    List<Match> rank(Demand demand) {
        Map<Long, Double> text = new HashMap<>();
        Map<Long, List<String>> matched = new HashMap<>();
        List<String> terms = index.analyze(demand.title() + " " + demand.description() + " " + demand.field()).stream()
                .distinct().filter(t -> t.length() > 1).limit(MAX_TERMS).toList();
        if (!terms.isEmpty()) {
            SearchHits hits = index.searchAnyTerm(new SearchQuery(Results.COLLECTION, String.join(" ", terms), Map.of(),
                    0, CANDIDATES));
            for (SearchHits.Hit h : hits.hits()) {
                if (h.score() > 0) {
                    long id = Long.parseLong(h.id());
                    text.put(id, (double) h.score());
                    matched.put(id, h.matchedTerms().stream().filter(terms::contains).toList());
                }
            }
        }
        double best = text.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        Set<Long> candidates = new LinkedHashSet<>(text.keySet());
        if (!demand.field().isBlank()) {
            candidates.addAll(results.idsOfField(demand.field(), CANDIDATES));
        }
        List<Match> out = new ArrayList<>();
        for (Results.Result r : results.byIds(candidates)) {
            List<String> reasons = new ArrayList<>();
            double score = 0;
            Double hit = text.get(r.id());
            if (hit != null && best > 0) {
                double t = round(TEXT_MAX * hit / best);
                score += t;
                reasons.add("全文相关 +" + t + "：成果名称与简介命中"
                        + matched.get(r.id()).stream().map(w -> "“" + w + "”").collect(Collectors.joining("")));
            }
            if (!demand.field().isBlank() && demand.field().equals(r.field())) {
                score += SAME_FIELD;
                reasons.add("同一技术领域 +" + SAME_FIELD + "：" + r.field());
            }
            if (score <= 0) {
                continue; // maturity and price only rank results that are relevant at all
            }
            if (r.trl() >= 7) {
                score += MATURE;
                reasons.add("成熟度 +" + MATURE + "：TRL " + r.trl() + "，可直接进入产业化");
            } else if (r.trl() >= 4) {
                score += PILOT;
                reasons.add("成熟度 +" + PILOT + "：TRL " + r.trl() + "，处于中试阶段");
            } else {
                reasons.add("成熟度 +0：TRL " + r.trl() + "，仍在实验室阶段");
            }
            if (r.expectedPrice() != null && r.expectedPrice().compareTo(demand.budget()) <= 0) {
                score += WITHIN_BUDGET;
                reasons.add("价格在预算内 +" + WITHIN_BUDGET + "：预期 " + plain(r.expectedPrice()) + " 万元，预算 "
                        + plain(demand.budget()) + " 万元");
            } else if (r.expectedPrice() != null) {
                reasons.add("价格超出预算 +0：预期 " + plain(r.expectedPrice()) + " 万元，预算 " + plain(demand.budget()) + " 万元");
            }
            boolean cross = !r.cityCode().equals(demand.cityCode());
            reasons.add(cross ? "跨市转化：成果在" + r.city() + "，需求方在" + demand.city() : "同城转化：双方均在" + r.city());
            out.add(new Match(r.id(), r.title(), r.institutionName(), r.cityCode(), r.city(), round(Math.min(100, score)),
                    reasons, cross));
        }
        out.sort(Comparator.comparingDouble(Match::score).reversed().thenComparing(Match::resultId, Comparator.reverseOrder()));
        return out;
    }

    static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
