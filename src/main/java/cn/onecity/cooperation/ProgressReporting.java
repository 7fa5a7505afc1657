package cn.onecity.cooperation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onecity.identity.AuditLog;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.DataScope;
import cn.onecity.identity.Role;
import cn.onecity.region.Department;
import cn.onecity.region.Region;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.ConflictException;
import cn.onecity.shared.FieldMessage;
import cn.onecity.shared.FileStore;
import cn.onecity.shared.ForbiddenException;
import cn.onecity.shared.NotFoundException;
import cn.onecity.shared.Times;

/**
 * Progress reports (进展报告): the responsible city departments file them with evidence files, the joint office
 * accepts or returns them. Every rule is enforced here, whatever the caller checked before.
 * <ul>
 * <li>only CITY_STAFF of a department that is a party of the item may file, one open (待审核) report per
 * item and department at a time, never for a completed item;</li>
 * <li>content 1–4000 characters, percent 0–100 and not below the accepted progress; the milestone reached, if
 * any, must belong to the item and not be done yet; files are PDF/JPG/PNG by content, at most 20 MB each;</li>
 * <li>only the joint office reviews, and only open reports; a return needs a reason. An accepted report that
 * names a milestone marks it done on the acceptance date (Beijing).</li>
 * </ul>
 */
@Service
public class ProgressReporting {

    /** Most evidence files one report may carry. */
    public static final int MAX_FILES = 10;
    public static final int MAX_CONTENT = 4000;
    public static final int MAX_REASON = 1000;

    private final JdbcClient jdbc;
    private final Cooperation cooperation;
    private final FileStore files;
    private final Region region;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ProgressReporting(JdbcClient jdbc, Cooperation cooperation, FileStore files, Region region, AuditLog audit,
            ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.cooperation = cooperation;
        this.files = files;
        this.region = region;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Times.ZONE));
    }

    /**
     * Files a progress report for an item. Returns the new report's id.
     *
     * @param milestoneId the milestone this report says was reached, or null
     * @param uploads     evidence files; may be empty
     */
    @Transactional
    public long submitReport(CurrentUser actor, long itemId, String content, int percent, Long milestoneId,
            List<FileUpload> uploads) {
        if (actor == null || !actor.is(Role.CITY_STAFF) || actor.departmentCode() == null) {
            throw new ForbiddenException("只有该事项牵头或配合部门的市直部门工作人员可以报送进展");
        }
        ItemView item = cooperation.item(actor.scope(), itemId, today());
        if (!item.involvesDepartment(actor.departmentCode())) {
            throw new ForbiddenException("您所在部门不是该事项的牵头或配合部门，不能报送进展");
        }
        if (acceptedCompleted(itemId)) {
            throw new ConflictException("该事项已完成（目标已通过验收），不再接收进展报告");
        }
        List<FieldMessage> errors = new ArrayList<>();
        if (content == null || content.isBlank()) {
            errors.add(new FieldMessage("content", "请填写进展说明"));
        } else if (content.strip().length() > MAX_CONTENT) {
            errors.add(new FieldMessage("content", "进展说明不能超过 " + MAX_CONTENT + " 个字"));
        }
        int accepted = acceptedPercent(itemId);
        if (percent < 0 || percent > 100) {
            errors.add(new FieldMessage("percent", "完成百分比须在 0 到 100 之间"));
        } else if (percent < accepted) {
            errors.add(new FieldMessage("percent", "完成百分比不能低于已通过审核的进度（" + accepted + "%）"));
        }
        if (milestoneId != null) {
            Optional<Milestone> m = jdbc.sql("SELECT * FROM coop_milestone WHERE id = :m AND item_id = :i")
                    .param("m", milestoneId).param("i", itemId).query(Cooperation::milestone).optional();
            if (m.isEmpty()) {
                errors.add(new FieldMessage("milestoneId", "所选里程碑不属于该事项"));
            } else if (m.get().doneOn() != null) {
                errors.add(new FieldMessage("milestoneId", "里程碑“" + m.get().name() + "”已达成，请勿重复报送"));
            }
        }
        List<FileUpload> list = uploads == null ? List.of() : uploads.stream().filter(f -> f != null).toList();
        if (list.size() > MAX_FILES) {
            errors.add(new FieldMessage("files", "一次最多上传 " + MAX_FILES + " 个佐证材料"));
        }
        for (FileUpload f : list) {
            String problem = fileProblem(f);
            if (problem != null) {
                errors.add(new FieldMessage("files", problem));
            }
        }
        if (!errors.isEmpty()) {
            throw new BusinessException(400, errors.get(0).message(), errors);
        }
        Integer open = jdbc.sql("""
                SELECT COUNT(*) FROM coop_report WHERE item_id = :i AND department_code = :d AND status = 'SUBMITTED'""")
                .param("i", itemId).param("d", actor.departmentCode()).query(Integer.class).single();
        if (open > 0) {
            throw new ConflictException("本部门已有一份待审核的进展报告，请等待一体化办审核后再报送");
        }
        // store files first: a refused file aborts before any row is written
        List<FileStore.StoredFile> stored = new ArrayList<>();
        for (FileUpload f : list) {
            stored.add(files.store(f.name(), f.bytes()));
        }
        KeyHolder key = new GeneratedKeyHolder();
        try {
            jdbc.sql("""
                INSERT INTO coop_report (item_id, reporter_account_id, reporter_name, city_code, department_code,
                                         content, percent, milestone_id, status, submitted_at, open_slot)
                VALUES (:item, :account, :name, :city, :dept, :content, :percent, :milestone, 'SUBMITTED', :at, 1)""")
                .param("item", itemId).param("account", actor.accountId())
                .param("name", truncate(actor.displayName(), 60)).param("city", actor.cityCode())
                .param("dept", actor.departmentCode()).param("content", content.strip()).param("percent", percent)
                .param("milestone", milestoneId).param("at", OffsetDateTime.now(clock))
                .update(key, "id");
        } catch (DuplicateKeyException e) {
            // a simultaneous submission passed the check above too: the constraint coop_report_one_open decides
            throw new ConflictException("本部门已有一份待审核的进展报告，请等待一体化办审核后再报送");
        }
        long reportId = key.getKey().longValue();
        for (FileStore.StoredFile s : stored) {
            jdbc.sql("""
                    INSERT INTO coop_evidence (report_id, file_key, original_name, content_type, size_bytes, sm3)
                    VALUES (:r, :k, :n, :t, :s, :sm3)""")
                    .param("r", reportId).param("k", s.key()).param("n", truncate(s.originalName(), 200))
                    .param("t", s.contentType()).param("s", s.size()).param("sm3", s.sm3()).update();
        }
        String deptName = departmentName(actor.departmentCode());
        audit.record("cooperation", "报送进展报告", item.code(),
                deptName + " 报送 " + percent + "%，佐证材料 " + stored.size() + " 个");
        events.publishEvent(new ReportSubmitted(reportId, itemId, item.code(), item.title(), actor.departmentCode(),
                deptName, percent));
        return reportId;
    }

    /** The joint office accepts an open report; a milestone it names is done as of today (Beijing). */
    @Transactional
    public void accept(CurrentUser actor, long reportId) {
        requireJointOffice(actor);
        Stored r = stored(reportId);
        requireOpen(r);
        int accepted = acceptedPercent(r.itemId());
        if (r.percent() < accepted) {
            throw new ConflictException("该报告的完成百分比（" + r.percent() + "%）低于已通过审核的进度（" + accepted
                    + "%），请退回");
        }
        boolean wasCompleted = acceptedCompleted(r.itemId());
        OffsetDateTime now = OffsetDateTime.now(clock);
        LocalDate acceptedOn = now.atZoneSameInstant(Times.ZONE).toLocalDate();
        int n = jdbc.sql("""
                UPDATE coop_report SET status = 'ACCEPTED', open_slot = NULL, reviewed_at = :at, reviewer_name = :who
                WHERE id = :id AND status = 'SUBMITTED'""")
                .param("at", now).param("who", truncate(actor.displayName(), 60)).param("id", reportId).update();
        if (n == 0) {
            throw new ConflictException("该进展报告已被审核，不能重复审核");
        }
        if (r.milestoneId() != null) {
            jdbc.sql("UPDATE coop_milestone SET done_on = :d WHERE id = :m AND item_id = :i AND done_on IS NULL")
                    .param("d", acceptedOn).param("m", r.milestoneId()).param("i", r.itemId()).update();
        }
        ItemRef item = itemRef(r.itemId());
        audit.record("cooperation", "通过进展报告", item.code(),
                "报告 #" + reportId + "，" + departmentName(r.departmentCode()) + " " + r.percent() + "%");
        events.publishEvent(new ReportAccepted(reportId, r.itemId(), item.code(), item.title(), r.departmentCode(),
                r.percent(), r.milestoneId(), acceptedOn));
        if (r.percent() >= 100 && !wasCompleted) {
            events.publishEvent(new ItemCompleted(r.itemId(), item.code(), item.title(), item.leadDepartmentCode(),
                    acceptedOn));
        }
    }

    /** The joint office returns an open report to its department with a reason. */
    @Transactional
    public void returnReport(CurrentUser actor, long reportId, String reason) {
        requireJointOffice(actor);
        if (reason == null || reason.isBlank()) {
            throw BusinessException.invalid("reason", "请填写退回理由");
        }
        if (reason.strip().length() > MAX_REASON) {
            throw BusinessException.invalid("reason", "退回理由不能超过 " + MAX_REASON + " 个字");
        }
        Stored r = stored(reportId);
        requireOpen(r);
        int n = jdbc.sql("""
                UPDATE coop_report SET status = 'RETURNED', open_slot = NULL, reviewed_at = :at, reviewer_name = :who, review_reason = :why
                WHERE id = :id AND status = 'SUBMITTED'""")
                .param("at", OffsetDateTime.now(clock)).param("who", truncate(actor.displayName(), 60))
                .param("why", reason.strip()).param("id", reportId).update();
        if (n == 0) {
            throw new ConflictException("该进展报告已被审核，不能重复审核");
        }
        ItemRef item = itemRef(r.itemId());
        audit.record("cooperation", "退回进展报告", item.code(), "报告 #" + reportId + "，理由：" + reason.strip());
        events.publishEvent(new ReportReturned(reportId, r.itemId(), item.code(), item.title(), r.departmentCode(),
                reason.strip()));
    }

    /** The reports of an item, newest first, with their evidence; refused (403/404) outside the caller's scope. */
    public List<ReportView> reports(DataScope scope, long itemId) {
        DataScope.require(scope);
        cooperation.item(scope, itemId, today());
        return load(" WHERE r.item_id = :item", Map.of("item", itemId));
    }

    /** One report; refused (403/404) when its item is outside the caller's scope. */
    public ReportView report(DataScope scope, long reportId) {
        DataScope.require(scope);
        Stored r = stored(reportId);
        cooperation.item(scope, r.itemId(), today());
        return load(" WHERE r.id = :id", Map.of("id", reportId)).get(0);
    }

    /** Reports waiting for review (待审核) in the caller's scope, oldest first. */
    public List<ReportView> pendingReviews(DataScope scope) {
        DataScope.require(scope);
        Map<String, Object> params = new HashMap<>(Cooperation.scopeParams(scope));
        List<ReportView> list = new ArrayList<>(load(" WHERE r.status = 'SUBMITTED' AND " + Cooperation.scopeClause(scope),
                params));
        list.sort((a, b) -> a.submittedAt().compareTo(b.submittedAt()));
        return list;
    }

    public int pendingCount(DataScope scope) {
        DataScope.require(scope);
        return jdbc.sql("SELECT COUNT(*) FROM coop_report r JOIN coop_item i ON i.id = r.item_id WHERE r.status = 'SUBMITTED' AND "
                        + Cooperation.scopeClause(scope))
                .params(Cooperation.scopeParams(scope)).query(Integer.class).single();
    }

    /** An evidence file for download, after the same scope check as its item. */
    public EvidenceFile evidence(DataScope scope, long evidenceId) {
        DataScope.require(scope);
        record Row(EvidenceView view, long itemId, String key) {
        }
        Row row = jdbc.sql("""
                SELECT e.*, r.item_id FROM coop_evidence e JOIN coop_report r ON r.id = e.report_id WHERE e.id = :id""")
                .param("id", evidenceId)
                .query((rs, n) -> new Row(evidence(rs, n), rs.getLong("item_id"), rs.getString("file_key")))
                .optional().orElseThrow(() -> new NotFoundException("佐证材料不存在"));
        cooperation.item(scope, row.itemId(), today());
        return new EvidenceFile(row.view(), files.read(row.key()));
    }

    // ------------------------------------------------------------------------------------------------

    static String fileProblem(FileUpload f) {
        String name = f.name() == null || f.name().isBlank() ? "未命名文件" : f.name();
        if (f.bytes() == null || f.bytes().length == 0) {
            return "文件《" + name + "》是空的";
        }
        if (f.bytes().length > FileStore.MAX_BYTES) {
            return "文件《" + name + "》超过 20 MB";
        }
        if (FileStore.sniff(f.bytes()) == null) {
            return "文件《" + name + "》不是 PDF、JPG 或 PNG 格式（按文件内容判断）";
        }
        return null;
    }

    private static void requireJointOffice(CurrentUser actor) {
        if (actor == null || !actor.is(Role.JOINT_OFFICE)) {
            throw new ForbiddenException("只有一体化办可以审核进展报告");
        }
    }

    private static void requireOpen(Stored r) {
        if (!"SUBMITTED".equals(r.status())) {
            throw new ConflictException("该进展报告已" + ReportStatus.valueOf(r.status()).label() + "，不能重复审核");
        }
    }

    private int acceptedPercent(long itemId) {
        return jdbc.sql("""
                SELECT percent FROM coop_report WHERE item_id = :i AND status = 'ACCEPTED'
                ORDER BY reviewed_at DESC, id DESC""")
                .param("i", itemId).query(Integer.class).list().stream().findFirst().orElse(0);
    }

    private boolean acceptedCompleted(long itemId) {
        return jdbc.sql("SELECT COUNT(*) FROM coop_report WHERE item_id = :i AND status = 'ACCEPTED' AND percent >= 100")
                .param("i", itemId).query(Integer.class).single() > 0;
    }

    private record Stored(long id, long itemId, String departmentCode, int percent, Long milestoneId, String status) {
    }

    private Stored stored(long reportId) {
        return jdbc.sql("SELECT id, item_id, department_code, percent, milestone_id, status FROM coop_report WHERE id = :id")
                .param("id", reportId)
                .query((rs, n) -> new Stored(rs.getLong("id"), rs.getLong("item_id"), rs.getString("department_code"),
                        rs.getInt("percent"), rs.getObject("milestone_id", Long.class), rs.getString("status")))
                .optional().orElseThrow(() -> new NotFoundException("进展报告不存在"));
    }

    private record ItemRef(String code, String title, String leadDepartmentCode) {
    }

    private ItemRef itemRef(long itemId) {
        return jdbc.sql("SELECT code, title, lead_department_code FROM coop_item WHERE id = :id").param("id", itemId)
                .query((rs, n) -> new ItemRef(rs.getString("code"), rs.getString("title"),
                        rs.getString("lead_department_code")))
                .single();
    }

    private String departmentName(String code) {
        return region.findDepartment(code).map(Department::name).orElse(code);
    }

    private List<ReportView> load(String where, Map<String, Object> params) {
        Map<Long, ReportView> reports = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT r.*, i.code AS item_code, i.title AS item_title, m.name AS milestone_name
                FROM coop_report r JOIN coop_item i ON i.id = r.item_id
                LEFT JOIN coop_milestone m ON m.id = r.milestone_id""" + where
                        + " ORDER BY r.submitted_at DESC, r.id DESC")
                .params(params)
                .query((rs, n) -> reports.put(rs.getLong("id"), new ReportView(rs.getLong("id"), rs.getLong("item_id"),
                        rs.getString("item_code"), rs.getString("item_title"), rs.getString("city_code"),
                        rs.getString("department_code"), departmentName(rs.getString("department_code")),
                        rs.getString("reporter_name"), rs.getString("content"), rs.getInt("percent"),
                        rs.getObject("milestone_id", Long.class), rs.getString("milestone_name"),
                        ReportStatus.valueOf(rs.getString("status")),
                        rs.getObject("submitted_at", OffsetDateTime.class),
                        rs.getObject("reviewed_at", OffsetDateTime.class), rs.getString("reviewer_name"),
                        rs.getString("review_reason"), new ArrayList<>())))
                .list();
        if (reports.isEmpty()) {
            return List.of();
        }
        List<Long> ids = new ArrayList<>(reports.keySet());
        for (int i = 0; i < ids.size(); i += 500) {
            jdbc.sql("SELECT * FROM coop_evidence WHERE report_id IN (:ids) ORDER BY id")
                    .param("ids", ids.subList(i, Math.min(ids.size(), i + 500)))
                    .query((rs, n) -> reports.get(rs.getLong("report_id")).evidence().add(evidence(rs, n)))
                    .list();
        }
        return reports.values().stream()
                .map(r -> new ReportView(r.id(), r.itemId(), r.itemCode(), r.itemTitle(), r.cityCode(),
                        r.departmentCode(), r.departmentName(), r.reporterName(), r.content(), r.percent(),
                        r.milestoneId(), r.milestoneName(), r.status(), r.submittedAt(), r.reviewedAt(),
                        r.reviewerName(), r.reviewReason(), List.copyOf(r.evidence())))
                .toList();
    }

    private static EvidenceView evidence(ResultSet rs, int n) throws SQLException {
        return new EvidenceView(rs.getLong("id"), rs.getLong("report_id"), rs.getString("original_name"),
                rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sm3"));
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
