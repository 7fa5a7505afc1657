package cn.onecity.cooperation.internal;

import java.util.LinkedHashSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import cn.onecity.cooperation.ItemAssigned;
import cn.onecity.cooperation.ReportAccepted;
import cn.onecity.cooperation.ReportReturned;
import cn.onecity.cooperation.ReportSubmitted;
import cn.onecity.identity.Accounts;
import cn.onecity.identity.Organisation;
import cn.onecity.notification.Notifications;

/**
 * In-app messages (站内信) of 协同督办. Runs after the publishing transaction committed, asynchronously, and
 * each publication is kept in the event publication registry until it completes, so a crash does not lose one.
 */
@Component
class CooperationNotifier {

    static final String CATEGORY = "协同督办";
    private static final Logger log = LoggerFactory.getLogger(CooperationNotifier.class);

    private final Notifications notifications;
    private final Accounts accounts;

    CooperationNotifier(Notifications notifications, Accounts accounts) {
        this.notifications = notifications;
        this.accounts = accounts;
    }

    static String itemLink(long itemId) {
        return "/cooperation/items/" + itemId;
    }

    @ApplicationModuleListener
    void on(ItemAssigned event) {
        Set<Long> sent = new LinkedHashSet<>();
        boolean first = true;
        for (String department : event.departmentCodes()) {
            boolean isLead = event.leadDepartmentCode() == null ? first : department.equals(event.leadDepartmentCode());
            first = false;
            accounts.organisationOfDepartment(department).ifPresentOrElse(org -> {
                if (sent.add(org.id())) {
                    notifications.sendToOrganisation(org.id(), CATEGORY,
                            "新的合作事项：" + event.code() + " " + event.title(),
                            "您单位被确定为该合作事项的" + (isLead ? "牵头部门" : "配合部门")
                                    + "，请按里程碑推进并及时报送进展。",
                            itemLink(event.itemId()));
                }
            }, () -> log.warn("no organisation for department {}; assignment of {} not notified", department, event.code()));
        }
    }

    @ApplicationModuleListener
    void on(ReportSubmitted event) {
        accounts.jointOffice().ifPresent(office -> notifications.sendToOrganisation(office.id(), CATEGORY,
                "待审核进展报告：" + event.itemCode() + " " + event.itemTitle(),
                event.departmentName() + " 报送了进展（完成 " + event.percent() + "%），请审核。",
                itemLink(event.itemId())));
    }

    @ApplicationModuleListener
    void on(ReportReturned event) {
        toDepartment(event.departmentCode(), "进展报告被退回：" + event.itemCode() + " " + event.itemTitle(),
                "退回理由：" + event.reason() + "。请修改后重新报送。", event.itemId());
    }

    @ApplicationModuleListener
    void on(ReportAccepted event) {
        toDepartment(event.departmentCode(), "进展报告已通过：" + event.itemCode() + " " + event.itemTitle(),
                "一体化办已通过您报送的进展（完成 " + event.percent() + "%）。", event.itemId());
    }

    private void toDepartment(String departmentCode, String title, String body, long itemId) {
        Organisation org = accounts.organisationOfDepartment(departmentCode).orElse(null);
        if (org == null) {
            log.warn("no organisation for department {}; message \"{}\" not sent", departmentCode, title);
            return;
        }
        notifications.sendToOrganisation(org.id(), CATEGORY, title, body, itemLink(itemId));
    }
}
