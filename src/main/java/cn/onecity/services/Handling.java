package cn.onecity.services;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.identitylink.api.IdentityLink;
import org.flowable.task.api.Task;
import org.flowable.task.api.TaskQuery;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onecity.identity.AuditLog;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.Role;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.FieldMessage;
import cn.onecity.shared.FileStore;
import cn.onecity.shared.ForbiddenException;
import cn.onecity.shared.NotFoundException;
import cn.onecity.shared.PageResult;
import cn.onecity.shared.Times;

/**
 * Staff handling: the inbox of a department's tasks (under data scope) and the actions on them. Every
 * action checks that the task belongs to the caller's department, updates the application and its timeline,
 * and completes the Flowable task, all in one transaction.
 */
@Service
public class Handling {

    private static final int MAX_MISSING = 20;

    private final JdbcClient jdbc;
    private final Applications applications;
    private final TaskService tasks;
    private final RuntimeService runtime;
    private final ServiceClock serviceClock;
    private final Notices notices;
    private final FileStore files;
    private final AuditLog audit;
    private final Clock clock;

    Handling(JdbcClient jdbc, Applications applications, TaskService tasks, RuntimeService runtime,
            ServiceClock serviceClock, Notices notices, FileStore files, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.applications = applications;
        this.tasks = tasks;
        this.runtime = runtime;
        this.serviceClock = serviceClock;
        this.notices = notices;
        this.files = files;
        this.audit = audit;
        this.clock = clock;
    }

    /** A task in an inbox with the application it belongs to. */
    public record InboxTask(String taskId, String key, String label, String department, OffsetDateTime created,
            Applications.Summary application) {
    }

    /** What a member of staff decides on a task. */
    public record Action(String outcome, String comment, List<String> missing, String decisionText, String trackingNumber) {
    }

    /**
     * The tasks waiting for the caller's department (CITY_STAFF), or every department's tasks for the joint
     * office (read-only there). Residents and enterprises have no inbox.
     */
    public PageResult<InboxTask> inbox(CurrentUser user, int page, int size) {
        TaskQuery q = tasks.createTaskQuery();
        if (user.is(Role.CITY_STAFF) && user.departmentCode() != null) {
            q = q.taskCandidateGroup(user.departmentCode());
        } else if (user.isAny(Role.JOINT_OFFICE, Role.ADMIN)) {
            q = q.taskUnassigned();
        } else {
            return new PageResult<>(List.of(), page, size, 0);
        }
        q = q.processDefinitionKeyIn(List.of(Mode.ONLINE.processKey(), Mode.PROXY.processKey(), Mode.JOINT.processKey()));
        long total = q.count();
        List<Task> list = q.orderByTaskCreateTime().asc().listPage(page * size, size);
        List<String> pids = list.stream().map(Task::getProcessInstanceId).distinct().toList();
        Map<String, ApplicationRow> rows = pids.isEmpty() ? Map.of()
                : jdbc.sql("SELECT " + ApplicationRow.COLUMNS + " FROM svc_application a WHERE a.process_instance_id IN (:p)")
                        .param("p", pids).query(ApplicationRow::map).list().stream()
                        .collect(Collectors.toMap(ApplicationRow::processInstanceId, Function.identity()));
        Map<Long, String> names = applications.itemNames(rows.values().stream().map(ApplicationRow::itemId).distinct().toList());
        List<InboxTask> out = new ArrayList<>();
        for (Task t : list) {
            ApplicationRow r = rows.get(t.getProcessInstanceId());
            if (r == null) {
                continue;
            }
            String dept = user.is(Role.CITY_STAFF) ? user.departmentCode() : candidateGroups(t.getId()).stream().findFirst().orElse(null);
            out.add(new InboxTask(t.getId(), t.getTaskDefinitionKey(), Stages.task(t.getTaskDefinitionKey()), dept,
                    t.getCreateTime().toInstant().atZone(Times.ZONE).toOffsetDateTime(), applications.summary(r, names.get(r.itemId()))));
        }
        return new PageResult<>(out, page, size, total);
    }

    List<String> candidateGroups(String taskId) {
        return tasks.getIdentityLinksForTask(taskId).stream()
                .filter(l -> "candidate".equals(l.getType()) && l.getGroupId() != null).map(IdentityLink::getGroupId).toList();
    }

    /** Acts on a task. {@code resultFile} is the result document of 办结 (null otherwise). */
    @Transactional
    public void act(CurrentUser user, String taskId, Action a, Upload resultFile) {
        Task task = taskId == null ? null : tasks.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            throw new NotFoundException("任务不存在或已被处理");
        }
        List<String> groups = candidateGroups(task.getId());
        if (user == null || !user.is(Role.CITY_STAFF) || !groups.contains(user.departmentCode())) {
            audit.recordFailure(Applications.MODULE, "办理任务被拒绝", taskId,
                    "任务属于 " + String.join(",", groups) + "，操作人部门 " + (user == null ? "无" : user.departmentCode()));
            throw new ForbiddenException("这不是你所在部门的任务，不能办理");
        }
        ApplicationRow r = jdbc.sql("SELECT " + ApplicationRow.COLUMNS + " FROM svc_application a WHERE a.process_instance_id = :p")
                .param("p", task.getProcessInstanceId()).query(ApplicationRow::map).single();
        String outcome = a.outcome() == null ? "" : a.outcome().trim().toUpperCase();
        String comment = a.comment() == null ? null : a.comment().trim();
        if (comment != null && comment.length() > 1000) {
            throw BusinessException.invalid("comment", "意见最多 1000 字");
        }
        String key = task.getTaskDefinitionKey();
        String itemName = applications.itemNames(List.of(r.itemId())).get(r.itemId());
        OffsetDateTime now = OffsetDateTime.now(clock);
        LocalDate today = serviceClock.today();
        String city = user.cityCode();
        Map<String, Object> vars = new HashMap<>();
        vars.put("outcome", outcome);
        switch (key) {
            case "windowCheck" -> {
                requireOutcome(outcome, "RECEIVE", "RETURN");
                if ("RETURN".equals(outcome)) {
                    requireText(comment, "comment", "请填写退回原因");
                    terminal(r, "RETURNED", comment, now);
                    notices.toApplicant(r.applicantAccountId(), "申请被窗口退回：" + itemName, "退回原因：" + comment, r.number());
                } else {
                    ServiceClock.Due due = serviceClock.due(today, r.promisedDays());
                    jdbc.sql("UPDATE svc_application SET clock_start = :s, due_date = :d WHERE id = :id")
                            .param("s", today).param("d", due.date()).param("id", r.id()).update();
                }
            }
            case "accept" -> {
                requireOutcome(outcome, "ACCEPT", "REJECT", "SUPPLEMENT");
                if ("REJECT".equals(outcome)) {
                    requireText(comment, "comment", "请填写不予受理的理由");
                    terminal(r, "REJECTED", comment, now);
                    notices.toApplicant(r.applicantAccountId(), "申请不予受理：" + itemName, "理由：" + comment, r.number());
                } else if ("SUPPLEMENT".equals(outcome)) {
                    requestSupplement(user, r, key, a, now, today, itemName);
                }
            }
            case "review" -> {
                requireOutcome(outcome, "PASS", "SUPPLEMENT");
                if ("SUPPLEMENT".equals(outcome)) {
                    requestSupplement(user, r, key, a, now, today, itemName);
                }
            }
            case "decide" -> {
                requireOutcome(outcome, "APPROVE", "DENY");
                String text = a.decisionText() == null ? "" : a.decisionText().trim();
                List<FieldMessage> errors = new ArrayList<>();
                if (text.isEmpty() || text.length() > 2000) {
                    errors.add(new FieldMessage("decisionText", "请填写决定内容（2000 字以内）"));
                }
                String problem = resultFile == null ? "请上传结果文书（PDF、JPG 或 PNG）"
                        : FileStore.problem(resultFile.originalName(), resultFile.content());
                if (problem != null) {
                    errors.add(new FieldMessage("resultFile", problem));
                }
                if (!errors.isEmpty()) {
                    throw new BusinessException(400, errors.get(0).message(), errors);
                }
                FileStore.StoredFile f = files.store(resultFile.originalName(), resultFile.content());
                jdbc.sql("UPDATE svc_application SET decision = :d, decision_text = :t, result_file_key = :k WHERE id = :id")
                        .param("d", "APPROVE".equals(outcome) ? "APPROVED" : "DENIED").param("t", text).param("k", f.key())
                        .param("id", r.id()).update();
                comment = text;
            }
            case "deliver" -> {
                requireOutcome(outcome, "MAIL", "WINDOW");
                if ("WINDOW".equals(outcome) && r.mode() != Mode.PROXY) {
                    throw BusinessException.invalid("outcome", "只有异地代收代办可以在收件窗口领取");
                }
                String tracking = a.trackingNumber() == null ? "" : a.trackingNumber().trim();
                if ("MAIL".equals(outcome) && !tracking.matches("[A-Za-z0-9-]{6,40}")) {
                    throw BusinessException.invalid("trackingNumber", "请填写邮件运单号（6–40 位字母或数字）");
                }
                jdbc.sql("UPDATE svc_application SET delivery_method = :m, tracking_number = :t WHERE id = :id")
                        .param("m", outcome).param("t", "MAIL".equals(outcome) ? tracking : null).param("id", r.id()).update();
                comment = "MAIL".equals(outcome) ? "EMS 运单号 " + tracking : "结果已转交" + applications.deptName(r.acceptDepartment());
            }
            case "collect" -> requireOutcome(outcome, "COLLECTED");
            case "jointHandle" -> {
                requireOutcome(outcome, "APPROVE", "DENY");
                requireText(comment, "comment", "请填写办理意见");
                jdbc.sql("""
                        UPDATE svc_application_party SET status = 'DONE', decision = :d, note = :n, done_at = :at
                        WHERE application_id = :a AND department_code = :dept""")
                        .param("d", "APPROVE".equals(outcome) ? "APPROVED" : "DENIED").param("n", comment).param("at", now)
                        .param("a", r.id()).param("dept", user.departmentCode()).update();
                outcome = "JOINT_DONE";
                vars.remove("outcome");
            }
            default -> throw new BusinessException(409, "该任务不能由经办人员办理");
        }
        String stepComment = comment;
        if ("SUPPLEMENT".equals(outcome)) {
            stepComment = "请补正：" + String.join("；", cleanMissing(a.missing())) + (comment == null || comment.isEmpty() ? "" : "。" + comment);
        }
        // the step is written before the task completes, so that steps the process runs on (送达, 归档) follow it
        applications.step(r.id(), outcome, user, city, stepComment, null);
        tasks.complete(task.getId(), vars);
        String stage = applications.syncStage(r.id(), r.processInstanceId());
        jdbc.sql("UPDATE svc_step SET clock = :c WHERE id = (SELECT MAX(id) FROM svc_step WHERE application_id = :a AND step = :s)")
                .param("c", applications.clockText(r.id())).param("a", r.id()).param("s", outcome).update();
        audit.record(Applications.MODULE, Stages.task(key) + "：" + Stages.step(outcome), r.number(), stepComment);
        if (stage != null && !"SUPPLEMENT".equals(outcome) && !"JOINT_DONE".equals(outcome)) {
            notices.taskArrived(r.id(), r.number(), itemName, stage);
        }
    }

    private void requestSupplement(CurrentUser user, ApplicationRow r, String stage, Action a, OffsetDateTime now,
            LocalDate today, String itemName) {
        List<String> missing = cleanMissing(a.missing());
        if (missing.isEmpty()) {
            throw BusinessException.invalid("missing", "请一次性列出需要补正的全部材料");
        }
        if (missing.size() > MAX_MISSING) {
            throw BusinessException.invalid("missing", "补正材料最多 " + MAX_MISSING + " 项");
        }
        if (missing.stream().anyMatch(m -> m.length() > 100)) {
            throw BusinessException.invalid("missing", "每项补正材料的名称最多 100 字");
        }
        jdbc.sql("""
                INSERT INTO svc_supplement (application_id, stage, materials, note, requested_at, requested_by, paused_on)
                VALUES (:a, :s, :m, :n, :at, :by, :on)""")
                .param("a", r.id()).param("s", stage).param("m", String.join("\n", missing)).param("n", a.comment())
                .param("at", now).param("by", user.username()).param("on", today).update();
        jdbc.sql("UPDATE svc_application SET paused_since = :d WHERE id = :id").param("d", today).param("id", r.id()).update();
        notices.toApplicant(r.applicantAccountId(), "请补正材料：" + itemName,
                "需要补正的材料（一次性告知）：" + String.join("；", missing) + "。补正前办理时限暂停计算。", r.number());
    }

    static List<String> cleanMissing(List<String> missing) {
        if (missing == null) {
            return List.of();
        }
        return missing.stream().filter(m -> m != null && !m.isBlank()).map(m -> m.trim().replace('\n', ' ')).distinct().toList();
    }

    private void terminal(ApplicationRow r, String status, String reason, OffsetDateTime now) {
        jdbc.sql("""
                UPDATE svc_application SET status = :s, stage = :s, reject_reason = :r, completed_at = :at
                WHERE id = :id""").param("s", status).param("r", reason).param("at", now).param("id", r.id()).update();
    }

    private static void requireOutcome(String outcome, String... allowed) {
        for (String s : allowed) {
            if (s.equals(outcome)) {
                return;
            }
        }
        throw BusinessException.invalid("outcome", "该环节的办理结果应为：" + String.join("、",
                java.util.Arrays.stream(allowed).map(Stages::step).toList()));
    }

    private static void requireText(String text, String field, String message) {
        if (text == null || text.isBlank()) {
            throw BusinessException.invalid(field, message);
        }
    }
}
