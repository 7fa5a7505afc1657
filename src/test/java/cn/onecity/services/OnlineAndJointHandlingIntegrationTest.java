package cn.onecity.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.flowable.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.services.Handling.Action;
import cn.onecity.shared.BusinessException;

@ServicesIntegrationTest
class OnlineAndJointHandlingIntegrationTest {

    @Autowired Accounts accounts;
    @Autowired Catalogue catalogue;
    @Autowired Applications applications;
    @Autowired Handling handling;
    @Autowired Ratings ratings;
    @Autowired RuntimeService runtime;

    SvcTestData data;
    CurrentUser resident;

    @BeforeEach
    void setUp() {
        data = new SvcTestData(accounts, catalogue);
        resident = data.resident();
    }

    private String taskOf(String number, String key, String department) {
        return applications.view(data.office, number).openTasks().stream()
                .filter(t -> t.key().equals(key) && (department == null || t.departments().contains(department)))
                .findFirst().orElseThrow(() -> new AssertionError("no open task " + key + " for " + number)).taskId();
    }

    @Test
    void anOnlineCaseIsAcceptedReviewedDecidedAndDeliveredElectronically() {
        ServiceItem item = data.item("GJJ", "ONLINE", 3);
        CurrentUser zzGjj = data.staff("430200-GJJ");
        String number = applications.submit(resident, new NewApplication(item.id(), "全程网办", null, "430200", null, "王五",
                SvcTestData.ID_NUMBER, "13900003333", Map.of("转入地公积金中心", "株洲")), SvcTestData.requiredFiles(item)).number();
        ApplicationView v = applications.view(resident, number);
        assertThat(v.stage()).isEqualTo("accept");
        assertThat(v.clock().started()).isTrue();
        assertThat(v.acceptDepartment()).isEqualTo("430200-GJJ");

        handling.act(zzGjj, taskOf(number, "accept", null), new Action("ACCEPT", null, null, null, null), null);
        handling.act(zzGjj, taskOf(number, "review", null), new Action("SUPPLEMENT", null, List.of("委托书"), null, null), null);
        assertThat(applications.view(resident, number).stage()).isEqualTo("supplementReview");
        applications.supplement(resident, number, Map.of(0, new Upload(null, "委托书.jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0})), null);
        assertThat(applications.view(resident, number).stage()).isEqualTo("review");
        handling.act(zzGjj, taskOf(number, "review", null), new Action("PASS", null, null, null, null), null);
        assertThatThrownBy(() -> handling.act(zzGjj, taskOf(number, "decide", null), new Action("APPROVE", null, null, "准予", null), null))
                .isInstanceOf(BusinessException.class).hasMessageContaining("请上传结果文书");
        handling.act(zzGjj, taskOf(number, "decide", null), new Action("DENY", null, null, "不符合提取条件", null),
                new Upload(null, "不予决定书.pdf", SvcTestData.PDF));

        v = applications.view(resident, number);
        assertThat(v.status()).isEqualTo("DONE");
        assertThat(v.decision()).isEqualTo("DENIED");
        assertThat(v.deliveryMethod()).isEqualTo("ONLINE");
        assertThat(v.steps()).extracting(ApplicationView.Step::step)
                .containsExactly("SUBMIT", "ACCEPT", "SUPPLEMENT", "SUPPLEMENTED", "PASS", "DENY", "ONLINE", "ARCHIVE");
        assertThat(applications.result(resident, number).content()).isEqualTo(SvcTestData.PDF);
        // an online case has no window to rate
        ratings.rate(resident, number, new Ratings.Rate(null, null, 4, null));
        assertThat(applications.view(resident, number).ratings()).extracting(ApplicationView.Rating::target).containsExactly("DEPARTMENT");
    }

    @Test
    void aJointCaseCreatesParallelTasksForEveryCityAndIsDoneWhenAllAreDone() {
        ServiceItem item = data.item("GAJ", "JOINT", 10);
        CurrentUser csGaj = data.staff("430100-GAJ");
        CurrentUser xtGaj = data.staff("430300-GAJ");
        String number = applications.submit(resident, new NewApplication(item.id(), "JOINT", null, null,
                List.of("430100", "430300"), "赵六", SvcTestData.ID_NUMBER, "13900004444", Map.of("转入地公积金中心", "-")),
                SvcTestData.requiredFiles(item)).number();
        ApplicationView v = applications.view(resident, number);
        assertThat(v.openTasks()).hasSize(2);
        assertThat(v.parties()).extracting(ApplicationView.Party::departmentCode).containsExactlyInAnyOrder("430100-GAJ", "430300-GAJ");
        assertThat(SvcTestData.inInbox(handling, csGaj, number)).isTrue();
        assertThat(SvcTestData.inInbox(handling, data.staff("430200-GAJ"), number)).isFalse();

        // 长沙 cannot act on 湘潭's parallel task
        assertThatThrownBy(() -> handling.act(csGaj, taskOf(number, "jointHandle", "430300-GAJ"),
                new Action("APPROVE", "同意迁入", null, null, null), null)).hasMessageContaining("不是你所在部门的任务");
        handling.act(csGaj, taskOf(number, "jointHandle", "430100-GAJ"), new Action("APPROVE", "同意迁入", null, null, null), null);
        v = applications.view(resident, number);
        assertThat(v.status()).isEqualTo("IN_PROGRESS");
        assertThat(v.openTasks()).hasSize(1);
        handling.act(xtGaj, taskOf(number, "jointHandle", "430300-GAJ"), new Action("APPROVE", "同意迁出", null, null, null), null);
        v = applications.view(resident, number);
        assertThat(v.status()).isEqualTo("DONE");
        assertThat(v.decision()).isEqualTo("APPROVED");
        assertThat(v.parties()).allSatisfy(p -> assertThat(p.status()).isEqualTo("DONE"));
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(v.processInstanceId()).count()).isZero();
    }

    @Test
    void aJointCaseNeedsTwoDifferentCities() {
        ServiceItem item = data.item("GAJ", "JOINT", 10);
        assertThatThrownBy(() -> applications.submit(resident, new NewApplication(item.id(), "JOINT", null, null,
                List.of("430100", "430100"), "赵六", SvcTestData.ID_NUMBER, "13900004444", Map.of("转入地公积金中心", "-")),
                SvcTestData.requiredFiles(item)))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.errors())
                        .anyMatch(f -> f.field().equals("jointCities") && f.message().contains("至少选择两个不同的城市")));
    }
}
