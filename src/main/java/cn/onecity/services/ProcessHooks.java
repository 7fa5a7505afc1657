package cn.onecity.services;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.flowable.engine.delegate.DelegateExecution;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The service tasks of the three BPMN processes ({@code ${svcProcess.…(execution)}}). They run inside the
 * engine's transaction: the caller's when a task completes, the job executor's for timers.
 */
@Component("svcProcess")
class ProcessHooks {

    private final JdbcClient jdbc;
    private final Applications applications;
    private final ServiceClock serviceClock;
    private final Notices notices;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ProcessHooks(JdbcClient jdbc, Applications applications, ServiceClock serviceClock, Notices notices,
            ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.applications = applications;
        this.serviceClock = serviceClock;
        this.notices = notices;
        this.events = events;
        this.clock = clock;
    }

    private ApplicationRow row(DelegateExecution execution) {
        return applications.row(((Number) execution.getVariable("applicationId")).longValue());
    }

    // ------------------------------------------------------------------ routing, read from the application
    // The process keeps one variable, applicationId; who acts and when the limit falls due are read from the
    // application row when a task or timer is created (fewer engine rows per submission, one source of truth).

    private String column(DelegateExecution execution, String column) {
        return jdbc.sql("SELECT " + column + " FROM svc_application WHERE id = :id")
                .param("id", ((Number) execution.getVariable("applicationId")).longValue()).query(String.class).single();
    }

    /** The accepting city's window (异地代收代办). */
    public String acceptDept(DelegateExecution execution) {
        return column(execution, "accept_department");
    }

    /** The competent department in the handling city. */
    public String handleDept(DelegateExecution execution) {
        return column(execution, "handle_department");
    }

    /** The applicant's account, who answers 补正. */
    public String applicant(DelegateExecution execution) {
        return column(execution, "CAST(applicant_account_id AS VARCHAR(20))");
    }

    /** The first moment after the due date (the limit is paused and moved by 补正 before the next task starts). */
    public java.util.Date dueAt(DelegateExecution execution) {
        java.time.LocalDate due = jdbc.sql("SELECT due_date FROM svc_application WHERE id = :id")
                .param("id", ((Number) execution.getVariable("applicationId")).longValue())
                .query(java.time.LocalDate.class).optional().orElse(null);
        return Applications.dueAt(due == null ? java.time.LocalDate.of(2999, 12, 31) : due);
    }

    /** 多地联办: the participating departments, the leading one first. */
    public List<String> jointDepartments(DelegateExecution execution) {
        return new java.util.ArrayList<>(jdbc.sql("""
                SELECT department_code FROM svc_application_party WHERE application_id = :a
                ORDER BY CASE WHEN label = '主办地' THEN 0 ELSE 1 END, city_code""")
                .param("a", ((Number) execution.getVariable("applicationId")).longValue()).query(String.class).list());
    }

    /** 全程网办: the result document is delivered electronically to the applicant's account. */
    public void deliverOnline(DelegateExecution execution) {
        ApplicationRow r = row(execution);
        jdbc.sql("UPDATE svc_application SET delivery_method = 'ONLINE' WHERE id = :id").param("id", r.id()).update();
        applications.step(r.id(), "ONLINE", null, r.handleCityCode(), "结果文书已推送至申请人账户", null);
    }

    /** 多地联办: done when every department is done; approved only if all approved. */
    public void concludeJoint(DelegateExecution execution) {
        ApplicationRow r = row(execution);
        List<String> decisions = jdbc.sql("SELECT decision FROM svc_application_party WHERE application_id = :a")
                .param("a", r.id()).query(String.class).list();
        boolean approved = !decisions.isEmpty() && decisions.stream().allMatch("APPROVED"::equals);
        jdbc.sql("UPDATE svc_application SET decision = :d, decision_text = :t, delivery_method = 'ONLINE' WHERE id = :id")
                .param("d", approved ? "APPROVED" : "DENIED")
                .param("t", approved ? "各参与城市均已办结（准予）" : "有参与城市不予办理，详见各地意见").param("id", r.id()).update();
        applications.step(r.id(), "CONCLUDE", null, null, approved ? "各地均准予" : "有城市不予办理", null);
    }

    /** Completes the case: the clock stops, the applicant is asked to rate it. */
    public void archive(DelegateExecution execution) {
        ApplicationRow r = row(execution);
        OffsetDateTime now = OffsetDateTime.now(clock);
        ClockState c = serviceClock.state(r.clockStart(), r.promisedDays(), r.pausedDays(), null, serviceClock.today(),
                serviceClock.today());
        jdbc.sql("""
                UPDATE svc_application SET status = 'DONE', stage = 'DONE', completed_at = :at, completed_on = :on,
                    used_days = :u WHERE id = :id""")
                .param("at", now).param("on", serviceClock.today()).param("u", c.used()).param("id", r.id()).update();
        applications.step(r.id(), "ARCHIVE", null, null, null, c.text());
        String item = applications.itemNames(List.of(r.itemId())).get(r.itemId());
        notices.toApplicant(r.applicantAccountId(), "已办结：" + item, "您的申请 " + r.number() + " 已办结，欢迎对本次服务作出评价。",
                r.number());
        events.publishEvent(new ApplicationCompleted(r.id(), r.number(), r.decision(), c.light() != ClockState.Light.RED));
    }

    /**
     * A boundary timer fired at the due date of a department's task. A paused or finished case is left alone;
     * otherwise the department's inbox (for its head) and the joint office get a 超期督办 notice.
     */
    public void escalate(DelegateExecution execution) {
        ApplicationRow r = row(execution);
        if (!r.inProgress() || r.pausedSince() != null) {
            return;
        }
        ClockState c = applications.clockOf(r);
        if (c.light() != ClockState.Light.RED) {
            return; // the due date moved (补正) after the timer was set
        }
        jdbc.sql("UPDATE svc_application SET escalated_at = :at WHERE id = :id")
                .param("at", OffsetDateTime.now(clock)).param("id", r.id()).update();
        String item = applications.itemNames(List.of(r.itemId())).get(r.itemId());
        List<String> depts = r.mode() == Mode.JOINT
                ? jdbc.sql("SELECT department_code FROM svc_application_party WHERE application_id = :a AND status = 'PENDING'")
                        .param("a", r.id()).query(String.class).list()
                : List.of(r.handleDepartment());
        for (String d : depts) {
            notices.toDepartment(d, "【超期督办】" + item, "申请 " + r.number() + " 已超过承诺时限（" + c.text()
                    + "），请部门负责人督促办理。", r.number());
        }
        notices.toJointOffice("【超期督办】" + item, "申请 " + r.number() + " 已超期：" + String.join("、",
                depts.stream().map(applications::deptName).toList()), Notices.link(r.number()));
        applications.step(r.id(), "ESCALATE", null, null, "超期督办：已通知" + String.join("、",
                depts.stream().map(applications::deptName).toList()) + "负责人及一体化办", c.text());
    }
}
