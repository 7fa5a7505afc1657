package cn.onecity.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.flowable.engine.ManagementService;
import org.flowable.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.TestClock;
import cn.onecity.services.Handling.Action;
import cn.onecity.shared.ConflictException;
import cn.onecity.shared.ForbiddenException;
import cn.onecity.shared.NotFoundException;
import cn.onecity.shared.Times;

@ServicesIntegrationTest
class ProxyHandlingIntegrationTest {

    @Autowired Accounts accounts;
    @Autowired Catalogue catalogue;
    @Autowired Applications applications;
    @Autowired Handling handling;
    @Autowired Ratings ratings;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired JdbcClient jdbc;
    @Autowired TestClock clock;

    SvcTestData data;
    CurrentUser resident;
    CurrentUser xtWindow;
    CurrentUser csGjj;
    CurrentUser zzGjj;

    @BeforeEach
    void setUp() {
        data = new SvcTestData(accounts, catalogue);
        resident = data.resident();
        xtWindow = data.staff("430300-XZSP");
        csGjj = data.staff("430100-GJJ");
        zzGjj = data.staff("430200-GJJ");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private String taskOf(String number, String key) {
        return applications.view(data.office, number).openTasks().stream().filter(t -> t.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no open task " + key + " for " + number)).taskId();
    }

    private boolean inInbox(CurrentUser staff, String number) {
        return SvcTestData.inInbox(handling, staff, number);
    }

    @Test
    void aProxyCaseGoesFromTheXiangtanWindowToChangshaThroughSupplementToDeliveryAndABadRatingOpensRectification() {
        SvcTestData.setClock(clock, OffsetDateTime.of(2026, 3, 2, 9, 0, 0, 0, Times.ZONE.getRules().getOffset(java.time.Instant.now())));
        ServiceItem item = data.item("GJJ", "ONLINE,PROXY", 5);
        String number = applications.submit(resident, SvcTestData.proxy(item, "430300", "430100"), SvcTestData.requiredFiles(item)).number();
        assertThat(number).matches("CZT20260302\\d{8}");

        ApplicationView v = applications.view(resident, number);
        assertThat(v.stage()).isEqualTo("windowCheck");
        assertThat(v.clock().started()).isFalse();
        assertThat(v.applicantIdNumber()).isEqualTo("430304********0073");
        assertThat(inInbox(xtWindow, number)).isTrue();
        assertThat(inInbox(csGjj, number)).isFalse();

        // 湘潭 window receives and forwards: the clock starts
        handling.act(xtWindow, taskOf(number, "windowCheck"), new Action("RECEIVE", "身份核验通过，材料齐全", null, null, null), null);
        v = applications.view(resident, number);
        assertThat(v.stage()).isEqualTo("accept");
        assertThat(v.clock().start()).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(v.clock().due()).isEqualTo(LocalDate.of(2026, 3, 9));
        assertThat(inInbox(csGjj, number)).isTrue();
        assertThat(inInbox(zzGjj, number)).isFalse();
        // the 湘潭 window still sees the case it forwarded
        assertThat(applications.view(xtWindow, number).number()).isEqualTo(number);

        // 长沙 asks for 补正 on Tuesday: two materials at once; the clock stops
        SvcTestData.setClock(clock, OffsetDateTime.of(2026, 3, 3, 10, 0, 0, 0, java.time.ZoneOffset.ofHours(8)));
        handling.act(csGjj, taskOf(number, "accept"),
                new Action("SUPPLEMENT", "请一次补齐", List.of("异地缴存证明（盖章版）", "近6个月缴存明细"), null, null), null);
        v = applications.view(resident, number);
        assertThat(v.stage()).isEqualTo("supplementAccept");
        assertThat(v.clock().paused()).isTrue();
        assertThat(v.openSupplement().materials()).containsExactly("异地缴存证明（盖章版）", "近6个月缴存明细");
        int usedAtPause = v.clock().used();

        // three working days later the clock has not moved
        SvcTestData.setClock(clock, OffsetDateTime.of(2026, 3, 6, 10, 0, 0, 0, java.time.ZoneOffset.ofHours(8)));
        assertThat(applications.view(resident, number).clock().used()).isEqualTo(usedAtPause);
        assertThatThrownBy(() -> applications.supplement(resident, number, Map.of(0, new Upload(null, "a.pdf", SvcTestData.PDF)), null))
                .hasMessageContaining("请上传补正材料：近6个月缴存明细");
        applications.supplement(resident, number, Map.of(0, new Upload(null, "a.pdf", SvcTestData.PDF),
                1, new Upload(null, "b.png", SvcTestData.PNG)), "已补齐");
        v = applications.view(resident, number);
        assertThat(v.stage()).isEqualTo("accept");
        assertThat(v.clock().paused()).isFalse();
        assertThat(v.clock().pausedDays()).isEqualTo(3); // 3/4, 3/5, 3/6
        assertThat(v.clock().due()).isEqualTo(LocalDate.of(2026, 3, 12));
        assertThat(v.materials()).hasSize(4);

        // the applicant can no longer withdraw once 长沙 accepts
        handling.act(csGjj, taskOf(number, "accept"), new Action("ACCEPT", null, null, null, null), null);
        assertThatThrownBy(() -> applications.withdraw(resident, number, "不办了")).isInstanceOf(ConflictException.class);
        handling.act(csGjj, taskOf(number, "review"), new Action("PASS", "材料真实有效", null, null, null), null);
        handling.act(csGjj, taskOf(number, "decide"), new Action("APPROVE", null, null, "准予办理异地转移接续", null),
                new Upload(null, "决定书.pdf", SvcTestData.PDF));
        handling.act(csGjj, taskOf(number, "deliver"), new Action("MAIL", null, null, null, "EMS1234567890"), null);

        v = applications.view(resident, number);
        assertThat(v.status()).isEqualTo("DONE");
        assertThat(v.decision()).isEqualTo("APPROVED");
        assertThat(v.trackingNumber()).isEqualTo("EMS1234567890");
        assertThat(v.clock().finished()).isTrue();
        assertThat(v.clock().light()).isEqualTo(ClockState.Light.GREEN);
        assertThat(v.steps()).extracting(ApplicationView.Step::step).containsExactly("SUBMIT", "RECEIVE", "SUPPLEMENT",
                "SUPPLEMENTED", "ACCEPT", "PASS", "APPROVE", "MAIL", "ARCHIVE");
        assertThat(v.steps()).allSatisfy(s -> assertThat(s.actorName()).isNotBlank());
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(v.processInstanceId()).count()).isZero();

        // 不满意 for the department opens a rectification for 长沙's housing-fund centre
        ratings.rate(resident, number, new Ratings.Rate(5, "窗口服务热情", 2, "补正要求来回跑"));
        List<Ratings.RectificationItem> open = ratings.rectifications(csGjj, "OPEN", 0, 200).content().stream()
                .filter(x -> x.number().equals(number)).toList();
        assertThat(open).hasSize(1);
        assertThat(open.get(0).departmentCode()).isEqualTo("430100-GJJ");
        assertThat(open.get(0).dueDate()).isEqualTo(LocalDate.of(2026, 3, 27));
        assertThat(ratings.rectifications(xtWindow, null, 0, 200).content()).noneMatch(x -> x.number().equals(number));
        assertThatThrownBy(() -> ratings.answer(zzGjj, open.get(0).id(), "x", "y")).isInstanceOf(ForbiddenException.class);
        ratings.answer(csGjj, open.get(0).id(), "已优化一次性告知清单", "2026-03-20 电话回访，申请人表示认可");
        ApplicationView.Rating answered = applications.view(resident, number).ratings().stream()
                .filter(r -> r.target().equals("DEPARTMENT")).findFirst().orElseThrow();
        assertThat(answered.rectification().status()).isEqualTo("ANSWERED");
        assertThat(answered.rectification().callback()).contains("电话回访");
        assertThatThrownBy(() -> ratings.rate(resident, number, new Ratings.Rate(5, null, 5, null)))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void staffOfAnotherCityNeitherSeeNorActOnACase() {
        ServiceItem item = data.item("GJJ", "PROXY", 5);
        String number = applications.submit(resident, SvcTestData.proxy(item, "430300", "430100"), SvcTestData.requiredFiles(item)).number();
        CurrentUser zzWindow = data.staff("430200-XZSP");
        assertThatThrownBy(() -> applications.view(zzWindow, number)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> applications.view(zzGjj, number)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> handling.act(zzWindow, taskOf(number, "windowCheck"), new Action("RECEIVE", null, null, null, null), null))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("不是你所在部门的任务");
        // the competent department cannot act on the window's task either
        assertThatThrownBy(() -> handling.act(csGjj, taskOf(number, "windowCheck"), new Action("RECEIVE", null, null, null, null), null))
                .isInstanceOf(ForbiddenException.class);
        assertThat(applications.list(zzWindow, null, 0, 200).content()).noneMatch(s -> s.number().equals(number));
        assertThat(applications.list(xtWindow, null, 0, 200).content()).anyMatch(s -> s.number().equals(number));
        CurrentUser other = data.resident();
        assertThatThrownBy(() -> applications.view(other, number)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theApplicantMayWithdrawBeforeAcceptanceAndTheProcessEnds() {
        ServiceItem item = data.item("GJJ", "PROXY", 5);
        String number = applications.submit(resident, SvcTestData.proxy(item, "430300", "430100"), SvcTestData.requiredFiles(item)).number();
        ApplicationView v = applications.view(resident, number);
        assertThatThrownBy(() -> applications.withdraw(data.resident(), number, null)).isInstanceOf(NotFoundException.class);
        applications.withdraw(resident, number, "信息填错了");
        v = applications.view(resident, number);
        assertThat(v.status()).isEqualTo("WITHDRAWN");
        assertThat(v.stageLabel()).isEqualTo("已撤回");
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(v.processInstanceId()).count()).isZero();
        assertThat(inInbox(xtWindow, number)).isFalse();
    }

    @Test
    void theWindowMayReturnAnApplicationAndTheDepartmentMayRefuseOneWithAReason() {
        ServiceItem item = data.item("GJJ", "PROXY", 5);
        String returned = applications.submit(resident, SvcTestData.proxy(item, "430300", "430100"), SvcTestData.requiredFiles(item)).number();
        assertThatThrownBy(() -> handling.act(xtWindow, taskOf(returned, "windowCheck"), new Action("RETURN", " ", null, null, null), null))
                .hasMessageContaining("请填写退回原因");
        handling.act(xtWindow, taskOf(returned, "windowCheck"), new Action("RETURN", "身份证件已过期", null, null, null), null);
        assertThat(applications.view(resident, returned).stageLabel()).isEqualTo("已退回");

        String refused = applications.submit(resident, SvcTestData.proxy(item, "430300", "430100"), SvcTestData.requiredFiles(item)).number();
        handling.act(xtWindow, taskOf(refused, "windowCheck"), new Action("RECEIVE", null, null, null, null), null);
        handling.act(csGjj, taskOf(refused, "accept"), new Action("REJECT", "不属于本中心受理范围", null, null, null), null);
        ApplicationView v = applications.view(resident, refused);
        assertThat(v.status()).isEqualTo("REJECTED");
        assertThat(v.rejectReason()).isEqualTo("不属于本中心受理范围");
    }

    /**
     * A 湘潭 → 长沙 proxy case of an item with a limit of {@code workingDays}, received by the 湘潭 window on Monday
     * 2026-06-01 (its clock starts) and left with the clock at Tuesday 2026-06-02, 10:00, for 长沙 to act on.
     */
    String receivedOnMondayAndOpenedOnTuesday(int workingDays) {
        SvcTestData.setClock(clock, OffsetDateTime.of(2026, 6, 1, 9, 0, 0, 0, java.time.ZoneOffset.ofHours(8)));
        ServiceItem item = data.item("GJJ", "PROXY", workingDays);
        String number = applications.submit(resident, SvcTestData.proxy(item, "430300", "430100"), SvcTestData.requiredFiles(item)).number();
        handling.act(xtWindow, taskOf(number, "windowCheck"), new Action("RECEIVE", null, null, null, null), null);
        SvcTestData.setClock(clock, OffsetDateTime.of(2026, 6, 2, 10, 0, 0, 0, java.time.ZoneOffset.ofHours(8)));
        return number;
    }

    @Test
    void aCaseRefusedAfterItsClockStartedStopsTheClockThereAndDoesNotTurnRedLater() {
        String number = receivedOnMondayAndOpenedOnTuesday(2);
        handling.act(csGjj, taskOf(number, "accept"), new Action("REJECT", "不属于本中心受理范围", null, null, null), null);

        // two weeks later the refused case still shows the day it ended on, not a limit running past its due date
        SvcTestData.setClock(clock, OffsetDateTime.of(2026, 6, 15, 9, 0, 0, 0, java.time.ZoneOffset.ofHours(8)));
        ClockState c = applications.view(resident, number).clock();
        assertThat(c.light()).isEqualTo(ClockState.Light.NONE);
        assertThat(c.used()).isEqualTo(1);
        assertThat(c.text()).contains("已终止").doesNotContain("超期").doesNotContain("剩余");
        assertThat(applications.view(resident, number).steps()).filteredOn(s -> s.step().equals("REJECT")).singleElement()
                .satisfies(s -> assertThat(s.clock()).contains("已终止"));
    }

    @Test
    void aCaseWithdrawnWhileWaitingForASupplementCountsTheWaitAsPausedNotAsUsed() {
        String number = receivedOnMondayAndOpenedOnTuesday(5);
        handling.act(csGjj, taskOf(number, "accept"),
                new Action("SUPPLEMENT", "请补齐", List.of("异地缴存证明（盖章版）"), null, null), null);

        // the applicant gives up eight working days later, without answering the 补正
        SvcTestData.setClock(clock, OffsetDateTime.of(2026, 6, 12, 16, 0, 0, 0, java.time.ZoneOffset.ofHours(8)));
        applications.withdraw(resident, number, "不办了");

        SvcTestData.setClock(clock, OffsetDateTime.of(2026, 6, 15, 9, 0, 0, 0, java.time.ZoneOffset.ofHours(8)));
        ClockState c = applications.view(resident, number).clock();
        assertThat(c.used()).as("only 06-02 counts: the wait for the 补正 was paused").isEqualTo(1);
        assertThat(c.pausedDays()).isEqualTo(8);
        assertThat(c.light()).isEqualTo(ClockState.Light.NONE);
    }

    @Test
    void anOverdueCaseIsEscalatedByTheBpmnTimerToTheDepartmentAndTheJointOffice() {
        SvcTestData.setClock(clock, OffsetDateTime.of(2026, 6, 1, 9, 0, 0, 0, java.time.ZoneOffset.ofHours(8)));
        ServiceItem item = data.item("GJJ", "PROXY", 2);
        String number = applications.submit(resident, SvcTestData.proxy(item, "430300", "430100"), SvcTestData.requiredFiles(item)).number();
        handling.act(xtWindow, taskOf(number, "windowCheck"), new Action("RECEIVE", null, null, null, null), null);
        ApplicationView v = applications.view(resident, number);
        assertThat(v.clock().due()).isEqualTo(LocalDate.of(2026, 6, 3));
        assertThat(SvcTestData.fireDueTimers(management, v.processInstanceId())).isZero();

        // 6/3 is the last day: yellow
        SvcTestData.setClock(clock, OffsetDateTime.of(2026, 6, 3, 9, 0, 0, 0, java.time.ZoneOffset.ofHours(8)));
        assertThat(applications.view(resident, number).clock().light()).isEqualTo(ClockState.Light.YELLOW);
        assertThat(SvcTestData.fireDueTimers(management, v.processInstanceId())).isZero();

        SvcTestData.setClock(clock, OffsetDateTime.of(2026, 6, 4, 9, 0, 0, 0, java.time.ZoneOffset.ofHours(8)));
        assertThat(applications.view(resident, number).clock().light()).isEqualTo(ClockState.Light.RED);
        assertThat(SvcTestData.fireDueTimers(management, v.processInstanceId())).isEqualTo(1);
        v = applications.view(resident, number);
        assertThat(v.steps()).extracting(ApplicationView.Step::step).contains("ESCALATE");
        assertThat(v.stage()).isEqualTo("accept"); // the timer does not interrupt the task
        long dept = accounts.organisationOfDepartment("430100-GJJ").orElseThrow().id();
        assertThat(SvcTestData.messages(jdbc, dept, "【超期督办】" + item.name())).isEqualTo(1);
        assertThat(SvcTestData.messages(jdbc, accounts.jointOffice().orElseThrow().id(), "【超期督办】" + item.name())).isEqualTo(1);
    }

    @Test
    void theClockCountsWorkingDaysAcrossTheSpringFestivalOf2026AndPausesDuring补正() {
        SvcTestData.setClock(clock, OffsetDateTime.of(2026, 2, 12, 9, 0, 0, 0, java.time.ZoneOffset.ofHours(8)));
        ServiceItem item = data.item("GJJ", "ONLINE", 5);
        String number = applications.submit(resident, new NewApplication(item.id(), "ONLINE", null, "430100", null, "李四",
                SvcTestData.ID_NUMBER, "13900002222", Map.of("转入地公积金中心", "长沙")), SvcTestData.requiredFiles(item)).number();
        // 2/13 Fri, 2/14 Sat (adjusted working day), 2/15–2/23 off, then 2/24, 2/25, 2/26
        assertThat(applications.view(resident, number).clock().due()).isEqualTo(LocalDate.of(2026, 2, 26));

        SvcTestData.setClock(clock, OffsetDateTime.of(2026, 2, 13, 9, 0, 0, 0, java.time.ZoneOffset.ofHours(8)));
        handling.act(csGjj, taskOf(number, "accept"), new Action("SUPPLEMENT", null, List.of("委托书"), null, null), null);
        SvcTestData.setClock(clock, OffsetDateTime.of(2026, 2, 24, 9, 0, 0, 0, java.time.ZoneOffset.ofHours(8)));
        ApplicationView paused = applications.view(resident, number);
        assertThat(paused.clock().used()).isEqualTo(1);
        assertThat(paused.clock().paused()).isTrue();
        applications.supplement(resident, number, Map.of(0, new Upload(null, "委托书.pdf", SvcTestData.PDF)), null);
        ApplicationView resumed = applications.view(resident, number);
        // paused 2/14 and 2/24 (the holiday days are not working days anyway): due moves two working days, to Sat 2/28
        assertThat(resumed.clock().pausedDays()).isEqualTo(2);
        assertThat(resumed.clock().due()).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(resumed.clock().used()).isEqualTo(1);
        assertThat(resumed.clock().remaining()).isEqualTo(4);
    }
}
