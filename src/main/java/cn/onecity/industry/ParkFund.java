package cn.onecity.industry;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
import cn.onecity.identity.Role;
import cn.onecity.region.Region;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.FieldMessage;
import cn.onecity.shared.ForbiddenException;
import cn.onecity.shared.Times;

/** The park cooperation fund (园区合作基金): its investments in park projects, and totals computed from them. */
@Service
public class ParkFund {

    private static final BigDecimal MAX_WAN = new BigDecimal("10000000");

    private final JdbcClient jdbc;
    private final Enterprises enterprises;
    private final Region region;
    private final AuditLog audit;
    private final Clock clock;

    ParkFund(JdbcClient jdbc, Enterprises enterprises, Region region, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.enterprises = enterprises;
        this.region = region;
        this.audit = audit;
        this.clock = clock;
    }

    /** The joint office records investments, as does the 工信局 of the park's city. */
    public static boolean canRecord(CurrentUser user) {
        return user != null && (user.isAny(Role.JOINT_OFFICE, Role.ADMIN) || Enterprises.isStaff(user));
    }

    /** Records an investment; the city follows from the park. {@code amountWan}: 万元, positive, two decimals. */
    @Transactional
    public long record(CurrentUser user, String project, String parkCode, String amountWan, String investedOn, String note) {
        List<FieldMessage> errors = new ArrayList<>();
        if (project == null || project.isBlank()) {
            errors.add(new FieldMessage("project", "请填写投资项目"));
        } else if (project.strip().length() > 200) {
            errors.add(new FieldMessage("project", "项目名称不能超过 200 字"));
        }
        Optional<Park> park = parkCode == null ? Optional.empty() : enterprises.park(parkCode.strip());
        if (park.isEmpty()) {
            errors.add(new FieldMessage("parkCode", "请选择园区"));
        }
        BigDecimal amount = null;
        try {
            amount = amountWan == null ? null : new BigDecimal(amountWan.strip());
        } catch (NumberFormatException e) {
            amount = null;
        }
        if (amount == null || amount.signum() <= 0 || amount.compareTo(MAX_WAN) > 0 || amount.scale() > 2) {
            errors.add(new FieldMessage("amountWan", "投资金额应为大于 0 的万元数（最多两位小数）"));
        }
        LocalDate date = null;
        if (investedOn == null || investedOn.isBlank()) {
            errors.add(new FieldMessage("investedOn", "请填写投资日期"));
        } else {
            try {
                date = LocalDate.parse(investedOn.strip());
                if (date.isAfter(LocalDate.now(clock.withZone(Times.ZONE)))) {
                    errors.add(new FieldMessage("investedOn", "投资日期不能晚于今天"));
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldMessage("investedOn", "投资日期格式应为 yyyy-MM-dd"));
            }
        }
        if (!errors.isEmpty()) {
            throw new BusinessException(400, errors.get(0).message(), errors);
        }
        if (user != null && !(user.isAny(Role.JOINT_OFFICE, Role.ADMIN) || Enterprises.isStaffFor(user, park.get().cityCode()))) {
            audit.recordFailure("industry", "登记基金投资", project, "无权登记");
            throw new ForbiddenException("只有一体化办或园区所在市工业和信息化局可以登记基金投资");
        }
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO ind_fund_investment (project, park_code, city_code, amount_wan, invested_on, note, created_by, created_at)
                VALUES (:p, :park, :city, :amount, :d, :note, :u, :now)""")
                .param("p", project.strip()).param("park", park.get().code()).param("city", park.get().cityCode())
                .param("amount", amount).param("d", date).param("note", note == null || note.isBlank() ? null : note.strip())
                .param("u", user == null ? 0L : user.accountId()).param("now", OffsetDateTime.now(clock)).update(keys, "id");
        audit.record("industry", "登记基金投资", project.strip(), amount.toPlainString() + " 万元");
        return keys.getKey().longValue();
    }

    public List<FundInvestment> investments() {
        return jdbc.sql("SELECT * FROM ind_fund_investment ORDER BY invested_on DESC, id DESC")
                .query((rs, i) -> new FundInvestment(rs.getLong("id"), rs.getString("project"), rs.getString("park_code"),
                        enterprises.park(rs.getString("park_code")).map(Park::name).orElse(rs.getString("park_code")),
                        rs.getString("city_code"), region.cityShortName(rs.getString("city_code")),
                        rs.getBigDecimal("amount_wan"), rs.getObject("invested_on", LocalDate.class), rs.getString("note")))
                .list();
    }

    public FundTotals totals() {
        Map<String, BigDecimal> byCity = new LinkedHashMap<>();
        region.cities().forEach(c -> byCity.put(c.shortName(), BigDecimal.ZERO));
        jdbc.sql("SELECT city_code, SUM(amount_wan) AS total FROM ind_fund_investment GROUP BY city_code")
                .query((rs, i) -> byCity.put(region.cityShortName(rs.getString("city_code")), rs.getBigDecimal("total")))
                .list();
        return jdbc.sql("SELECT COUNT(*) AS n, COALESCE(SUM(amount_wan), 0) AS total FROM ind_fund_investment")
                .query((rs, i) -> new FundTotals(rs.getLong("n"), rs.getBigDecimal("total"), byCity)).single();
    }
}
