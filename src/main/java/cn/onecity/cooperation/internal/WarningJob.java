package cn.onecity.cooperation.internal;

import java.time.Clock;
import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.onecity.cooperation.Cooperation;
import cn.onecity.cooperation.ItemFilter;
import cn.onecity.cooperation.ItemView;
import cn.onecity.cooperation.Light;
import cn.onecity.identity.Accounts;
import cn.onecity.identity.DataScope;
import cn.onecity.notification.Notifications;
import cn.onecity.shared.Times;

/**
 * Daily warnings (预警): every item's light is derived as of today; an item that turned 黄 or 红 since the
 * last notice is announced to its lead department and to the joint office. {@code coop_item.notified_light}
 * only remembers the last light announced, so that a notice is not repeated; the status is never stored.
 *
 * <p>Safe on several instances: each item is claimed by a conditional UPDATE in its own transaction, and only
 * the instance whose UPDATE changed the row sends the notices (in the same transaction).
 */
@Component
public class WarningJob {

    private static final Logger log = LoggerFactory.getLogger(WarningJob.class);

    private final Cooperation cooperation;
    private final JdbcClient jdbc;
    private final Notifications notifications;
    private final Accounts accounts;
    private final TransactionTemplate tx;
    private final Clock clock;

    WarningJob(Cooperation cooperation, JdbcClient jdbc, Notifications notifications, Accounts accounts,
            PlatformTransactionManager transactions, Clock clock) {
        this.cooperation = cooperation;
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.accounts = accounts;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    @Scheduled(cron = "0 0 8 * * *", zone = "Asia/Shanghai")
    void daily() {
        int sent = run(LocalDate.now(clock.withZone(Times.ZONE)));
        log.info("cooperation warnings: {} item(s) announced", sent);
    }

    /** Checks every item as of {@code asOf}; returns how many items this call announced. */
    public int run(LocalDate asOf) {
        int announced = 0;
        for (ItemView item : cooperation.items(new DataScope.All(), ItemFilter.none(), asOf)) {
            try {
                Boolean sent = tx.execute(s -> update(item));
                if (Boolean.TRUE.equals(sent)) {
                    announced++;
                }
            } catch (RuntimeException e) {
                log.error("warning for item {} failed; it will be retried on the next run", item.code(), e);
            }
        }
        return announced;
    }

    private boolean update(ItemView item) {
        Light light = item.light();
        int changed = jdbc.sql("""
                UPDATE coop_item SET notified_light = :light
                WHERE id = :id AND (notified_light IS NULL OR notified_light <> :light)""")
                .param("light", light.name()).param("id", item.id()).update();
        if (changed == 0 || light == Light.GREEN) {
            return false; // already announced (possibly by another instance), or nothing to warn about
        }
        String title = "合作事项亮" + light.label() + "：" + item.code() + " " + item.title();
        String body = light == Light.RED
                ? "该事项已滞后（完成时限或里程碑已过期未完成），当前进度 " + item.progress() + "%，请抓紧推进。"
                : "该事项的下一个节点（" + Times.chinese(item.nextDue()) + "）将在 5 个工作日内到期，当前进度 "
                        + item.progress() + "%。";
        String link = CooperationNotifier.itemLink(item.id());
        accounts.organisationOfDepartment(item.leadDepartmentCode()).ifPresent(org ->
                notifications.sendToOrganisation(org.id(), CooperationNotifier.CATEGORY, title, body, link));
        accounts.jointOffice().ifPresent(office ->
                notifications.sendToOrganisation(office.id(), CooperationNotifier.CATEGORY, title, body, link));
        return true;
    }
}
