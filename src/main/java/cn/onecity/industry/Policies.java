package cn.onecity.industry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
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
import cn.onecity.shared.FieldMessage;
import cn.onecity.shared.ForbiddenException;
import cn.onecity.shared.NotFoundException;
import cn.onecity.shared.PageResult;

/**
 * The 政策清单: policies in the five areas with their applicable conditions; "政策找企业" (the directory's
 * enterprises that meet a policy's conditions) and "我可享受的政策" (the policies an enterprise meets).
 */
@Service
public class Policies {

    private final JdbcClient jdbc;
    private final Enterprises enterprises;
    private final Chains chains;
    private final Region region;
    private final AuditLog audit;
    private final Clock clock;

    Policies(JdbcClient jdbc, Enterprises enterprises, Chains chains, Region region, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.enterprises = enterprises;
        this.chains = chains;
        this.region = region;
        this.audit = audit;
        this.clock = clock;
    }

    public List<PolicyArea> areas() {
        return jdbc.sql("""
                SELECT a.code, a.name, a.note, (SELECT COUNT(*) FROM ind_policy p WHERE p.area_code = a.code) AS policies
                FROM ind_policy_area a ORDER BY a.sort_order""").query(PolicyArea.class).list();
    }

    /** Policies, in area order; {@code areaCode} optional. */
    public List<Policy> list(String areaCode) {
        String where = areaCode == null || areaCode.isBlank() ? "" : " WHERE p.area_code = :a";
        var spec = jdbc.sql("SELECT p.*, a.name AS area_name FROM ind_policy p JOIN ind_policy_area a ON a.code = p.area_code"
                + where + " ORDER BY a.sort_order, p.id");
        if (!where.isEmpty()) {
            spec = spec.param("a", areaCode.strip());
        }
        return withChains(spec.query(this::row).list());
    }

    public Policy get(long id) {
        return withChains(jdbc.sql("SELECT p.*, a.name AS area_name FROM ind_policy p JOIN ind_policy_area a ON a.code = p.area_code WHERE p.id = :id")
                .param("id", id).query(this::row).list()).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("政策不存在"));
    }

    /** Records a policy: the joint office or a city's 工业和信息化局 (null: demo data). */
    @Transactional
    public long create(CurrentUser user, PolicyDraft d) {
        if (user != null && !Enterprises.isStaff(user)) {
            audit.recordFailure("industry", "登记政策", d == null ? null : d.title(), "角色不允许");
            throw new ForbiddenException("只有一体化办或市工业和信息化局可以登记政策");
        }
        List<FieldMessage> errors = new ArrayList<>();
        if (d.title() == null || d.title().isBlank()) {
            errors.add(new FieldMessage("title", "请填写政策名称"));
        } else if (d.title().strip().length() > 200) {
            errors.add(new FieldMessage("title", "政策名称不能超过 200 字"));
        }
        if (d.docNumber() == null || d.docNumber().isBlank()) {
            errors.add(new FieldMessage("docNumber", "请填写文号"));
        }
        if (d.issuer() == null || d.issuer().isBlank()) {
            errors.add(new FieldMessage("issuer", "请填写发文机关"));
        }
        if (d.areaCode() == null || areas().stream().noneMatch(a -> a.code().equals(d.areaCode().strip()))) {
            errors.add(new FieldMessage("areaCode", "请选择政策清单的五个领域之一"));
        }
        if (d.clauses() == null || d.clauses().isBlank()) {
            errors.add(new FieldMessage("clauses", "请填写政策条款"));
        } else if (d.clauses().strip().length() > 4000) {
            errors.add(new FieldMessage("clauses", "政策条款不能超过 4000 字"));
        }
        for (String c : d.cityCodes()) {
            if (region.findCity(c.strip()).isEmpty()) {
                errors.add(new FieldMessage("cityCodes", "城市代码“" + c + "”无效"));
                break;
            }
        }
        for (Long c : d.chainIds()) {
            if (chains.find(c).isEmpty()) {
                errors.add(new FieldMessage("chainIds", "产业链“" + c + "”不存在"));
                break;
            }
        }
        List<String> sizes = new ArrayList<>();
        for (String s : d.sizes()) {
            var size = EnterpriseSize.parse(s);
            if (size.isEmpty()) {
                errors.add(new FieldMessage("sizes", "企业规模“" + s + "”无效，应为 LARGE、MEDIUM、SMALL 或 MICRO"));
                break;
            }
            sizes.add(size.get().name());
        }
        if (!errors.isEmpty()) {
            throw new BusinessException(400, errors.get(0).message(), errors);
        }
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO ind_policy (title, doc_number, issuer, area_code, clauses, city_codes, sizes, created_by, created_at)
                VALUES (:t, :n, :i, :a, :c, :cities, :sizes, :u, :now)""")
                .param("t", d.title().strip()).param("n", d.docNumber().strip()).param("i", d.issuer().strip())
                .param("a", d.areaCode().strip()).param("c", d.clauses().strip())
                .param("cities", String.join(",", new LinkedHashSet<>(d.cityCodes().stream().map(String::strip).toList())))
                .param("sizes", String.join(",", new LinkedHashSet<>(sizes)))
                .param("u", user == null ? 0L : user.accountId()).param("now", OffsetDateTime.now(clock))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        for (Long c : new LinkedHashSet<>(d.chainIds())) {
            jdbc.sql("INSERT INTO ind_policy_chain (policy_id, chain_id) VALUES (:p, :c)").param("p", id).param("c", c).update();
        }
        audit.record("industry", "登记政策", d.docNumber().strip(), d.title().strip());
        return id;
    }

    /** 政策找企业: the enterprises that meet every condition of the policy, a page at a time. */
    public PageResult<Enterprise> qualifyingEnterprises(long policyId, int page, int size) {
        Policy p = get(policyId);
        StringBuilder where = new StringBuilder(" WHERE 1=1");
        Map<String, Object> params = new HashMap<>();
        if (!p.cityCodes().isEmpty()) {
            where.append(" AND e.city_code IN (:cities)");
            params.put("cities", p.cityCodes());
        }
        if (!p.sizes().isEmpty()) {
            where.append(" AND e.size_class IN (:sizes)");
            params.put("sizes", p.sizes().stream().map(Enum::name).toList());
        }
        if (!p.chainIds().isEmpty()) {
            where.append(" AND EXISTS (SELECT 1 FROM ind_enterprise_segment es JOIN ind_segment s ON s.id = es.segment_id"
                    + " WHERE es.enterprise_id = e.id AND s.chain_id IN (:chains))");
            params.put("chains", p.chainIds());
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM ind_enterprise e" + where).params(params).query(Long.class).single();
        List<Enterprise> rows = jdbc.sql("SELECT e.id FROM ind_enterprise e" + where + " ORDER BY e.city_code, e.name, e.id LIMIT "
                + size + " OFFSET " + ((long) page * size)).params(params).query(Long.class).list()
                .stream().map(enterprises::get).toList();
        return new PageResult<>(rows, page, size, total);
    }

    /** 我可享受的政策: the policies whose conditions the enterprise meets. */
    public List<Policy> applicableTo(long enterpriseId) {
        Enterprise e = enterprises.get(enterpriseId);
        return list(null).stream().filter(p -> p.appliesTo(e)).toList();
    }

    private Policy row(ResultSet rs, int i) throws SQLException {
        List<String> cities = split(rs.getString("city_codes"));
        return new Policy(rs.getLong("id"), rs.getString("title"), rs.getString("doc_number"), rs.getString("issuer"),
                rs.getString("area_code"), rs.getString("area_name"), rs.getString("clauses"), cities,
                cities.stream().map(region::cityShortName).toList(), List.of(), List.of(),
                split(rs.getString("sizes")).stream().map(EnterpriseSize::valueOf).toList());
    }

    private List<Policy> withChains(List<Policy> policies) {
        if (policies.isEmpty()) {
            return policies;
        }
        Map<Long, List<Long>> ids = new HashMap<>();
        Map<Long, List<String>> names = new HashMap<>();
        jdbc.sql("""
                SELECT pc.policy_id, c.id, c.name FROM ind_policy_chain pc JOIN ind_chain c ON c.id = pc.chain_id
                WHERE pc.policy_id IN (:ids) ORDER BY c.sort_order""").param("ids", policies.stream().map(Policy::id).toList())
                .query((rs, i) -> {
                    ids.computeIfAbsent(rs.getLong("policy_id"), k -> new ArrayList<>()).add(rs.getLong("id"));
                    names.computeIfAbsent(rs.getLong("policy_id"), k -> new ArrayList<>()).add(rs.getString("name"));
                    return null;
                }).list();
        return policies.stream().map(p -> new Policy(p.id(), p.title(), p.docNumber(), p.issuer(), p.areaCode(),
                p.areaName(), p.clauses(), p.cityCodes(), p.cityNames(), ids.getOrDefault(p.id(), List.of()),
                names.getOrDefault(p.id(), List.of()), p.sizes())).toList();
    }

    private static List<String> split(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }
}
