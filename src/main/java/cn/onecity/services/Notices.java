package cn.onecity.services;

import java.util.List;

import org.flowable.engine.TaskService;
import org.flowable.identitylink.api.IdentityLink;
import org.flowable.task.api.Task;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.onecity.identity.Accounts;
import cn.onecity.notification.Notifications;

/** The 站内信 of the service zone, written in the transaction of the step they announce. */
@Component
class Notices {

    static final String CATEGORY = "跨市通办";

    private final Notifications notifications;
    private final Accounts accounts;
    private final TaskService tasks;
    private final JdbcClient jdbc;

    Notices(Notifications notifications, Accounts accounts, TaskService tasks, JdbcClient jdbc) {
        this.notifications = notifications;
        this.accounts = accounts;
        this.tasks = tasks;
        this.jdbc = jdbc;
    }

    static String link(String number) {
        return "/services/applications/" + number;
    }

    /** Tells whoever must act next (a department's inbox, or the applicant) that a task is waiting. */
    void taskArrived(long applicationId, String number, String itemName, String stage) {
        String pid = jdbc.sql("SELECT process_instance_id FROM svc_application WHERE id = :id").param("id", applicationId)
                .query(String.class).single();
        for (Task t : tasks.createTaskQuery().processInstanceId(pid).list()) {
            if (t.getAssignee() != null) {
                continue; // the applicant's 补正 task: the notice itself is sent with the request
            }
            List<String> groups = tasks.getIdentityLinksForTask(t.getId()).stream()
                    .filter(l -> "candidate".equals(l.getType()) && l.getGroupId() != null).map(IdentityLink::getGroupId).toList();
            for (String dept : groups) {
                toDepartment(dept, "【待办】" + Stages.task(t.getTaskDefinitionKey()) + "：" + itemName,
                        "申请编号 " + number + " 待“" + Stages.task(t.getTaskDefinitionKey()) + "”。", number);
            }
        }
    }

    void toDepartment(String departmentCode, String title, String body, String number) {
        Long org = departmentOrganisations.computeIfAbsent(departmentCode,
                d -> accounts.organisationOfDepartment(d).map(o -> o.id()).orElse(-1L));
        if (org >= 0) {
            notifications.sendToOrganisation(org, CATEGORY, title, body, link(number));
        }
    }

    /**
     * The organisation of each department (created with the department by a migration and never changed), kept
     * per instance: a department without one is looked up again only after a restart.
     */
    private final java.util.concurrent.ConcurrentMap<String, Long> departmentOrganisations = new java.util.concurrent.ConcurrentHashMap<>();

    void toApplicant(long accountId, String title, String body, String number) {
        notifications.sendToAccount(accountId, CATEGORY, title, body, link(number));
    }

    void toJointOffice(String title, String body, String link) {
        accounts.jointOffice().ifPresent(org -> notifications.sendToOrganisation(org.id(), CATEGORY, title, body, link));
    }
}
