package cn.onecity.innovation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.AuditLog;
import cn.onecity.identity.CurrentUser;
import cn.onecity.notification.Notifications;
import cn.onecity.region.Region;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.ConflictException;
import cn.onecity.shared.FieldMessage;
import cn.onecity.shared.ForbiddenException;
import cn.onecity.shared.NotFoundException;

/**
 * 服务端: the alliance universities, technology-transfer bases, university IP centres and the 潇湘科技要素大市场 with
 * its workstations; brokers (技术经纪人, accounts registered with a service institution) take a result–demand pair
 * and record the steps of the deal, 洽谈 → 签约 (or 未成); both sides are notified of every step.
 */
@Service
public class Brokerage {

    public enum ServiceOrgKind {
        ALLIANCE_UNIVERSITY("市校创新发展联盟高校"), TRANSFER_BASE("技术转移转化基地"), IP_CENTRE("高校知识产权中心"),
        MARKET("科技要素大市场"), WORKSTATION("大市场工作站");

        private final String label;

        ServiceOrgKind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public enum DealStage {
        NEGOTIATING("洽谈"), SIGNED("签约"), FAILED("未成");

        private final String label;

        DealStage(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Optional<DealStage> parse(String s) {
            for (DealStage d : values()) {
                if (s != null && (d.name().equalsIgnoreCase(s.strip()) || d.label.equals(s.strip()))) {
                    return Optional.of(d);
                }
            }
            return Optional.empty();
        }
    }

    public record ServiceOrg(long id, ServiceOrgKind kind, String kindLabel, String name, String cityCode, String city,
            Long parentId, String note) {
    }

    public record KindCount(String kind, String label, long count) {
    }

    public record Step(DealStage stage, String stageLabel, String note, OffsetDateTime recordedAt) {
    }

    public record Deal(long id, long resultId, String resultTitle, String institutionName, String sellerCity,
            long demandId, String demandTitle, String enterpriseName, String buyerCity, long brokerId,
            String brokerName, String serviceOrgName, DealStage stage, String stageLabel, List<Step> steps) {
    }

    private final JdbcClient jdbc;
    private final Results results;
    private final Demands demands;
    private final Notifications notifications;
    private final Region region;
    private final Accounts accounts;
    private final AuditLog audit;
    private final Clock clock;

    Brokerage(JdbcClient jdbc, Results results, Demands demands, Notifications notifications, Region region,
            Accounts accounts, AuditLog audit, Clock clock) {
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.results = results;
        this.demands = demands;
        this.notifications = notifications;
        this.region = region;
        this.audit = audit;
        this.clock = clock;
    }

    // ---- institutions -----------------------------------------------------------------------------------------

    @Transactional
    public long addServiceOrg(ServiceOrgKind kind, String name, String cityCode, Long parentId, Long organisationId,
            String note) {
        List<FieldMessage> errors = new ArrayList<>();
        String n = Inputs.text(errors, "name", name, "机构名称", 200, true);
        if (region.findCity(cityCode).isEmpty()) {
            errors.add(new FieldMessage("cityCode", "城市代码“" + cityCode + "”无效"));
        }
        Inputs.throwIfAny(errors);
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO inv_service_org (kind, name, city_code, parent_id, organisation_id, note)
                VALUES (:k, :n, :c, :p, :o, :note)""").param("k", kind.name()).param("n", n).param("c", cityCode)
                .param("p", parentId).param("o", organisationId).param("note", note == null ? "" : note)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public List<ServiceOrg> serviceOrgs(ServiceOrgKind kind) {
        String where = kind == null ? "" : " WHERE kind = :k";
        var spec = jdbc.sql("SELECT * FROM inv_service_org" + where + " ORDER BY id");
        if (kind != null) {
            spec = spec.param("k", kind.name());
        }
        return spec.query((rs, i) -> {
            ServiceOrgKind k = ServiceOrgKind.valueOf(rs.getString("kind"));
            long p = rs.getLong("parent_id");
            return new ServiceOrg(rs.getLong("id"), k, k.label(), rs.getString("name"), rs.getString("city_code"),
                    region.cityShortName(rs.getString("city_code")), rs.wasNull() ? null : p, rs.getString("note"));
        }).list();
    }

    /** How many service institutions of each kind (all kinds, zeros included). */
    public List<KindCount> serviceOrgCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (ServiceOrgKind k : ServiceOrgKind.values()) {
            counts.put(k.name(), 0L);
        }
        jdbc.sql("SELECT kind, COUNT(*) AS n FROM inv_service_org GROUP BY kind")
                .query((rs, i) -> counts.put(rs.getString("kind"), rs.getLong("n"))).list();
        List<KindCount> out = new ArrayList<>();
        counts.forEach((k, n) -> out.add(new KindCount(k, ServiceOrgKind.valueOf(k).label(), n)));
        return out;
    }

    /** The kinds of service institution a broker can be registered with (not the alliance universities). */
    public static final List<ServiceOrgKind> BROKER_HOMES = List.of(ServiceOrgKind.TRANSFER_BASE,
            ServiceOrgKind.IP_CENTRE, ServiceOrgKind.MARKET, ServiceOrgKind.WORKSTATION);

    /** A registered broker; {@code deals} how many deals they have taken (a broker with deals cannot be removed). */
    public record Broker(long accountId, String username, String name, long serviceOrgId, String serviceOrgName,
            String serviceOrgKindLabel, long deals) {
    }

    /**
     * The joint office or the admin registers an existing INSTITUTION account (by username) as a broker of a
     * transfer base, IP centre, the market or a workstation; returns the account id. Refused: an account that has
     * published results (a broker speaks for its service institution, not for a result's owner), one already a
     * broker (409), a blank or over-long name.
     */
    @Transactional
    public long registerBroker(CurrentUser by, String username, String name, Long serviceOrgId) {
        if (!Inputs.canManagePeople(by)) {
            throw new ForbiddenException("只有一体化办或平台管理员可以登记技术经纪人");
        }
        List<FieldMessage> errors = new ArrayList<>();
        CurrentUser account = Inputs.institutionAccount(errors, accounts, username);
        return insertBroker(errors, account, name, serviceOrgId);
    }

    /** Registers an account as a broker with the same checks but no caller (demo data). */
    @Transactional
    public void registerBroker(long accountId, String name, long serviceOrgId) {
        List<FieldMessage> errors = new ArrayList<>();
        CurrentUser account = Inputs.institutionAccount(errors, accounts, accountId);
        insertBroker(errors, account, name, serviceOrgId);
    }

    private long insertBroker(List<FieldMessage> errors, CurrentUser account, String name, Long serviceOrgId) {
        if (account != null && jdbc.sql("SELECT COUNT(*) FROM inv_result WHERE created_by = :a")
                .param("a", account.accountId()).query(Long.class).single() > 0) {
            errors.add(new FieldMessage("username", "账户“" + account.username()
                    + "”已发布科技成果，不能登记为技术经纪人（技术经纪人代表服务机构，不代表成果所属单位）"));
        }
        String n = Inputs.text(errors, "name", name, "经纪人姓名", 100, true);
        if (serviceOrgId == null) {
            errors.add(new FieldMessage("serviceOrgId", "请选择所属服务机构"));
        } else {
            Optional<ServiceOrgKind> kind = jdbc.sql("SELECT kind FROM inv_service_org WHERE id = :id")
                    .param("id", serviceOrgId).query(String.class).optional().map(ServiceOrgKind::valueOf);
            if (kind.isEmpty()) {
                errors.add(new FieldMessage("serviceOrgId", "服务机构#" + serviceOrgId + "不存在"));
            } else if (!BROKER_HOMES.contains(kind.get())) {
                errors.add(new FieldMessage("serviceOrgId", "技术经纪人须登记在技术转移转化基地、高校知识产权中心、"
                        + "科技要素大市场或其工作站，不能登记在" + kind.get().label()));
            }
        }
        Inputs.throwIfAny(errors);
        if (jdbc.sql("SELECT COUNT(*) FROM inv_broker WHERE account_id = :a").param("a", account.accountId())
                .query(Long.class).single() > 0) {
            throw new ConflictException("账户“" + account.username() + "”已登记为技术经纪人");
        }
        try {
            jdbc.sql("INSERT INTO inv_broker (account_id, name, service_org_id) VALUES (:a, :n, :s)")
                    .param("a", account.accountId()).param("n", n).param("s", serviceOrgId).update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("账户“" + account.username() + "”已登记为技术经纪人");
        }
        audit.record("innovation", "登记技术经纪人", "账户#" + account.accountId() + "（" + account.username() + "）",
                n + " / 服务机构#" + serviceOrgId);
        return account.accountId();
    }

    /** The joint office or the admin removes a broker who has taken no deal (a deal keeps its broker). */
    @Transactional
    public void removeBroker(CurrentUser by, long accountId) {
        if (!Inputs.canManagePeople(by)) {
            throw new ForbiddenException("只有一体化办或平台管理员可以移除技术经纪人");
        }
        Broker b = allBrokers().stream().filter(x -> x.accountId() == accountId).findFirst()
                .orElseThrow(() -> new NotFoundException("技术经纪人不存在"));
        if (b.deals() > 0) {
            throw new ConflictException("技术经纪人" + b.name() + "已承接 " + b.deals() + " 项对接，不能移除（对接记录须保留经纪人）");
        }
        jdbc.sql("DELETE FROM inv_broker WHERE account_id = :a").param("a", accountId).update();
        audit.record("innovation", "移除技术经纪人", "账户#" + accountId + "（" + b.username() + "）", b.name());
    }

    /** All registered brokers, by name. */
    public List<Broker> brokers(CurrentUser by) {
        if (!Inputs.canManagePeople(by)) {
            throw new ForbiddenException("只有一体化办或平台管理员可以查看技术经纪人名单");
        }
        return allBrokers();
    }

    private List<Broker> allBrokers() {
        List<Broker> rows = jdbc.sql("""
                SELECT b.account_id, b.name, b.service_org_id, o.name AS org_name, o.kind,
                       (SELECT COUNT(*) FROM inv_deal d WHERE d.broker_id = b.account_id) AS deals
                FROM inv_broker b JOIN inv_service_org o ON o.id = b.service_org_id ORDER BY b.name, b.account_id""")
                .query((rs, i) -> new Broker(rs.getLong("account_id"), null, rs.getString("name"),
                        rs.getLong("service_org_id"), rs.getString("org_name"),
                        ServiceOrgKind.valueOf(rs.getString("kind")).label(), rs.getLong("deals"))).list();
        return rows.stream().map(b -> new Broker(b.accountId(), accounts.find(b.accountId()).map(CurrentUser::username)
                .orElse("账户#" + b.accountId()), b.name(), b.serviceOrgId(), b.serviceOrgName(), b.serviceOrgKindLabel(),
                b.deals())).toList();
    }

    public boolean isBroker(CurrentUser user) {
        return user != null && jdbc.sql("SELECT COUNT(*) FROM inv_broker WHERE account_id = :a")
                .param("a", user.accountId()).query(Long.class).single() > 0;
    }

    // ---- deals ------------------------------------------------------------------------------------------------

    /** A broker takes a result–demand pair: the deal starts with a 洽谈 step; both sides are notified. */
    @Transactional
    public long take(CurrentUser user, long resultId, long demandId, String note) {
        if (!isBroker(user)) {
            throw new ForbiddenException("只有登记在转化服务机构的技术经纪人可以承接对接");
        }
        Results.Result result = results.find(resultId)
                .orElseThrow(() -> BusinessException.invalid("resultId", "科技成果#" + resultId + "不存在"));
        Demands.Demand demand = demands.find(demandId)
                .orElseThrow(() -> BusinessException.invalid("demandId", "技术需求#" + demandId + "不存在"));
        if (jdbc.sql("SELECT COUNT(*) FROM inv_deal WHERE result_id = :r AND demand_id = :d").param("r", resultId)
                .param("d", demandId).query(Long.class).single() > 0) {
            throw new ConflictException("该成果与需求的对接已由技术经纪人承接");
        }
        List<FieldMessage> errors = new ArrayList<>();
        String n = Inputs.text(errors, "note", note, "洽谈记录", 1000, false);
        Inputs.throwIfAny(errors);
        OffsetDateTime now = OffsetDateTime.now(clock);
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO inv_deal (result_id, demand_id, broker_id, stage, created_at, updated_at)
                VALUES (:r, :d, :b, 'NEGOTIATING', :now, :now)""").param("r", resultId).param("d", demandId)
                .param("b", user.accountId()).param("now", now).update(keys, "id");
        long id = keys.getKey().longValue();
        step(id, DealStage.NEGOTIATING, n.isEmpty() ? "技术经纪人承接对接，进入洽谈" : n, user.accountId(), now);
        audit.record("innovation", "承接成果对接", "对接#" + id, result.title() + " ↔ " + demand.title());
        notifyBoth(result, demand, "技术经纪人已承接对接：" + result.title(),
                "成果“" + result.title() + "”与需求“" + demand.title() + "”进入洽谈。");
        return id;
    }

    /** The deal's broker records the next step: more 洽谈, then 签约 or 未成; a closed deal takes no steps. */
    @Transactional
    public void record(CurrentUser user, long dealId, String stage, String note) {
        Deal deal = deal(dealId);
        if (user == null || user.accountId() != deal.brokerId()) {
            throw new ForbiddenException("只有承接该对接的技术经纪人可以记录进展");
        }
        DealStage next = DealStage.parse(stage).orElseThrow(() -> BusinessException.invalid("stage",
                "进展阶段“" + stage + "”无效，应为 NEGOTIATING（洽谈）、SIGNED（签约）或 FAILED（未成）"));
        if (deal.stage() != DealStage.NEGOTIATING) {
            throw BusinessException.invalid("stage", "该对接已" + deal.stage().label() + "，不能再记录进展");
        }
        List<FieldMessage> errors = new ArrayList<>();
        String n = Inputs.text(errors, "note", note, "进展说明", 1000, next == DealStage.NEGOTIATING);
        Inputs.throwIfAny(errors);
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("UPDATE inv_deal SET stage = :s, updated_at = :now WHERE id = :id").param("s", next.name())
                .param("now", now).param("id", dealId).update();
        step(dealId, next, n.isEmpty() ? next.label() : n, user.accountId(), now);
        audit.record("innovation", "记录对接进展", "对接#" + dealId, next.label());
        notifyBoth(results.get(deal.resultId()), demands.get(deal.demandId()), "对接进展：" + next.label(),
                "成果“" + deal.resultTitle() + "”与需求“" + deal.demandTitle() + "”：" + next.label()
                        + (n.isEmpty() ? "" : "（" + n + "）"));
    }

    private void step(long dealId, DealStage stage, String note, long by, OffsetDateTime at) {
        jdbc.sql("""
                INSERT INTO inv_deal_step (deal_id, stage, note, recorded_by, recorded_at)
                VALUES (:d, :s, :n, :b, :at)""").param("d", dealId).param("s", stage.name()).param("n", note)
                .param("b", by).param("at", at).update();
    }

    private void notifyBoth(Results.Result result, Demands.Demand demand, String title, String body) {
        String link = "/innovation/deals";
        if (result.organisationId() != null) {
            notifications.sendToOrganisation(result.organisationId(), "科技成果转化", title, body, link);
        }
        notifications.sendToOrganisation(demand.organisationId(), "科技成果转化", title, body, link);
    }

    public Deal deal(long id) {
        return deals(" WHERE d.id = :id", Map.of("id", id)).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("对接记录不存在"));
    }

    /** Deals newest first; {@code brokerId} optional. */
    public List<Deal> deals(Long brokerId) {
        return brokerId == null ? deals("", Map.of()) : deals(" WHERE d.broker_id = :b", Map.of("b", brokerId));
    }

    public long count(DealStage stage) {
        return jdbc.sql("SELECT COUNT(*) FROM inv_deal WHERE stage = :s").param("s", stage.name()).query(Long.class)
                .single();
    }

    private List<Deal> deals(String where, Map<String, Object> params) {
        Map<Long, List<Step>> steps = new LinkedHashMap<>();
        var stepSpec = jdbc.sql("SELECT s.* FROM inv_deal_step s JOIN inv_deal d ON d.id = s.deal_id" + where
                + " ORDER BY s.id");
        for (var p : params.entrySet()) {
            stepSpec = stepSpec.param(p.getKey(), p.getValue());
        }
        stepSpec.query((rs, i) -> {
            DealStage s = DealStage.valueOf(rs.getString("stage"));
            return steps.computeIfAbsent(rs.getLong("deal_id"), k -> new ArrayList<>()).add(new Step(s, s.label(),
                    rs.getString("note"), rs.getObject("recorded_at", OffsetDateTime.class)));
        }).list();
        var spec = jdbc.sql("""
                SELECT d.*, r.title AS result_title, r.institution_name, r.city_code AS seller_city,
                       m.title AS demand_title, m.enterprise_name, m.city_code AS buyer_city,
                       b.name AS broker_name, o.name AS service_org_name
                FROM inv_deal d JOIN inv_result r ON r.id = d.result_id JOIN inv_demand m ON m.id = d.demand_id
                JOIN inv_broker b ON b.account_id = d.broker_id JOIN inv_service_org o ON o.id = b.service_org_id"""
                + where + " ORDER BY d.id DESC");
        for (var p : params.entrySet()) {
            spec = spec.param(p.getKey(), p.getValue());
        }
        return spec.query((rs, i) -> row(rs, steps)).list();
    }

    private Deal row(ResultSet rs, Map<Long, List<Step>> steps) throws SQLException {
        DealStage s = DealStage.valueOf(rs.getString("stage"));
        long id = rs.getLong("id");
        return new Deal(id, rs.getLong("result_id"), rs.getString("result_title"), rs.getString("institution_name"),
                region.cityShortName(rs.getString("seller_city")), rs.getLong("demand_id"), rs.getString("demand_title"),
                rs.getString("enterprise_name"), region.cityShortName(rs.getString("buyer_city")),
                rs.getLong("broker_id"), rs.getString("broker_name"), rs.getString("service_org_name"), s, s.label(),
                steps.getOrDefault(id, List.of()));
    }
}
