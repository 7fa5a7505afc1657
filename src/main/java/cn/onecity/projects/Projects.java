package cn.onecity.projects;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onecity.cooperation.Cooperation;
import cn.onecity.identity.AuditLog;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.DataScope;
import cn.onecity.identity.Role;
import cn.onecity.region.Department;
import cn.onecity.region.Region;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.ConflictException;
import cn.onecity.shared.FieldMessage;
import cn.onecity.shared.ForbiddenException;
import cn.onecity.shared.NotFoundException;
import cn.onecity.shared.Times;

/**
 * Major projects and their monthly investment reports. Every signed-in user may read projects; the joint office
 * registers them; each involved city's responsible department reports its own city's share, one report per
 * project, city and month (a correction replaces it, the old figures are kept and audited).
 */
@Service
public class Projects {

    /** The most a city may report for one project in one month: 100 亿元 (an amount above it is a unit mistake). */
    public static final BigDecimal MAX_MONTHLY_WAN = new BigDecimal("1000000");
    /** Earliest month a report may be for. */
    public static final YearMonth EARLIEST_MONTH = YearMonth.of(2010, 1);
    public static final int MAX_NOTE = 500;

    private final JdbcClient jdbc;
    private final Region region;
    private final Cooperation cooperation;
    private final AuditLog audit;
    private final Clock clock;

    Projects(JdbcClient jdbc, Region region, Cooperation cooperation, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.region = region;
        this.cooperation = cooperation;
        this.audit = audit;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(Times.ZONE));
    }

    // ------------------------------------------------------------------------------------------------ reading

    /** Every project matching the filter, with status and totals as of today; readable by any signed-in user. */
    public List<Project> list(CurrentUser user, ProjectFilter filter) {
        requireSignedIn(user);
        return all().stream().filter(filter::matches).toList();
    }

    /** Every project, as of today; for public aggregates (the 驾驶舱) only. */
    public List<Project> all() {
        return load(null);
    }

    public Project get(CurrentUser user, long id) {
        requireSignedIn(user);
        return find(id).orElseThrow(() -> new NotFoundException("重大项目不存在"));
    }

    public Optional<Project> find(long id) {
        List<Project> found = load(id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The roll-up of the projects matching the filter. */
    public InvestmentRollUp rollUp(CurrentUser user, ProjectFilter filter) {
        return InvestmentRollUp.of(list(user, filter));
    }

    /** The projects that follow a cooperation item. */
    public List<Project> linkedTo(long cooperationItemId) {
        return all().stream().filter(p -> p.cooperationItemIds().contains(cooperationItemId)).toList();
    }

    /** A project's monthly reports, by month then city. */
    public List<MonthlyReport> reports(CurrentUser user, long projectId) {
        get(user, projectId);
        return jdbc.sql("SELECT * FROM prj_report WHERE project_id = :p ORDER BY ym, city_code")
                .param("p", projectId).query((rs, i) -> new MonthlyReport(rs.getLong("id"), rs.getLong("project_id"),
                        rs.getString("city_code"), region.cityShortName(rs.getString("city_code")), rs.getString("ym"),
                        rs.getBigDecimal("amount"), rs.getString("note"), rs.getString("reported_by"),
                        local(rs.getObject("reported_at", OffsetDateTime.class)), rs.getInt("revision")))
                .list();
    }

    /** One month of a project: each city's amount (万元, in the project's city order; null when not reported), the month's total and the running total. */
    public record MonthRow(String month, List<BigDecimal> byCity, BigDecimal total, BigDecimal cumulative) {
    }

    /** The project's investment month by month, from the first to the last reported month (gaps as null). */
    public List<MonthRow> byMonth(CurrentUser user, long projectId) {
        Project p = get(user, projectId);
        List<MonthlyReport> reports = reports(user, projectId);
        if (reports.isEmpty()) {
            return List.of();
        }
        YearMonth first = YearMonth.parse(reports.get(0).month());
        YearMonth last = YearMonth.parse(reports.get(reports.size() - 1).month());
        Map<String, BigDecimal> amounts = new HashMap<>();
        for (MonthlyReport r : reports) {
            amounts.put(r.month() + "/" + r.cityCode(), r.amount());
        }
        List<MonthRow> rows = new ArrayList<>();
        BigDecimal cumulative = BigDecimal.ZERO;
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            List<BigDecimal> byCity = new ArrayList<>();
            BigDecimal total = BigDecimal.ZERO;
            for (ProjectCity c : p.cities()) {
                BigDecimal a = amounts.get(m + "/" + c.cityCode());
                byCity.add(a);
                total = a == null ? total : total.add(a);
            }
            cumulative = cumulative.add(total);
            rows.add(new MonthRow(m.toString(), byCity, total, cumulative));
        }
        return rows;
    }

    /** An earlier version of a corrected report. */
    public record Revision(long reportId, String cityCode, String month, int revision, BigDecimal amount, String note,
            String reportedBy, OffsetDateTime reportedAt, String replacedBy, OffsetDateTime replacedAt) {
    }

    /** The replaced versions of the project's reports (JOINT_OFFICE, ADMIN and the involved cities' staff). */
    public List<Revision> revisions(CurrentUser user, long projectId) {
        Project p = get(user, projectId);
        if (!user.isAny(Role.JOINT_OFFICE, Role.ADMIN) && !(user.is(Role.CITY_STAFF) && p.involves(user.cityCode()))) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT v.*, r.city_code, r.ym FROM prj_report_revision v JOIN prj_report r ON r.id = v.report_id
                WHERE r.project_id = :p ORDER BY v.replaced_at DESC, v.id DESC""")
                .param("p", projectId).query((rs, i) -> new Revision(rs.getLong("report_id"), rs.getString("city_code"),
                        rs.getString("ym"), rs.getInt("revision"), rs.getBigDecimal("amount"), rs.getString("note"),
                        rs.getString("reported_by"), local(rs.getObject("reported_at", OffsetDateTime.class)),
                        rs.getString("replaced_by"), local(rs.getObject("replaced_at", OffsetDateTime.class))))
                .list();
    }

    /** The city the user may report for on this project, or empty when they may not report. */
    public Optional<ProjectCity> reportingCity(CurrentUser user, Project p) {
        if (user == null || !user.is(Role.CITY_STAFF)) {
            return Optional.empty();
        }
        return p.cities().stream().filter(c -> c.cityCode().equals(user.cityCode())
                && c.departmentCode().equals(user.departmentCode())).findFirst();
    }

    // ------------------------------------------------------------------------------------------------ reporting

    /** What was submitted: the month as YYYY-MM, the amount in 万元 as typed, a progress note. */
    public record ReportInput(String month, String amount, String note) {
    }

    public record ReportResult(MonthlyReport report, boolean created) {
    }

    /**
     * The user's city reports the investment completed in a month. Only the responsible department of a city the
     * project involves may report, and only for its own city (403 otherwise). A second report for the same month
     * is a correction: it replaces the first, which is kept as a revision, and both are audited.
     */
    @Transactional
    public ReportResult submitReport(CurrentUser user, long projectId, ReportInput input) {
        // one writer per project at a time: two first reports for one month cannot both insert, and an edit that
        // removes a city cannot slip between the check of the caller's city below and the insert
        if (jdbc.sql("SELECT id FROM prj_project WHERE id = :p FOR UPDATE").param("p", projectId).query(Long.class).optional().isEmpty()) {
            throw new NotFoundException("项目不存在");
        }
        Project p = get(user, projectId);
        if (!user.is(Role.CITY_STAFF)) {
            throw new ForbiddenException("月度投资由项目涉及城市的责任单位报送；一体化办可查看各市报送情况");
        }
        ProjectCity city = p.cities().stream().filter(c -> c.cityCode().equals(user.cityCode())).findFirst()
                .orElseThrow(() -> new ForbiddenException("本项目不涉及" + region.cityShortName(user.cityCode())
                        + "，不能报送投资（涉及城市：" + p.cityNames() + "）"));
        if (!city.departmentCode().equals(user.departmentCode())) {
            throw new ForbiddenException("本项目在" + city.cityName() + "的责任单位为" + city.departmentName() + "，请由该单位报送");
        }
        List<FieldMessage> errors = new ArrayList<>();
        YearMonth month = parseMonth(input.month(), errors);
        BigDecimal amount = parseAmount(input.amount(), p.plannedInvestment(), errors);
        String note = input.note() == null ? null : input.note().strip();
        if (note != null && note.length() > MAX_NOTE) {
            errors.add(new FieldMessage("note", "进展说明不能超过 " + MAX_NOTE + " 个字"));
        }
        if (!errors.isEmpty()) {
            throw new BusinessException(400, errors.get(0).message(), errors);
        }
        String ym = month.toString();
        OffsetDateTime now = OffsetDateTime.now(clock);
        Optional<Map<String, Object>> existing = jdbc.sql("""
                SELECT id, amount, note, reported_by, reported_at, revision FROM prj_report
                WHERE project_id = :p AND city_code = :c AND ym = :m""")
                .param("p", projectId).param("c", city.cityCode()).param("m", ym).query((rs, i) -> {
                    Map<String, Object> m = new HashMap<>();
                    m.put("id", rs.getLong("id"));
                    m.put("amount", rs.getBigDecimal("amount"));
                    m.put("note", rs.getString("note"));
                    m.put("by", rs.getString("reported_by"));
                    m.put("at", rs.getObject("reported_at", OffsetDateTime.class));
                    m.put("revision", rs.getInt("revision"));
                    return m;
                }).optional();
        String what = p.code() + " " + city.cityName() + " " + ym;
        long reportId;
        if (existing.isPresent()) {
            Map<String, Object> old = existing.get();
            reportId = (Long) old.get("id");
            jdbc.sql("""
                    INSERT INTO prj_report_revision (report_id, revision, amount, note, reported_by, reported_at, replaced_by, replaced_at)
                    VALUES (:r, :rev, :a, :n, :by, :at, :rb, :ra)""")
                    .param("r", reportId).param("rev", old.get("revision")).param("a", old.get("amount"))
                    .param("n", old.get("note")).param("by", old.get("by")).param("at", old.get("at"))
                    .param("rb", user.username()).param("ra", now).update();
            jdbc.sql("""
                    UPDATE prj_report SET amount = :a, note = :n, reported_by = :by, organisation_id = :o, reported_at = :at,
                        revision = revision + 1 WHERE id = :id""")
                    .param("a", amount).param("n", note).param("by", user.username()).param("o", user.organisationId())
                    .param("at", now).param("id", reportId).update();
            audit.record("projects", "更正月度投资", what, "由 " + ((BigDecimal) old.get("amount")).toPlainString() + " 万元更正为 "
                    + amount.toPlainString() + " 万元");
        } else {
            GeneratedKeyHolder keys = new GeneratedKeyHolder();
            jdbc.sql("""
                    INSERT INTO prj_report (project_id, city_code, ym, amount, note, reported_by, organisation_id, reported_at)
                    VALUES (:p, :c, :m, :a, :n, :by, :o, :at)""")
                    .param("p", projectId).param("c", city.cityCode()).param("m", ym).param("a", amount).param("n", note)
                    .param("by", user.username()).param("o", user.organisationId()).param("at", now).update(keys, "id");
            reportId = keys.getKeyAs(Number.class).longValue();
            audit.record("projects", "报送月度投资", what, amount.toPlainString() + " 万元");
        }
        MonthlyReport report = reports(user, projectId).stream().filter(r -> r.id() == reportId).findFirst().orElseThrow();
        return new ReportResult(report, existing.isEmpty());
    }

    private YearMonth parseMonth(String raw, List<FieldMessage> errors) {
        if (raw == null || raw.isBlank()) {
            errors.add(new FieldMessage("month", "请填写报送月份（YYYY-MM）"));
            return null;
        }
        YearMonth m;
        try {
            m = YearMonth.parse(raw.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldMessage("month", "报送月份格式应为 YYYY-MM，如 2026-05"));
            return null;
        }
        YearMonth current = YearMonth.from(today());
        if (m.isAfter(current)) {
            errors.add(new FieldMessage("month", "不能报送未来月份（" + m.getYear() + "年" + m.getMonthValue() + "月）：当前为 "
                    + current.getYear() + "年" + current.getMonthValue() + "月"));
        } else if (m.isBefore(EARLIEST_MONTH)) {
            errors.add(new FieldMessage("month", "报送月份不能早于 2010年1月"));
        }
        return m;
    }

    private static BigDecimal parseAmount(String raw, BigDecimal planned, List<FieldMessage> errors) {
        if (raw == null || raw.isBlank()) {
            errors.add(new FieldMessage("amount", "请填写本月完成投资（万元）"));
            return null;
        }
        BigDecimal a;
        try {
            a = new BigDecimal(raw.strip().replace(",", ""));
        } catch (NumberFormatException e) {
            errors.add(new FieldMessage("amount", "本月完成投资应为数字（单位：万元），如 1250.5"));
            return null;
        }
        if (a.signum() < 0) {
            errors.add(new FieldMessage("amount", "本月完成投资不能为负数；如需冲减，请更正此前月份的报送"));
        } else if (a.stripTrailingZeros().scale() > 2) {
            errors.add(new FieldMessage("amount", "本月完成投资最多保留两位小数（单位：万元）"));
        } else if (a.compareTo(MAX_MONTHLY_WAN) > 0) {
            errors.add(new FieldMessage("amount", "本月完成投资 " + a.toPlainString() + " 万元超出合理范围（单月不超过 100 亿元），请核对单位是否为万元"));
        } else if (planned.signum() > 0 && a.compareTo(planned) > 0) {
            errors.add(new FieldMessage("amount", "本月完成投资 " + a.toPlainString() + " 万元超过项目计划总投资 "
                    + planned.stripTrailingZeros().toPlainString() + " 万元，请核对"));
        }
        return a;
    }

    // ------------------------------------------------------------------------------------------------ milestones

    /**
     * Records the date a milestone was reached (null clears it). The joint office, or the responsible department of
     * a city the project involves; the date may not lie in the future.
     */
    @Transactional
    public Project recordMilestone(CurrentUser user, long projectId, long milestoneId, LocalDate actual) {
        Project p = get(user, projectId);
        if (!user.isAny(Role.JOINT_OFFICE, Role.ADMIN) && reportingCity(user, p).isEmpty()) {
            throw new ForbiddenException("里程碑由一体化办或项目涉及城市的责任单位填报");
        }
        ProjectMilestone m = p.milestones().stream().filter(x -> x.id() == milestoneId).findFirst()
                .orElseThrow(() -> new NotFoundException("里程碑不存在"));
        if (actual != null && actual.isAfter(today())) {
            throw BusinessException.invalid("actualDate", "实际完成日期不能晚于今天");
        }
        jdbc.sql("UPDATE prj_milestone SET actual_date = :d WHERE id = :id").param("d", actual).param("id", milestoneId).update();
        audit.record("projects", "填报里程碑", p.code() + " " + m.name(), actual == null ? "清除实际日期" : "实际日期 " + actual);
        return find(projectId).orElseThrow();
    }

    // ------------------------------------------------------------------------------------------------ registering

    /** Upper bound of a planned investment: 1 万亿元 (in 万元). */
    public static final BigDecimal MAX_PLANNED_WAN = new BigDecimal("100000000");
    public static final int MAX_DESCRIPTION = 2000;
    public static final int MAX_PROJECT_NOTE = 300;
    public static final int MAX_MILESTONE_NAME = 100;

    /** The joint office registers a project; 400 naming the field for bad input, 409 for a code in use. */
    @Transactional
    public long create(CurrentUser user, NewProject n) {
        requireOffice(user, "仅一体化办可以登记重大项目");
        Checked c = validate(n, null);
        if (codeTaken(c.code(), null)) {
            throw new ConflictException("项目编号 " + c.code() + " 已被使用");
        }
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO prj_project (code, name, kind, landmark, planned_investment, description, note, created_at, created_by)
                VALUES (:code, :name, :kind, :landmark, :planned, :d, :note, :at, :by)""")
                .param("code", c.code()).param("name", c.name()).param("kind", n.type().name()).param("landmark", n.landmark())
                .param("planned", n.plannedInvestment()).param("d", c.description()).param("note", c.note())
                .param("at", OffsetDateTime.now(clock)).param("by", user.username()).update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        writeCities(id, c.departments());
        writeMilestones(id, c.steps());
        writeItems(id, c.items());
        audit.record("projects", "登记重大项目", c.code(), c.name());
        return id;
    }

    /**
     * The joint office changes a project: the same rules as {@link #create}, and a city that has already reported
     * investment cannot be removed (its reports are kept). Monthly reports are never touched; milestones keep their
     * ids by position, so a milestone edited in place stays the same milestone.
     */
    @Transactional
    public void update(CurrentUser user, long id, NewProject n) {
        requireOffice(user, "仅一体化办可以修改重大项目");
        Project old = get(user, id);
        // one writer per project at a time (a report arriving for a city being removed must not slip in)
        jdbc.sql("SELECT id FROM prj_project WHERE id = :p FOR UPDATE").param("p", id).query(Long.class).single();
        Checked c = validate(n, old);
        if (codeTaken(c.code(), id)) {
            throw new ConflictException("项目编号 " + c.code() + " 已被使用");
        }
        jdbc.sql("""
                UPDATE prj_project SET code = :code, name = :name, kind = :kind, landmark = :landmark, planned_investment = :planned,
                    description = :d, note = :note WHERE id = :id""")
                .param("code", c.code()).param("name", c.name()).param("kind", n.type().name()).param("landmark", n.landmark())
                .param("planned", n.plannedInvestment()).param("d", c.description()).param("note", c.note()).param("id", id).update();
        jdbc.sql("DELETE FROM prj_project_city WHERE project_id = :p").param("p", id).update();
        writeCities(id, c.departments());
        List<Long> milestoneIds = jdbc.sql("SELECT id FROM prj_milestone WHERE project_id = :p ORDER BY seq")
                .param("p", id).query(Long.class).list();
        // park the kept rows on negative seqs first, so that renumbering never collides with UNIQUE (project_id, seq)
        jdbc.sql("UPDATE prj_milestone SET seq = -seq WHERE project_id = :p").param("p", id).update();
        for (int i = 0; i < c.steps().size(); i++) {
            NewProject.Step s = c.steps().get(i);
            if (i < milestoneIds.size()) {
                jdbc.sql("UPDATE prj_milestone SET seq = :s, name = :n, kind = :k, planned_date = :pd, actual_date = :ad WHERE id = :id")
                        .param("s", i + 1).param("n", s.name().strip()).param("k", s.kind().name()).param("pd", s.plannedDate())
                        .param("ad", s.actualDate()).param("id", milestoneIds.get(i)).update();
            } else {
                insertMilestone(id, i + 1, s);
            }
        }
        for (int i = c.steps().size(); i < milestoneIds.size(); i++) {
            jdbc.sql("DELETE FROM prj_milestone WHERE id = :id").param("id", milestoneIds.get(i)).update();
        }
        jdbc.sql("DELETE FROM prj_project_item WHERE project_id = :p").param("p", id).update();
        writeItems(id, c.items());
        audit.record("projects", "修改重大项目", c.code(), describeChanges(old, n, c));
    }

    /**
     * Applies every rule of {@link #create} ({@code projectId} null) or {@link #update} without saving anything, so a
     * form can show all messages at once even when some of its own input could not be read; 400/409 as they do.
     */
    @Transactional(readOnly = true)
    public void check(CurrentUser user, Long projectId, NewProject n) {
        requireOffice(user, projectId == null ? "仅一体化办可以登记重大项目" : "仅一体化办可以修改重大项目");
        Checked c = validate(n, projectId == null ? null : get(user, projectId));
        if (codeTaken(c.code(), projectId)) {
            throw new ConflictException("项目编号 " + c.code() + " 已被使用");
        }
    }

    /** The input as it will be stored: trimmed texts, each city's department in order, distinct item ids. */
    private record Checked(String code, String name, String description, String note, Map<String, Department> departments,
            List<NewProject.Step> steps, List<Long> items) {
    }

    /** Every rule of create and update; {@code old} is the project being changed, null when registering. */
    private Checked validate(NewProject n, Project old) {
        List<FieldMessage> errors = new ArrayList<>();
        String code = n.code() == null ? "" : n.code().strip();
        String name = n.name() == null ? "" : n.name().strip();
        String description = blankToNull(n.description());
        String note = blankToNull(n.note());
        if (code.isEmpty() || code.length() > 32) {
            errors.add(new FieldMessage("code", "请填写项目编号（不超过 32 个字符）"));
        }
        if (name.isEmpty() || name.length() > 200) {
            errors.add(new FieldMessage("name", "请填写项目名称（不超过 200 个字）"));
        }
        if (n.type() == null) {
            errors.add(new FieldMessage("type", "请选择项目类型"));
        }
        BigDecimal planned = n.plannedInvestment();
        if (planned == null || planned.signum() <= 0 || planned.compareTo(MAX_PLANNED_WAN) > 0) {
            errors.add(new FieldMessage("plannedInvestment", "计划总投资应为大于 0 的金额（万元，不超过 1 万亿元）"));
        } else if (planned.stripTrailingZeros().scale() > 2) {
            errors.add(new FieldMessage("plannedInvestment", "计划总投资最多保留两位小数（单位：万元）"));
        }
        if (description != null && description.length() > MAX_DESCRIPTION) {
            errors.add(new FieldMessage("description", "项目简介不能超过 " + MAX_DESCRIPTION + " 个字"));
        }
        if (note != null && note.length() > MAX_PROJECT_NOTE) {
            errors.add(new FieldMessage("note", "备注不能超过 " + MAX_PROJECT_NOTE + " 个字"));
        }
        List<NewProject.Party> parties = n.cities() == null ? List.of() : n.cities();
        if (parties.isEmpty()) {
            errors.add(new FieldMessage("cities", "请至少选择一个涉及城市及其责任单位"));
        }
        Map<String, Department> departments = new LinkedHashMap<>();
        for (NewProject.Party party : parties) {
            Optional<Department> d = party.departmentCode() == null ? Optional.empty() : region.findDepartment(party.departmentCode());
            if (region.findCity(party.cityCode()).isEmpty()) {
                errors.add(new FieldMessage("cities", "未知城市：" + party.cityCode()));
            } else if (d.isEmpty() || !d.get().cityCode().equals(party.cityCode())) {
                errors.add(new FieldMessage("cities", region.cityShortName(party.cityCode()) + "的责任单位不存在或不属于该市："
                        + party.departmentCode()));
            } else if (departments.put(party.cityCode(), d.get()) != null) {
                errors.add(new FieldMessage("cities", region.cityShortName(party.cityCode()) + "重复：每个城市只设一个责任单位"));
            }
        }
        if (old != null) {
            for (ProjectCity was : old.cities()) {
                boolean kept = parties.stream().anyMatch(p -> was.cityCode().equals(p.cityCode()));
                int reported = kept ? 0 : jdbc.sql("SELECT COUNT(*) FROM prj_report WHERE project_id = :p AND city_code = :c")
                        .param("p", old.id()).param("c", was.cityCode()).query(Integer.class).single();
                if (reported > 0) {
                    errors.add(new FieldMessage("cities", was.cityName() + "已有 " + reported
                            + " 条月度投资报送，不能从涉及城市中移除（已报送的投资须保留；可更换其责任单位）"));
                }
            }
        }
        List<NewProject.Step> steps = n.milestones() == null ? List.of() : n.milestones();
        for (int i = 0; i < steps.size(); i++) {
            NewProject.Step s = steps.get(i);
            if (s == null || s.name() == null || s.name().isBlank() || s.kind() == null || s.plannedDate() == null) {
                errors.add(new FieldMessage("milestones[" + i + "]", "里程碑须有名称、类型和计划日期"));
            } else if (s.name().strip().length() > MAX_MILESTONE_NAME) {
                errors.add(new FieldMessage("milestones[" + i + "]", "里程碑名称不能超过 " + MAX_MILESTONE_NAME + " 个字"));
            } else if (s.actualDate() != null && s.actualDate().isAfter(today())) {
                errors.add(new FieldMessage("milestones[" + i + "]", "里程碑“" + s.name().strip() + "”的实际日期不能晚于今天"));
            }
        }
        List<Long> items = n.cooperationItemIds() == null ? List.of()
                : n.cooperationItemIds().stream().filter(java.util.Objects::nonNull).distinct().toList();
        for (Long item : items) {
            try {
                cooperation.item(new DataScope.All(), item, today());
            } catch (NotFoundException e) {
                errors.add(new FieldMessage("cooperationItemIds", "关联的合作事项不存在：" + item));
            }
        }
        if (!errors.isEmpty()) {
            throw new BusinessException(400, errors.get(0).message(), errors);
        }
        return new Checked(code, name, description, note, departments, steps, items);
    }

    private boolean codeTaken(String code, Long except) {
        return jdbc.sql("SELECT COUNT(*) FROM prj_project WHERE code = :c AND id <> :id").param("c", code)
                .param("id", except == null ? -1L : except).query(Integer.class).single() > 0;
    }

    private void writeCities(long id, Map<String, Department> departments) {
        int seq = 1;
        for (Department d : departments.values()) {
            jdbc.sql("INSERT INTO prj_project_city (project_id, city_code, department_code, seq) VALUES (:p, :c, :d, :s)")
                    .param("p", id).param("c", d.cityCode()).param("d", d.code()).param("s", seq++).update();
        }
    }

    private void writeMilestones(long id, List<NewProject.Step> steps) {
        int seq = 1;
        for (NewProject.Step s : steps) {
            insertMilestone(id, seq++, s);
        }
    }

    private void insertMilestone(long id, int seq, NewProject.Step s) {
        jdbc.sql("""
                INSERT INTO prj_milestone (project_id, seq, name, kind, planned_date, actual_date)
                VALUES (:p, :s, :n, :k, :pd, :ad)""")
                .param("p", id).param("s", seq).param("n", s.name().strip()).param("k", s.kind().name())
                .param("pd", s.plannedDate()).param("ad", s.actualDate()).update();
    }

    private void writeItems(long id, List<Long> items) {
        for (Long item : items) {
            jdbc.sql("INSERT INTO prj_project_item (project_id, coop_item_id) VALUES (:p, :i)").param("p", id).param("i", item).update();
        }
    }

    /** What an update changed, for the audit log (the fields a reader of the log would ask about). */
    private static String describeChanges(Project old, NewProject n, Checked c) {
        List<String> changes = new ArrayList<>();
        if (!old.code().equals(c.code())) {
            changes.add("编号 " + old.code() + "→" + c.code());
        }
        if (!old.name().equals(c.name())) {
            changes.add("名称 " + old.name() + "→" + c.name());
        }
        if (old.type() != n.type()) {
            changes.add("类型 " + old.type().label() + "→" + n.type().label());
        }
        if (old.landmark() != n.landmark()) {
            changes.add(n.landmark() ? "列为标志性工程" : "取消标志性工程");
        }
        if (old.plannedInvestment().compareTo(n.plannedInvestment()) != 0) {
            changes.add("计划总投资 " + old.plannedInvestment().stripTrailingZeros().toPlainString() + "→"
                    + n.plannedInvestment().stripTrailingZeros().toPlainString() + " 万元");
        }
        List<String> before = old.cities().stream().map(x -> x.departmentCode()).toList();
        List<String> after = c.departments().values().stream().map(Department::code).toList();
        if (!before.equals(after)) {
            changes.add("涉及城市/责任单位 " + String.join("、", before) + "→" + String.join("、", after));
        }
        if (old.milestones().size() != c.steps().size()) {
            changes.add("里程碑 " + old.milestones().size() + "→" + c.steps().size() + " 个");
        }
        if (!new java.util.HashSet<>(old.cooperationItemIds()).equals(new java.util.HashSet<>(c.items()))) {
            changes.add("关联合作事项 " + old.cooperationItemIds() + "→" + c.items());
        }
        return changes.isEmpty() ? "修改项目信息" : String.join("；", changes);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static void requireOffice(CurrentUser user, String message) {
        if (user == null || !user.isAny(Role.JOINT_OFFICE, Role.ADMIN)) {
            throw new ForbiddenException(message);
        }
    }

    /** Links a cooperation item to the project, so that the item's page shows the project (joint office). */
    @Transactional
    public void link(CurrentUser user, long projectId, long cooperationItemId) {
        if (user == null || !user.isAny(Role.JOINT_OFFICE, Role.ADMIN)) {
            throw new ForbiddenException("仅一体化办可以关联合作事项");
        }
        Project p = get(user, projectId);
        cooperation.item(new DataScope.All(), cooperationItemId, today());
        if (!p.cooperationItemIds().contains(cooperationItemId)) {
            jdbc.sql("INSERT INTO prj_project_item (project_id, coop_item_id) VALUES (:p, :i)")
                    .param("p", projectId).param("i", cooperationItemId).update();
            audit.record("projects", "关联合作事项", p.code(), "合作事项 " + cooperationItemId);
        }
    }

    // ------------------------------------------------------------------------------------------------ loading

    private List<Project> load(Long onlyId) {
        String where = onlyId == null ? "" : " WHERE id = :id";
        Map<String, Object> params = onlyId == null ? Map.of() : Map.of("id", onlyId);
        record Row(long id, String code, String name, ProjectType type, boolean landmark, BigDecimal planned, String description,
                String note) {
        }
        List<Row> rows = jdbc.sql("SELECT * FROM prj_project" + where + " ORDER BY code").params(params)
                .query((rs, i) -> new Row(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
                        ProjectType.valueOf(rs.getString("kind")), rs.getBoolean("landmark"), rs.getBigDecimal("planned_investment"),
                        rs.getString("description"), rs.getString("note")))
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        String sub = onlyId == null ? "" : " WHERE project_id = :id";
        Map<Long, Map<String, BigDecimal>> invested = new HashMap<>();
        Map<Long, String> lastMonth = new HashMap<>();
        jdbc.sql("SELECT project_id, city_code, SUM(amount) AS total, MAX(ym) AS last_ym FROM prj_report" + sub
                + " GROUP BY project_id, city_code").params(params).query((rs, i) -> {
                    long p = rs.getLong("project_id");
                    invested.computeIfAbsent(p, k -> new HashMap<>()).put(rs.getString("city_code"), rs.getBigDecimal("total"));
                    lastMonth.merge(p, rs.getString("last_ym"), (a, b) -> a.compareTo(b) >= 0 ? a : b);
                    return null;
                }).list();
        Map<Long, List<ProjectCity>> cities = new HashMap<>();
        jdbc.sql("SELECT * FROM prj_project_city" + sub + " ORDER BY project_id, seq").params(params).query((rs, i) -> {
            long p = rs.getLong("project_id");
            String city = rs.getString("city_code");
            String dept = rs.getString("department_code");
            BigDecimal amount = invested.getOrDefault(p, Map.of()).getOrDefault(city, BigDecimal.ZERO);
            cities.computeIfAbsent(p, k -> new ArrayList<>()).add(new ProjectCity(city, region.cityShortName(city), dept,
                    region.findDepartment(dept).map(Department::name).orElse(dept), amount));
            return null;
        }).list();
        Map<Long, List<ProjectMilestone>> milestones = new HashMap<>();
        jdbc.sql("SELECT * FROM prj_milestone" + sub + " ORDER BY project_id, seq").params(params).query((rs, i) -> {
            milestones.computeIfAbsent(rs.getLong("project_id"), k -> new ArrayList<>()).add(new ProjectMilestone(rs.getLong("id"),
                    rs.getInt("seq"), rs.getString("name"), MilestoneKind.valueOf(rs.getString("kind")),
                    rs.getObject("planned_date", LocalDate.class), rs.getObject("actual_date", LocalDate.class)));
            return null;
        }).list();
        Map<Long, List<Long>> items = new HashMap<>();
        jdbc.sql("SELECT * FROM prj_project_item" + sub + " ORDER BY project_id, coop_item_id").params(params).query((rs, i) -> {
            items.computeIfAbsent(rs.getLong("project_id"), k -> new ArrayList<>()).add(rs.getLong("coop_item_id"));
            return null;
        }).list();
        LocalDate today = today();
        List<Project> out = new ArrayList<>();
        for (Row r : rows) {
            List<ProjectCity> cs = cities.getOrDefault(r.id(), List.of());
            BigDecimal total = cs.stream().map(ProjectCity::invested).reduce(BigDecimal.ZERO, BigDecimal::add);
            List<ProjectMilestone> ms = milestones.getOrDefault(r.id(), List.of());
            ProjectStatus status = ProjectStatus.of(ms, total.signum() > 0, today);
            out.add(new Project(r.id(), r.code(), r.name(), r.type(), r.landmark(), r.planned(), r.description(), r.note(),
                    List.copyOf(cs), List.copyOf(ms), total, lastMonth.get(r.id()), status,
                    ProjectStatus.behindSchedule(status, ms, today), List.copyOf(items.getOrDefault(r.id(), List.of())), today));
        }
        return out;
    }

    private static void requireSignedIn(CurrentUser user) {
        if (user == null) {
            throw new ForbiddenException("请先登录");
        }
    }

    private static OffsetDateTime local(OffsetDateTime t) {
        return t == null ? null : t.atZoneSameInstant(Times.ZONE).toOffsetDateTime();
    }
}
