package cn.onecity.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.IdentityIntegrationTest;
import cn.onecity.identity.Organisation;
import cn.onecity.identity.OrganisationKind;
import cn.onecity.identity.Role;
import cn.onecity.identity.TestAccounts;
import cn.onecity.shared.NotFoundException;

/** 站内信: a message to an organisation reaches each of its accounts, and each account reads it for itself. */
@IdentityIntegrationTest
class NotificationsIntegrationTest {

    @Autowired Notifications notifications;
    @Autowired Accounts accounts;

    /** Two staff of a fresh organisation of its own, so that counts are not shared with other tests. */
    CurrentUser[] twoStaffOfANewHospital() {
        long org = accounts.createOrganisation("通知测试医院" + System.nanoTime(), OrganisationKind.HOSPITAL, "430100", null, null);
        CurrentUser[] users = new CurrentUser[2];
        for (int i = 0; i < 2; i++) {
            String name = TestAccounts.uniqueUsername(Role.HOSPITAL_STAFF);
            accounts.createAccount(new cn.onecity.identity.NewAccount(name, "测试医生", TestAccounts.PASSWORD,
                    Role.HOSPITAL_STAFF, org, null));
            users[i] = accounts.findByUsername(name).orElseThrow();
        }
        return users;
    }

    @Test
    void aMessageToAnOrganisationIsUnreadForEachAccountUntilThatAccountReadsIt() {
        CurrentUser[] staff = twoStaffOfANewHospital();
        notifications.sendToOrganisation(staff[0].organisationId(), "测试", "新的通知", "正文", "/dashboard");
        assertThat(notifications.unreadCount(staff[0])).isEqualTo(1);
        assertThat(notifications.unreadCount(staff[1])).isEqualTo(1);
        long id = notifications.inbox(staff[0], 0, 20).content().get(0).id();

        assertThat(notifications.markRead(staff[0], id)).isEqualTo("/dashboard");
        assertThat(notifications.markRead(staff[0], id)).as("reading twice is harmless").isEqualTo("/dashboard");
        assertThat(notifications.unreadCount(staff[0])).isZero();
        assertThat(notifications.unreadCount(staff[1])).isEqualTo(1);
        assertThat(notifications.inbox(staff[0], 0, 20).content().get(0).read()).isTrue();
    }

    @Test
    void aMessageToOneAccountIsNeitherSeenNorReadableByAnotherAccount() {
        CurrentUser[] staff = twoStaffOfANewHospital();
        notifications.sendToAccount(staff[0].accountId(), "测试", "私人通知", null, null);
        long id = notifications.inbox(staff[0], 0, 20).content().get(0).id();
        assertThat(notifications.inbox(staff[1], 0, 20).totalElements()).isZero();
        assertThatThrownBy(() -> notifications.markRead(staff[1], id)).isInstanceOf(NotFoundException.class);
        assertThat(notifications.markRead(staff[0], id)).isNull();
    }

    @Test
    void markAllReadClearsOnlyTheCallersUnreadMessages() {
        CurrentUser[] staff = twoStaffOfANewHospital();
        Organisation org = accounts.organisation(staff[0].organisationId());
        notifications.sendToOrganisation(org.id(), "测试", "通知一", null, null);
        notifications.sendToOrganisation(org.id(), "测试", "通知二", null, null);
        notifications.sendToAccount(staff[0].accountId(), "测试", "通知三", null, null);
        assertThat(notifications.unreadCount(staff[0])).isEqualTo(3);
        notifications.markAllRead(staff[0]);
        assertThat(notifications.unreadCount(staff[0])).isZero();
        assertThat(notifications.unreadCount(staff[1])).isEqualTo(2);
        assertThat(notifications.inbox(staff[0], 0, 2).totalPages()).isEqualTo(2);
    }
}
