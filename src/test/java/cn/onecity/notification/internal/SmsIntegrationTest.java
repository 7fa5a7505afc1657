package cn.onecity.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.AuditLog;
import cn.onecity.identity.Role;
import cn.onecity.identity.TestAccounts;
import cn.onecity.notification.Notifications;
import cn.onecity.shared.ReplayableClock;
import cn.onecity.shared.Times;

/**
 * SMS for in-app messages, with the gateway a real HTTP server: what is queued, what is sent, retried or refused,
 * that one instance's claim keeps another from sending twice, and that the phone number is read only to send and
 * is audited and masked everywhere else.
 */
@SpringBootTest(properties = {
        "onecity.notification.sms.enabled=true",
        "onecity.notification.sms.secret=test-secret",
        "onecity.notification.sms.categories=跨市通办,电子健康卡",
        "onecity.notification.sms.max-attempts=3",
        "onecity.notification.sms.max-per-hour=3",
        // the test sends, not the schedule
        "onecity.notification.sms.poll-interval=PT1H"})
@ActiveProfiles("test")
@AutoConfigureMockMvc
class SmsIntegrationTest {

    static final FakeSmsGateway gateway = HttpSmsGatewayTest.fakeGateway();

    @DynamicPropertySource
    static void gatewayUrl(DynamicPropertyRegistry registry) {
        registry.add("onecity.notification.sms.url", () -> gateway.url().toString());
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    @Autowired Notifications notifications;
    @Autowired SmsDispatcher dispatcher;
    @Autowired Accounts accounts;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;
    @Autowired SmsSettings settings;
    @Autowired AuditLog audit;
    @Autowired PlatformTransactionManager transactions;

    @BeforeEach
    void reset() {
        gateway.requests.clear();
        gateway.status = 200;
        gateway.delayMillis = 0;
        dispatcher.run(); // leave nothing due from another test
        gateway.requests.clear();
    }

    long resident(String phone) {
        return accounts.findByUsername(TestAccounts.create(accounts, Role.RESIDENT, phone)).orElseThrow().accountId();
    }

    static String phone() {
        return "139" + String.format("%08d", java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000_000));
    }

    String smsStatus(long accountId) {
        return jdbc.sql("SELECT status FROM ntf_sms WHERE account_id = :a").param("a", accountId).query(String.class).single();
    }

    @Test
    void aServiceNoticeToAResidentIsSentToTheirPhoneAndTheReadOfTheNumberIsAudited() {
        String phone = phone();
        long resident = resident(phone);

        notifications.sendToAccount(resident, "跨市通办", "申请已受理", "申请编号 CZT-1 已由长沙市行政审批服务局受理。", "/services/applications/CZT-1");
        assertThat(smsStatus(resident)).isEqualTo("PENDING");
        assertThat(gateway.requests).isEmpty();

        assertThat(dispatcher.run()).isEqualTo(1);

        assertThat(gateway.requests).hasSize(1);
        assertThat(gateway.requests.get(0).body()).contains(phone).contains("【一座城】申请已受理：申请编号 CZT-1");
        assertThat(smsStatus(resident)).isEqualTo("SENT");
        String username = accounts.find(resident).orElseThrow().username();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM idn_operation_log WHERE action = '读取手机号发送短信' AND target = :u")
                .param("u", username).query(Integer.class).single()).isEqualTo(1);
        assertThat(dispatcher.run()).as("sent once").isZero();
    }

    @Test
    void onlyTheConfiguredCategoriesToAccountsWithAPhoneAreSent() {
        long withPhone = resident(phone());
        long withoutPhone = resident(null);

        notifications.sendToAccount(withPhone, "协同督办", "事项亮黄灯", "…", null);
        notifications.sendToAccount(withoutPhone, "跨市通办", "申请已受理", "…", null);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM ntf_sms WHERE account_id IN (:a, :b)").param("a", withPhone)
                .param("b", withoutPhone).query(Integer.class).single()).isZero();
    }

    @Test
    void aMessageWrittenWhileDemoDataReplaysThePastGetsNoSms() {
        long resident = resident(phone());
        ReplayableClock demoClock = new ReplayableClock(Times.ZONE, true);
        SmsOutbox outbox = new SmsOutbox(jdbc, settings, accounts, audit, transactions, demoClock);

        demoClock.replay(Instant.now().minus(Duration.ofDays(3)),
                () -> assertThat(outbox.enqueue(resident, "跨市通办", "申请已受理", "…")).isFalse());
        assertThat(outbox.enqueue(resident, "跨市通办", "申请已受理", "…")).isTrue();
    }

    @Test
    void aResidentWhoTurnsSmsOffGetsTheMessagesInTheInboxOnlyUntilTurningThemOnAgain() throws Exception {
        String phone = phone();
        long resident = resident(phone);
        String username = accounts.find(resident).orElseThrow().username();
        MockHttpSession session = TestAccounts.login(mvc, username);
        String masked = phone.substring(0, 3) + "****" + phone.substring(7);
        assertThat(mvc.perform(get("/notifications").session(session)).andReturn().getResponse().getContentAsString())
                .contains("通知同时以短信发送至 " + masked, "退订短信");

        mvc.perform(post("/notifications/sms").session(session).with(csrf()).param("receive", "false"))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("flash", "已退订短信通知，站内信照常送达"));
        mvc.perform(post("/notifications/sms").session(session).with(csrf()).param("receive", "false"))
                .andExpect(status().is3xxRedirection()); // a double click changes nothing
        notifications.sendToAccount(resident, "跨市通办", "申请已办结", "…", null);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ntf_sms WHERE account_id = :a").param("a", resident).query(Integer.class).single())
                .isZero();
        assertThat(mvc.perform(get("/notifications").session(session)).andReturn().getResponse().getContentAsString())
                .contains("已退订短信通知（" + masked + "）", "恢复短信通知", "申请已办结");

        mvc.perform(post("/notifications/sms").session(session).with(csrf()).param("receive", "true"))
                .andExpect(status().is3xxRedirection());
        notifications.sendToAccount(resident, "跨市通办", "申请已办结", "…", null);
        assertThat(smsStatus(resident)).isEqualTo("PENDING");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM idn_operation_log WHERE target = :u AND action IN ('退订短信通知', '恢复短信通知')")
                .param("u", username).query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void beyondTheHourlyCapAnSmsIsRecordedButNotSent() {
        long resident = resident(phone());
        for (int i = 1; i <= 4; i++) {
            notifications.sendToAccount(resident, "跨市通办", "通知 " + i, "…", null);
        }

        assertThat(jdbc.sql("SELECT status FROM ntf_sms WHERE account_id = :a ORDER BY id").param("a", resident)
                .query(String.class).list()).containsExactly("PENDING", "PENDING", "PENDING", "LIMITED");
        assertThat(dispatcher.run()).isEqualTo(3);
        assertThat(gateway.requests).hasSize(3);
    }

    @Test
    void aFailingGatewayIsTriedAgainLaterAndARefusalIsFinal() {
        long resident = resident(phone());
        notifications.sendToAccount(resident, "跨市通办", "需要补正", "请补充身份证明。", null);

        gateway.status = 503;
        assertThat(dispatcher.run()).isZero();
        assertThat(smsStatus(resident)).isEqualTo("PENDING");
        assertThat(jdbc.sql("SELECT attempts FROM ntf_sms WHERE account_id = :a").param("a", resident).query(Integer.class).single())
                .isEqualTo(1);
        assertThat(dispatcher.run()).as("not due before its back-off").isZero();
        assertThat(gateway.requests).hasSize(1);

        jdbc.sql("UPDATE ntf_sms SET next_attempt_at = created_at WHERE account_id = :a").param("a", resident).update();
        gateway.status = 400;
        dispatcher.run();
        assertThat(smsStatus(resident)).isEqualTo("FAILED");
        assertThat(jdbc.sql("SELECT last_error FROM ntf_sms WHERE account_id = :a").param("a", resident).query(String.class).single())
                .contains("HTTP 400");
    }

    @Test
    void twoDispatchersAtOnceSendAnSmsOnce() throws Exception {
        long resident = resident(phone());
        notifications.sendToAccount(resident, "电子健康卡", "电子健康卡已挂失", "挂失前生成的二维码已失效。", null);
        gateway.delayMillis = 300;

        CompletableFuture<Integer> one = CompletableFuture.supplyAsync(dispatcher::run);
        CompletableFuture<Integer> two = CompletableFuture.supplyAsync(dispatcher::run);

        assertThat(one.get() + two.get()).isEqualTo(1);
        assertThat(gateway.requests).hasSize(1);
        assertThat(smsStatus(resident)).isEqualTo("SENT");
    }

    @Test
    void administratorsSeeTheRecordsWithMaskedNumbersOnly() throws Exception {
        String phone = phone();
        long resident = resident(phone);
        notifications.sendToAccount(resident, "跨市通办", "已办结", "请到窗口领取证照。", null);
        dispatcher.run();
        String admin = TestAccounts.create(accounts, Role.ADMIN);

        String page = mvc.perform(get("/admin/sms").session(TestAccounts.login(mvc, admin)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("短信记录", phone.substring(0, 3) + "****" + phone.substring(7), "已发送")
                .doesNotContain(phone);
        String residentName = accounts.find(resident).orElseThrow().username();
        mvc.perform(get("/admin/sms").session(TestAccounts.login(mvc, residentName))).andExpect(status().isForbidden());
    }
}
