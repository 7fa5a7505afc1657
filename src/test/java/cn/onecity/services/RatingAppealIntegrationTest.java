package cn.onecity.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.services.Handling.Action;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.ConflictException;
import cn.onecity.shared.ForbiddenException;

@ServicesIntegrationTest
class RatingAppealIntegrationTest {

    @Autowired Accounts accounts;
    @Autowired Catalogue catalogue;
    @Autowired Applications applications;
    @Autowired Handling handling;
    @Autowired Ratings ratings;
    @Autowired JdbcClient jdbc;

    SvcTestData data;
    CurrentUser resident;
    CurrentUser zzGjj;

    @BeforeEach
    void setUp() {
        data = new SvcTestData(accounts, catalogue);
        resident = data.resident();
        zzGjj = data.staff("430200-GJJ");
    }

    /** An online case handled by 株洲's housing-fund centre, completed. */
    private String completedCase() {
        ServiceItem item = data.item("GJJ", "ONLINE", 3);
        String number = applications.submit(resident, new NewApplication(item.id(), "ONLINE", null, "430200", null, "王五",
                SvcTestData.ID_NUMBER, "13900003333", Map.of("转入地公积金中心", "株洲")), SvcTestData.requiredFiles(item)).number();
        for (String[] step : new String[][] {{"accept", "ACCEPT"}, {"review", "PASS"}}) {
            handling.act(zzGjj, task(number, step[0]), new Action(step[1], null, null, null, null), null);
        }
        handling.act(zzGjj, task(number, "decide"), new Action("APPROVE", null, null, "准予", null), new Upload(null, "r.pdf", SvcTestData.PDF));
        return number;
    }

    private String task(String number, String key) {
        return applications.view(data.office, number).openTasks().stream().filter(t -> t.key().equals(key)).findFirst()
                .orElseThrow().taskId();
    }

    private Ratings.RectificationItem rectificationOf(String number) {
        return ratings.rectifications(data.office, null, 0, 200).content().stream().filter(x -> x.number().equals(number))
                .findFirst().orElseThrow();
    }

    @Test
    void aBadRatingNeedsAReasonAndOnlyTheApplicantRatesACompletedCaseOnce() {
        String number = completedCase();
        assertThatThrownBy(() -> ratings.rate(resident, number, new Ratings.Rate(null, null, 1, " ")))
                .isInstanceOf(BusinessException.class).hasMessageContaining("差评请写明不满意的原因");
        assertThatThrownBy(() -> ratings.rate(data.resident(), number, new Ratings.Rate(null, null, 5, null)))
                .isInstanceOf(cn.onecity.shared.NotFoundException.class);
        assertThatThrownBy(() -> ratings.rate(resident, number, new Ratings.Rate(null, null, 6, null)))
                .hasMessageContaining("1–5 级");
        ratings.rate(resident, number, new Ratings.Rate(null, null, 5, "很快"));
        assertThatThrownBy(() -> ratings.rate(resident, number, new Ratings.Rate(null, null, 5, null)))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void anUpheldAppealTakesAMaliciousRatingOutOfTheSatisfactionFigures() {
        String number = completedCase();
        ratings.rate(resident, number, new Ratings.Rate(null, null, 1, "就是不满意"));
        Ratings.RectificationItem x = rectificationOf(number);
        assertThat(x.status()).isEqualTo("OPEN");
        assertThat(x.departmentCode()).isEqualTo("430200-GJJ");

        assertThatThrownBy(() -> ratings.appeal(data.staff("430100-GJJ"), x.id(), "恶意差评")).isInstanceOf(ForbiddenException.class);
        ratings.appeal(zzGjj, x.id(), "申请人承认与办理无关，系对政策本身不满");
        assertThat(rectificationOf(number).status()).isEqualTo("APPEALED");
        assertThatThrownBy(() -> ratings.decideAppeal(zzGjj, x.id(), true, "自己批准")).isInstanceOf(ForbiddenException.class);
        ratings.decideAppeal(data.office, x.id(), true, "经核实，差评与办理服务无关，申诉成立");

        assertThat(rectificationOf(number).statusLabel()).isEqualTo("申诉成立（不计入评价）");
        assertThat(jdbc.sql("SELECT counted FROM svc_rating WHERE id = (SELECT rating_id FROM svc_rectification WHERE id = :x)")
                .param("x", x.id()).query(Boolean.class).single()).isFalse();
        assertThat(applications.view(resident, number).ratings().get(0).counted()).isFalse();
    }

    @Test
    void anOverdueRectificationIsEscalatedOnceToTheDepartmentAndTheJointOffice() {
        String number = completedCase();
        ratings.rate(resident, number, new Ratings.Rate(null, null, 2, "等太久"));
        Ratings.RectificationItem x = rectificationOf(number);
        long dept = accounts.organisationOfDepartment("430200-GJJ").orElseThrow().id();
        ratings.escalateOverdue(x.dueDate());
        assertThat(SvcTestData.messages(jdbc, dept, "【整改超期】" + number)).isZero();
        ratings.escalateOverdue(x.dueDate().plusDays(1));
        ratings.escalateOverdue(x.dueDate().plusDays(2));
        assertThat(SvcTestData.messages(jdbc, dept, "【整改超期】" + number)).isEqualTo(1);
        assertThat(SvcTestData.messages(jdbc, accounts.jointOffice().orElseThrow().id(), "【整改超期】" + number)).isEqualTo(1);
    }

    @Test
    void aRejectedAppealReopensTheRectification() {
        String number = completedCase();
        ratings.rate(resident, number, new Ratings.Rate(null, null, 2, "等太久"));
        Ratings.RectificationItem x = rectificationOf(number);
        ratings.appeal(zzGjj, x.id(), "已按时办结");
        ratings.decideAppeal(data.office, x.id(), false, "申请人反映的等待时间属实，请整改");
        assertThat(rectificationOf(number).status()).isEqualTo("OPEN");
        assertThatThrownBy(() -> ratings.appeal(zzGjj, x.id(), "再申诉")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("已申诉过一次");
        ratings.answer(zzGjj, x.id(), "增设自助取号", "电话回访，申请人认可");
        assertThat(rectificationOf(number).status()).isEqualTo("ANSWERED");
    }
}
