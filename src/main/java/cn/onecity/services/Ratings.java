package cn.onecity.services;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onecity.identity.AuditLog;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.DataScope;
import cn.onecity.identity.Role;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.ConflictException;
import cn.onecity.shared.ForbiddenException;
import cn.onecity.shared.NotFoundException;
import cn.onecity.shared.PageResult;

/**
 * 好差评: after 办结 the applicant rates the accepting window and the handling department (five levels).
 * 不满意 and 非常不满意 open a rectification (整改) for the department, due in 15 working days, answered with
 * the measures taken and a call-back record (回访) that the applicant sees. A department may appeal a
 * malicious rating to the joint office; an upheld appeal takes the rating out of the satisfaction figures.
 */
@Service
public class Ratings {

    public static final int RECTIFICATION_DAYS = 15;

    private final JdbcClient jdbc;
    private final Applications applications;
    private final ServiceClock serviceClock;
    private final Notices notices;
    private final AuditLog audit;
    private final Clock clock;

    private final org.springframework.transaction.support.TransactionTemplate tx;

    Ratings(JdbcClient jdbc, Applications applications, ServiceClock serviceClock, Notices notices, AuditLog audit,
            Clock clock, org.springframework.transaction.PlatformTransactionManager transactions) {
        this.tx = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.jdbc = jdbc;
        this.applications = applications;
        this.serviceClock = serviceClock;
        this.notices = notices;
        this.audit = audit;
        this.clock = clock;
    }

    public static String statusLabel(String status) {
        if (status == null) {
            return null;
        }
        return switch (status) {
            case "OPEN" -> "待整改";
            case "ANSWERED" -> "已整改并回访";
            case "APPEALED" -> "申诉中";
            case "APPEAL_UPHELD" -> "申诉成立（不计入评价）";
            default -> status;
        };
    }

    public record Rate(Integer windowLevel, String windowComment, Integer departmentLevel, String departmentComment) {
    }

    @Transactional
    public void rate(CurrentUser user, String number, Rate rate) {
        ApplicationRow r = applications.visibleRow(user, number);
        if (r.applicantAccountId() != user.accountId()) {
            throw new ForbiddenException("只有申请人本人可以评价");
        }
        if (!"DONE".equals(r.status())) {
            throw new ConflictException("办结后才能评价");
        }
        if (jdbc.sql("SELECT COUNT(*) FROM svc_rating WHERE application_id = :a").param("a", r.id()).query(Long.class).single() > 0) {
            throw new ConflictException("该申请已经评价过了");
        }
        checkLevel(rate.departmentLevel(), "departmentLevel", "请评价办理部门（1–5 级）");
        checkComment(rate.departmentComment(), rate.departmentLevel(), "departmentComment");
        if (r.mode() == Mode.PROXY) {
            checkLevel(rate.windowLevel(), "windowLevel", "请评价收件窗口（1–5 级）");
            checkComment(rate.windowComment(), rate.windowLevel(), "windowComment");
            insert(user, r, "WINDOW", r.acceptDepartment(), rate.windowLevel(), rate.windowComment());
        }
        insert(user, r, "DEPARTMENT", r.handleDepartment(), rate.departmentLevel(), rate.departmentComment());
        String text = (r.mode() == Mode.PROXY ? "收件窗口：" + Stages.level(rate.windowLevel()) + "；" : "")
                + "办理部门：" + Stages.level(rate.departmentLevel());
        applications.step(r.id(), "RATE", user, null, text, null);
        audit.record(Applications.MODULE, "好差评", number, text);
    }

    private static void checkLevel(Integer level, String field, String message) {
        if (level == null || level < 1 || level > 5) {
            throw BusinessException.invalid(field, message);
        }
    }

    private static void checkComment(String comment, Integer level, String field) {
        if (comment != null && comment.length() > 1000) {
            throw BusinessException.invalid(field, "评价内容最多 1000 字");
        }
        if (level != null && level <= 2 && (comment == null || comment.isBlank())) {
            throw BusinessException.invalid(field, "差评请写明不满意的原因，便于部门整改");
        }
    }

    private void insert(CurrentUser user, ApplicationRow r, String target, String dept, int level, String comment) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        org.springframework.jdbc.support.KeyHolder key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO svc_rating (application_id, target, department_code, level, comment, rated_at)
                VALUES (:a, :t, :d, :l, :c, :at)""")
                .param("a", r.id()).param("t", target).param("d", dept).param("l", level)
                .param("c", comment == null ? null : comment.trim()).param("at", now).update(key, "id");
        if (level <= 2) {
            LocalDate today = serviceClock.today();
            LocalDate due = serviceClock.due(today, RECTIFICATION_DAYS).date();
            jdbc.sql("""
                    INSERT INTO svc_rectification (rating_id, application_id, department_code, status, opened_on, due_date)
                    VALUES (:r, :a, :d, 'OPEN', :on, :due)""")
                    .param("r", key.getKey().longValue()).param("a", r.id()).param("d", dept).param("on", today)
                    .param("due", due).update();
            notices.toDepartment(dept, "【差评整改】" + Stages.level(level) + "：" + r.number(),
                    "申请人评价“" + Stages.level(level) + "”：" + comment + "。请于 " + due + " 前完成整改并回访。", r.number());
        }
    }

    /**
     * Escalates every 整改 still open after its due date, once: the department and the joint office are told.
     * Safe on several instances: each one is claimed by a conditional UPDATE, and only the instance whose UPDATE
     * changed the row sends the notices, in the same transaction.
     *
     * @return how many this call escalated
     */
    public int escalateOverdue(LocalDate today) {
        List<Long> overdue = jdbc.sql("""
                SELECT id FROM svc_rectification WHERE status = 'OPEN' AND due_date < :today AND escalated_at IS NULL
                ORDER BY id""").param("today", today).query(Long.class).list();
        int escalated = 0;
        for (long id : overdue) {
            Boolean done = tx.execute(s -> escalate(id, today));
            if (Boolean.TRUE.equals(done)) {
                escalated++;
            }
        }
        return escalated;
    }

    private boolean escalate(long id, LocalDate today) {
        int claimed = jdbc.sql("""
                UPDATE svc_rectification SET escalated_at = :at
                WHERE id = :id AND status = 'OPEN' AND due_date < :today AND escalated_at IS NULL""")
                .param("at", OffsetDateTime.now(clock)).param("id", id).param("today", today).update();
        if (claimed == 0) {
            return false;
        }
        Map<String, Object> x = rectification(id);
        String number = (String) x.get("number");
        String dept = (String) x.get("department_code");
        notices.toDepartment(dept, "【整改超期】" + number, "差评整改已超过期限，请部门负责人督促完成整改并回访。", number);
        notices.toJointOffice("【整改超期】" + number, applications.deptName(dept) + " 的差评整改已超期。", "/services/rectifications");
        return true;
    }

    /** A rectification as a department or the joint office sees it in its list. */
    public record RectificationItem(long id, String number, String itemName, String departmentCode, String departmentName,
            int level, String levelLabel, String comment, String status, String statusLabel, LocalDate openedOn,
            LocalDate dueDate, boolean overdue, String measures, String callback, String appealReason,
            String appealDecision) {
    }

    public PageResult<RectificationItem> rectifications(CurrentUser user, String status, int page, int size) {
        DataScope scope = DataScope.require(user.scope());
        String where;
        Object value = "";
        if (scope instanceof DataScope.All) {
            where = "1 = 1";
        } else if (scope instanceof DataScope.Department d) {
            where = "x.department_code = :v";
            value = d.departmentCode();
        } else {
            return new PageResult<>(List.of(), page, size, 0);
        }
        if (status != null && !status.isBlank()) {
            where += " AND x.status = :status";
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM svc_rectification x WHERE " + where).param("v", value)
                .param("status", status).query(Long.class).single();
        LocalDate today = serviceClock.today();
        List<RectificationItem> list = jdbc.sql("""
                SELECT x.id, a.number, i.name, x.department_code, r.level, r.comment, x.status, x.opened_on, x.due_date,
                       x.measures, x.callback, x.appeal_reason, x.appeal_decision
                FROM svc_rectification x JOIN svc_rating r ON r.id = x.rating_id
                JOIN svc_application a ON a.id = x.application_id JOIN svc_item i ON i.id = a.item_id
                WHERE """ + " " + where + " ORDER BY x.id DESC LIMIT :limit OFFSET :offset")
                .param("v", value).param("status", status).param("limit", size).param("offset", page * size)
                .query((rs, n) -> new RectificationItem(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        applications.deptName(rs.getString(4)), rs.getInt(5), Stages.level(rs.getInt(5)), rs.getString(6),
                        rs.getString(7), statusLabel(rs.getString(7)), rs.getObject(8, LocalDate.class),
                        rs.getObject(9, LocalDate.class),
                        "OPEN".equals(rs.getString(7)) && today.isAfter(rs.getObject(9, LocalDate.class)),
                        rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13)))
                .list();
        return new PageResult<>(list, page, size, total);
    }

    private Map<String, Object> rectification(long id) {
        return jdbc.sql("""
                SELECT x.id, x.status, x.department_code, x.rating_id, a.number, a.applicant_account_id, x.appeal_reason
                FROM svc_rectification x JOIN svc_application a ON a.id = x.application_id WHERE x.id = :id""")
                .param("id", id).query().listOfRows().stream().findFirst()
                .orElseThrow(() -> new NotFoundException("整改任务不存在"));
    }

    private Map<String, Object> ownRectification(CurrentUser user, long id) {
        Map<String, Object> x = rectification(id);
        if (!user.is(Role.CITY_STAFF) || !x.get("department_code").equals(user.departmentCode())) {
            throw new ForbiddenException("这不是你所在部门的整改任务");
        }
        return x;
    }

    /** The department answers: the measures it took and the call-back record. */
    @Transactional
    public void answer(CurrentUser user, long id, String measures, String callback) {
        Map<String, Object> x = ownRectification(user, id);
        if (!"OPEN".equals(x.get("status"))) {
            throw new ConflictException("该整改任务当前不能答复");
        }
        if (measures == null || measures.isBlank() || measures.length() > 2000) {
            throw BusinessException.invalid("measures", "请填写整改措施（2000 字以内）");
        }
        if (callback == null || callback.isBlank() || callback.length() > 2000) {
            throw BusinessException.invalid("callback", "请填写回访记录（回访时间、方式、申请人意见）");
        }
        jdbc.sql("""
                UPDATE svc_rectification SET status = 'ANSWERED', measures = :m, callback = :c, answered_at = :at,
                    answered_by = :by WHERE id = :id""")
                .param("m", measures.trim()).param("c", callback.trim()).param("at", OffsetDateTime.now(clock))
                .param("by", user.username()).param("id", id).update();
        String number = (String) x.get("number");
        notices.toApplicant(((Number) x.get("applicant_account_id")).longValue(), "差评整改答复：" + number,
                "办理部门已答复您的评价：" + measures.trim(), number);
        audit.record(Applications.MODULE, "差评整改答复", number, measures.trim());
    }

    /** The department appeals a rating it considers malicious. */
    @Transactional
    public void appeal(CurrentUser user, long id, String reason) {
        Map<String, Object> x = ownRectification(user, id);
        if (!"OPEN".equals(x.get("status"))) {
            throw new ConflictException("只有待整改的差评可以申诉");
        }
        if (x.get("appeal_reason") != null) {
            throw new ConflictException("该差评已申诉过一次，申诉未通过的请按期整改");
        }
        if (reason == null || reason.isBlank() || reason.length() > 2000) {
            throw BusinessException.invalid("reason", "请填写申诉理由（2000 字以内）");
        }
        jdbc.sql("UPDATE svc_rectification SET status = 'APPEALED', appeal_reason = :r WHERE id = :id")
                .param("r", reason.trim()).param("id", id).update();
        notices.toJointOffice("【差评申诉】" + x.get("number"), applications.deptName((String) x.get("department_code"))
                + " 申诉：" + reason.trim(), "/services/rectifications");
        audit.record(Applications.MODULE, "差评申诉", (String) x.get("number"), reason.trim());
    }

    /** The joint office decides an appeal: upheld takes the rating out of the figures; rejected reopens it. */
    @Transactional
    public void decideAppeal(CurrentUser user, long id, boolean upheld, String decision) {
        if (!user.is(Role.JOINT_OFFICE)) {
            throw new ForbiddenException("差评申诉由一体化办审核");
        }
        Map<String, Object> x = rectification(id);
        if (!"APPEALED".equals(x.get("status"))) {
            throw new ConflictException("该整改任务没有待审核的申诉");
        }
        if (decision == null || decision.isBlank() || decision.length() > 2000) {
            throw BusinessException.invalid("decision", "请填写审核意见");
        }
        jdbc.sql("""
                UPDATE svc_rectification SET status = :s, appeal_decision = :d, decided_by = :by, decided_at = :at
                WHERE id = :id""")
                .param("s", upheld ? "APPEAL_UPHELD" : "OPEN").param("d", decision.trim()).param("by", user.username())
                .param("at", OffsetDateTime.now(clock)).param("id", id).update();
        if (upheld) {
            jdbc.sql("UPDATE svc_rating SET counted = FALSE WHERE id = :r").param("r", x.get("rating_id")).update();
        }
        notices.toDepartment((String) x.get("department_code"), (upheld ? "申诉成立：" : "申诉未通过，请继续整改：") + x.get("number"),
                decision.trim(), (String) x.get("number"));
        audit.record(Applications.MODULE, upheld ? "差评申诉成立" : "差评申诉驳回", (String) x.get("number"), decision.trim());
    }
}
