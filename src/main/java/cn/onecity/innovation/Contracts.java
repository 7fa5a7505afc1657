package cn.onecity.innovation;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onecity.identity.AuditLog;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.Role;
import cn.onecity.region.City;
import cn.onecity.region.Region;
import cn.onecity.shared.FieldMessage;
import cn.onecity.shared.ForbiddenException;
import cn.onecity.shared.Times;

/**
 * 技术合同登记 and the R&D institutions registry. Contracts (开发 / 转让 / 许可 / 咨询 / 服务) are registered by a
 * city's 科学技术局 (for sellers in its city) or the joint office; turnover is counted by year and by the
 * seller's city, and the flows go from the supplying (seller's) city to the buyer's city — "研发在长沙、转化在湘潭和株洲".
 * Amounts in 万元.
 */
@Service
public class Contracts {

    public enum Kind {
        DEVELOPMENT("技术开发"), TRANSFER("技术转让"), LICENSE("技术许可"), CONSULTING("技术咨询"), SERVICE("技术服务");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Optional<Kind> parse(String s) {
            for (Kind k : values()) {
                if (s != null && (k.name().equalsIgnoreCase(s.strip()) || k.label.equals(s.strip()))) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    public enum RdKind {
        NEW_TYPE("新型研发机构"), ENTERPRISE_CENTRE("企业研发中心"), KEY_LAB("重点实验室"),
        ENGINEERING_CENTRE("工程技术研究中心"), GLOBAL_RD("外资及总部研发中心");

        private final String label;

        RdKind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Optional<RdKind> parse(String s) {
            for (RdKind k : values()) {
                if (s != null && (k.name().equalsIgnoreCase(s.strip()) || k.label.equals(s.strip()))) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    /** {@code amount} in 万元; cities are codes (430100 / 430200 / 430300); {@code registeredOn} yyyy-MM-dd. */
    public record Draft(String kind, String title, String sellerName, String sellerCity, String buyerName,
            String buyerCity, BigDecimal amount, String registeredOn, Long dealId, String note) {
    }

    public record Contract(long id, Kind kind, String kindLabel, String title, String sellerName, String sellerCityCode,
            String sellerCity, String buyerName, String buyerCityCode, String buyerCity, BigDecimal amount,
            LocalDate registeredOn, Long dealId, String note, boolean sample) {
    }

    /** One flow of a year: contracts from sellers in {@code fromCity} to buyers in {@code toCity}; amount in 万元. */
    public record Flow(String fromCity, String toCity, long contracts, BigDecimal amount) {
    }

    /** Turnover of one year in one (seller's) city; amount in 万元. */
    public record CityYear(int year, String cityCode, String city, long contracts, BigDecimal amount) {
    }

    public record RdDraft(String name, String kind, String cityCode, String foundedOn, String note) {
    }

    public record RdInstitution(long id, String name, RdKind kind, String kindLabel, String cityCode, String city,
            LocalDate foundedOn, String note, boolean sample) {
    }

    /** R&D institutions founded in a year, per city, and the running total. */
    public record RdYear(int year, long changsha, long zhuzhou, long xiangtan, long founded, long cumulative) {
    }

    private final JdbcClient jdbc;
    private final Region region;
    private final AuditLog audit;
    private final Clock clock;

    Contracts(JdbcClient jdbc, Region region, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.region = region;
        this.audit = audit;
        this.clock = clock;
    }

    /** 科技局 staff (CITY_STAFF of a KJJ department) or the joint office. */
    public static boolean canRegister(CurrentUser user) {
        return user != null && (user.is(Role.JOINT_OFFICE) || (user.is(Role.CITY_STAFF) && "KJJ".equals(user.departmentKind())));
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Times.ZONE));
    }

    // ---- contracts --------------------------------------------------------------------------------------------

    @Transactional
    public long register(CurrentUser user, Draft d) {
        if (!canRegister(user)) {
            throw new ForbiddenException("只有市科学技术局或一体化办可以登记技术合同");
        }
        List<FieldMessage> errors = new ArrayList<>();
        check(d, errors);
        if (user.is(Role.CITY_STAFF) && d.sellerCity() != null && !d.sellerCity().strip().equals(user.cityCode())) {
            errors.add(new FieldMessage("sellerCity", region.cityShortName(user.cityCode())
                    + "市科学技术局只能登记卖方（技术供给方）在本市的技术合同"));
        }
        Inputs.throwIfAny(errors);
        return insert(d, user.accountId());
    }

    /** Checks and stores a contract (demo data calls this directly). */
    @Transactional
    public long insert(Draft d, Long by) {
        List<FieldMessage> errors = new ArrayList<>();
        check(d, errors);
        Inputs.throwIfAny(errors);
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO inv_contract (kind, title, seller_name, seller_city, buyer_name, buyer_city, amount,
                                          registered_on, deal_id, note, registered_by, created_at)
                VALUES (:k, :t, :sn, :sc, :bn, :bc, :a, :r, :deal, :note, :by, :now)""")
                .param("k", Kind.parse(d.kind()).get().name()).param("t", d.title().strip())
                .param("sn", d.sellerName().strip()).param("sc", d.sellerCity().strip())
                .param("bn", d.buyerName().strip()).param("bc", d.buyerCity().strip()).param("a", d.amount())
                .param("r", LocalDate.parse(d.registeredOn().strip())).param("deal", d.dealId())
                .param("note", d.note() == null ? "" : d.note().strip()).param("by", by)
                .param("now", OffsetDateTime.now(clock)).update(keys, "id");
        long id = keys.getKey().longValue();
        audit.record("innovation", "登记技术合同", "合同#" + id, d.title().strip() + " " + Demands.plain(d.amount()) + " 万元");
        return id;
    }

    private void check(Draft d, List<FieldMessage> errors) {
        if (Kind.parse(d.kind()).isEmpty()) {
            errors.add(new FieldMessage("kind", d.kind() == null || d.kind().isBlank() ? "请选择合同类型"
                    : "合同类型“" + d.kind() + "”无效，应为 DEVELOPMENT（开发）、TRANSFER（转让）、LICENSE（许可）、CONSULTING（咨询）或 SERVICE（服务）"));
        }
        Inputs.text(errors, "title", d.title(), "合同名称", 200, true);
        String seller = Inputs.text(errors, "sellerName", d.sellerName(), "卖方（技术供给方）", 200, true);
        String buyer = Inputs.text(errors, "buyerName", d.buyerName(), "买方（技术需求方）", 200, true);
        city(errors, "sellerCity", d.sellerCity(), "卖方所在城市");
        city(errors, "buyerCity", d.buyerCity(), "买方所在城市");
        if (!seller.isEmpty() && normalise(seller).equals(normalise(buyer))) {
            errors.add(new FieldMessage("buyerName", "合同双方不能是同一主体（卖方与买方均为“" + seller + "”）"));
        }
        Inputs.amount(errors, "amount", d.amount(), "合同金额", true);
        LocalDate on = Inputs.date(errors, "registeredOn", d.registeredOn(), "登记日期", true);
        if (on != null && on.isAfter(today())) {
            errors.add(new FieldMessage("registeredOn", "登记日期不能晚于今天"));
        } else if (on != null && on.getYear() < 2000) {
            errors.add(new FieldMessage("registeredOn", "登记日期不能早于 2000 年"));
        }
        if (d.dealId() != null && jdbc.sql("SELECT COUNT(*) FROM inv_deal WHERE id = :d").param("d", d.dealId())
                .query(Long.class).single() == 0) {
            errors.add(new FieldMessage("dealId", "对接记录#" + d.dealId() + "不存在"));
        }
        Inputs.text(errors, "note", d.note(), "备注", 500, false);
    }

    private void city(List<FieldMessage> errors, String field, String code, String label) {
        if (code == null || code.isBlank()) {
            errors.add(new FieldMessage(field, "请选择" + label));
        } else if (region.findCity(code.strip()).isEmpty()) {
            errors.add(new FieldMessage(field, label + "“" + code + "”无效，应为 430100（长沙）、430200（株洲）或 430300（湘潭）"));
        }
    }

    private static String normalise(String name) {
        return name.replaceAll("[\\s（）()]", "").replace("有限责任公司", "有限公司");
    }

    public List<Contract> list(Integer year, int limit) {
        String where = year == null ? "" : " WHERE registered_on >= :from AND registered_on < :to";
        var spec = jdbc.sql("SELECT * FROM inv_contract" + where + " ORDER BY registered_on DESC, id DESC LIMIT "
                + Math.max(1, Math.min(limit, 1000)));
        if (year != null) {
            spec = spec.param("from", LocalDate.of(year, 1, 1)).param("to", LocalDate.of(year + 1, 1, 1));
        }
        return spec.query(this::row).list();
    }

    private Contract row(ResultSet rs, int i) throws SQLException {
        Kind k = Kind.valueOf(rs.getString("kind"));
        long deal = rs.getLong("deal_id");
        Long dealId = rs.wasNull() ? null : deal;
        String title = rs.getString("title");
        return new Contract(rs.getLong("id"), k, k.label(), title, rs.getString("seller_name"),
                rs.getString("seller_city"), region.cityShortName(rs.getString("seller_city")), rs.getString("buyer_name"),
                rs.getString("buyer_city"), region.cityShortName(rs.getString("buyer_city")), rs.getBigDecimal("amount"),
                rs.getObject("registered_on", LocalDate.class), dealId, rs.getString("note"),
                Inputs.sample(title, rs.getString("note"), rs.getString("seller_name"), rs.getString("buyer_name")));
    }

    /** The years that have contracts, newest first. */
    public List<Integer> years() {
        return jdbc.sql("SELECT DISTINCT EXTRACT(YEAR FROM registered_on) AS y FROM inv_contract ORDER BY y DESC")
                .query((rs, i) -> rs.getInt("y")).list();
    }

    /** The newest year with contracts, else this year. */
    public int latestYear() {
        List<Integer> ys = years();
        return ys.isEmpty() ? today().getYear() : ys.get(0);
    }

    /** The flows of a year from the seller's city to the buyer's city, every city pair with contracts. */
    public List<Flow> flows(int year) {
        return jdbc.sql("""
                SELECT seller_city, buyer_city, COUNT(*) AS n, SUM(amount) AS total FROM inv_contract
                WHERE registered_on >= :from AND registered_on < :to
                GROUP BY seller_city, buyer_city ORDER BY seller_city, buyer_city""")
                .param("from", LocalDate.of(year, 1, 1)).param("to", LocalDate.of(year + 1, 1, 1))
                .query((rs, i) -> new Flow(region.cityShortName(rs.getString("seller_city")),
                        region.cityShortName(rs.getString("buyer_city")), rs.getLong("n"), rs.getBigDecimal("total")))
                .list();
    }

    /** Turnover by year and seller's city: every year with contracts × the three cities (zeros included). */
    public List<CityYear> turnover() {
        record Row(int y, String city, long n, BigDecimal total) {
        }
        List<Row> rows = jdbc.sql("""
                SELECT EXTRACT(YEAR FROM registered_on) AS y, seller_city, COUNT(*) AS n, SUM(amount) AS total
                FROM inv_contract GROUP BY EXTRACT(YEAR FROM registered_on), seller_city""")
                .query((rs, i) -> new Row(rs.getInt("y"), rs.getString("seller_city"), rs.getLong("n"),
                        rs.getBigDecimal("total"))).list();
        List<CityYear> out = new ArrayList<>();
        List<Integer> ys = new ArrayList<>(years());
        java.util.Collections.reverse(ys);
        for (int y : ys) {
            for (City c : region.cities()) {
                Row r = rows.stream().filter(x -> x.y() == y && x.city().equals(c.code())).findFirst().orElse(null);
                out.add(new CityYear(y, c.code(), c.shortName(), r == null ? 0 : r.n(), r == null ? BigDecimal.ZERO : r.total()));
            }
        }
        return out;
    }

    // ---- R&D institutions -------------------------------------------------------------------------------------

    @Transactional
    public long registerRd(CurrentUser user, RdDraft d) {
        if (!canRegister(user)) {
            throw new ForbiddenException("只有市科学技术局或一体化办可以登记研发机构");
        }
        if (user.is(Role.CITY_STAFF) && d.cityCode() != null && !d.cityCode().strip().equals(user.cityCode())) {
            throw cn.onecity.shared.BusinessException.invalid("cityCode", "只能登记本市的研发机构");
        }
        return insertRd(d);
    }

    @Transactional
    public long insertRd(RdDraft d) {
        List<FieldMessage> errors = new ArrayList<>();
        String name = Inputs.text(errors, "name", d.name(), "机构名称", 200, true);
        Optional<RdKind> kind = RdKind.parse(d.kind());
        if (kind.isEmpty()) {
            errors.add(new FieldMessage("kind", "研发机构类型“" + d.kind() + "”无效"));
        }
        city(errors, "cityCode", d.cityCode(), "所在城市");
        LocalDate founded = Inputs.date(errors, "foundedOn", d.foundedOn(), "成立日期", true);
        if (founded != null && founded.isAfter(today())) {
            errors.add(new FieldMessage("foundedOn", "成立日期不能晚于今天"));
        }
        Inputs.text(errors, "note", d.note(), "备注", 500, false);
        Inputs.throwIfAny(errors);
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO inv_rd_institution (name, kind, city_code, founded_on, note, created_at)
                VALUES (:n, :k, :c, :f, :note, :now)""").param("n", name).param("k", kind.get().name())
                .param("c", d.cityCode().strip()).param("f", founded).param("note", d.note() == null ? "" : d.note().strip())
                .param("now", OffsetDateTime.now(clock)).update(keys, "id");
        long id = keys.getKey().longValue();
        audit.record("innovation", "登记研发机构", "研发机构#" + id, name);
        return id;
    }

    public List<RdInstitution> rdInstitutions() {
        return jdbc.sql("SELECT * FROM inv_rd_institution ORDER BY founded_on DESC, id DESC").query((rs, i) -> {
            RdKind k = RdKind.valueOf(rs.getString("kind"));
            String name = rs.getString("name");
            return new RdInstitution(rs.getLong("id"), name, k, k.label(), rs.getString("city_code"),
                    region.cityShortName(rs.getString("city_code")), rs.getObject("founded_on", LocalDate.class),
                    rs.getString("note"), Inputs.sample(name, rs.getString("note")));
        }).list();
    }

    /** Growth: institutions founded per year and city, with the running total. */
    public List<RdYear> rdGrowth() {
        TreeMap<Integer, long[]> byYear = new TreeMap<>();
        jdbc.sql("SELECT founded_on, city_code FROM inv_rd_institution").query((rs, i) -> {
            int y = rs.getObject("founded_on", LocalDate.class).getYear();
            long[] c = byYear.computeIfAbsent(y, k -> new long[3]);
            switch (rs.getString("city_code")) {
                case "430100" -> c[0]++;
                case "430200" -> c[1]++;
                default -> c[2]++;
            }
            return y;
        }).list();
        List<RdYear> out = new ArrayList<>();
        long cumulative = 0;
        for (var e : byYear.entrySet()) {
            long[] c = e.getValue();
            long n = c[0] + c[1] + c[2];
            cumulative += n;
            out.add(new RdYear(e.getKey(), c[0], c[1], c[2], n, cumulative));
        }
        return out;
    }
}
