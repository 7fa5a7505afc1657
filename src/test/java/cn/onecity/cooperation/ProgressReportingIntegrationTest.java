package cn.onecity.cooperation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.DataScope;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.ConflictException;
import cn.onecity.shared.ForbiddenException;
import cn.onecity.shared.Sm3;
import cn.onecity.shared.Times;

/** Filing, accepting and returning progress reports, through the API, the pages and the module itself. */
@CooperationIntegrationTest
class ProgressReportingIntegrationTest {

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired CooperationManagement management;
    @Autowired Cooperation cooperation;
    @Autowired ProgressReporting reporting;
    @Autowired JdbcClient jdbc;
    @Autowired UserDetailsService users;

    static CoopTestData data;
    static CurrentUser csFgw;
    static CurrentUser csJtj;
    static CurrentUser xtJtj;

    long itemId;
    long milestoneId;

    @BeforeEach
    void setUp() {
        if (data == null) {
            data = new CoopTestData(accounts, management);
            csFgw = data.staff("430100-FGW");
            csJtj = data.staff("430100-JTJ");
            xtJtj = data.staff("430300-JTJ");
        }
        // 长沙 FGW leads, 湘潭 JTJ co-operates; 长沙 JTJ is of the same city but no party
        itemId = data.item("进展报告测试事项", "430100-FGW", List.of("430300-JTJ"), LocalDate.of(2026, 12, 31),
                List.of(new NewItem.NewMilestone("完成可研", LocalDate.of(2026, 12, 20))));
        milestoneId = cooperation.milestones(itemId).get(0).id();
    }

    LocalDate today() {
        return LocalDate.now(Times.ZONE);
    }

    int reportCount() {
        return jdbc.sql("SELECT COUNT(*) FROM coop_report WHERE item_id = :i").param("i", itemId).query(Integer.class).single();
    }

    @Test
    void aReportWithAPdfAcceptedAt100PercentCompletesTheItemAndItsMilestone() throws Exception {
        MockMultipartFile pdf = new MockMultipartFile("files", "验收报告.pdf", "application/pdf", CoopTestData.PDF);
        String body = mvc.perform(multipart("/api/v1/cooperation/items/{id}/reports", itemId).file(pdf)
                        .param("content", "项目已竣工验收").param("percent", "100").param("milestoneId", String.valueOf(milestoneId))
                        .with(httpBasic(csFgw.username(), CoopTestData.PASSWORD)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("SUBMITTED"))
                .andReturn().getResponse().getContentAsString();
        long reportId = Long.parseLong(body.replaceAll(".*\"id\"\\s*:\\s*(\\d+).*", "$1"));
        assertThat(jdbc.sql("SELECT sm3 FROM coop_evidence WHERE report_id = :r").param("r", reportId)
                .query(String.class).single()).isEqualTo(Sm3.hex(CoopTestData.PDF));
        assertThat(cooperation.item(new DataScope.All(), itemId, today()).pendingReports()).isEqualTo(1);

        mvc.perform(post("/api/v1/cooperation/reports/{id}/accept", reportId)
                        .with(httpBasic(data.office.username(), CoopTestData.PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ACCEPTED"));

        ItemView item = cooperation.item(new DataScope.All(), itemId, today());
        assertThat(item.status()).isEqualTo(ItemStatus.COMPLETED);
        assertThat(item.progress()).isEqualTo(100);
        assertThat(item.light()).isEqualTo(Light.GREEN);
        assertThat(cooperation.milestones(itemId).get(0).doneOn()).isEqualTo(today());
        ReportView report = reporting.reports(new DataScope.All(), itemId).get(0);
        assertThat(report.status()).isEqualTo(ReportStatus.ACCEPTED);
        assertThat(report.reviewerName()).isEqualTo(data.office.displayName());
        assertThat(report.reviewedAt()).isNotNull();
        assertThat(report.evidence()).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("验收报告.pdf");
            assertThat(e.contentType()).isEqualTo("application/pdf");
            assertThat(e.size()).isEqualTo(CoopTestData.PDF.length);
        });

        // the department hears of it; a completed item takes no more reports
        long org = accounts.organisationOfDepartment("430100-FGW").orElseThrow().id();
        String code = item.code();
        CoopTestData.eventually(() -> CoopTestData.messages(jdbc, org, "进展报告已通过：" + code) == 1, "accepted notice");
        assertThatThrownBy(() -> reporting.submitReport(csFgw, itemId, "再报一次", 100, null, List.of()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("已完成");
        // the evidence can be downloaded by someone in scope, with its bytes intact
        long evidenceId = report.evidence().get(0).id();
        mvc.perform(get("/cooperation/evidence/{id}", evidenceId).with(user(users.loadUserByUsername(xtJtj.username()))))
                .andExpect(status().isOk())
                .andExpect(content().contentType("application/pdf"))
                .andExpect(content().bytes(CoopTestData.PDF));
    }

    @Test
    void aReturnedReportCarriesTheReasonToTheDepartment() throws Exception {
        long reportId = reporting.submitReport(xtJtj, itemId, "已完成现场踏勘", 20, null,
                List.of(new FileUpload("现场照片.png", CoopTestData.PNG)));
        long office = accounts.jointOffice().orElseThrow().id();
        String code = data.codeOf(jdbc, itemId);
        CoopTestData.eventually(() -> CoopTestData.messages(jdbc, office, "待审核进展报告：" + code) == 1, "review notice");

        // a return needs a reason
        mvc.perform(post("/api/v1/cooperation/reports/{id}/return", reportId).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"  \"}").with(httpBasic(data.office.username(), CoopTestData.PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(hasItem("reason")))
                .andExpect(jsonPath("$.detail").value("请填写退回理由"));

        mvc.perform(post("/cooperation/reports/{id}/return", reportId).param("reason", "佐证材料不完整，请补充照片")
                        .with(csrf()).with(user(users.loadUserByUsername(data.office.username()))))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/cooperation/items/" + itemId))
                .andExpect(flash().attribute("flash", containsString("已退回")));

        ReportView report = reporting.report(new DataScope.All(), reportId);
        assertThat(report.status()).isEqualTo(ReportStatus.RETURNED);
        assertThat(report.reviewReason()).isEqualTo("佐证材料不完整，请补充照片");
        long xt = accounts.organisationOfDepartment("430300-JTJ").orElseThrow().id();
        CoopTestData.eventually(() -> jdbc.sql("""
                        SELECT COUNT(*) FROM ntf_message WHERE recipient_org_id = :o AND title LIKE :t AND body LIKE :b""")
                .param("o", xt).param("t", "%进展报告被退回：" + code + "%").param("b", "%佐证材料不完整，请补充照片%")
                .query(Integer.class).single() == 1, "returned notice with the reason");
        // a returned report cannot be reviewed again, and the department may file anew
        assertThatThrownBy(() -> reporting.accept(data.office, reportId)).isInstanceOf(ConflictException.class);
        assertThat(reporting.submitReport(xtJtj, itemId, "补充了照片", 20, null, List.of())).isPositive();
        assertThat(cooperation.item(new DataScope.All(), itemId, today()).progress()).isZero();
    }

    @Test
    void staffOfADepartmentThatIsNoPartyAreRefused() throws Exception {
        mvc.perform(multipart("/api/v1/cooperation/items/{id}/reports", itemId)
                        .param("content", "我们也想报").param("percent", "10")
                        .with(httpBasic(csJtj.username(), CoopTestData.PASSWORD)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("不是该事项的牵头或配合部门")));
        assertThatThrownBy(() -> reporting.submitReport(csJtj, itemId, "我们也想报", 10, null, List.of()))
                .isInstanceOf(ForbiddenException.class);
        // the joint office does not file reports, and city staff do not review them
        assertThatThrownBy(() -> reporting.submitReport(data.office, itemId, "代报", 10, null, List.of()))
                .isInstanceOf(ForbiddenException.class);
        long reportId = reporting.submitReport(csFgw, itemId, "开工", 10, null, List.of());
        assertThatThrownBy(() -> reporting.accept(csFgw, reportId)).isInstanceOf(ForbiddenException.class);
        mvc.perform(post("/api/v1/cooperation/reports/{id}/accept", reportId)
                        .with(httpBasic(csFgw.username(), CoopTestData.PASSWORD)))
                .andExpect(status().isForbidden());
        assertThat(reportCount()).isEqualTo(1);
    }

    @Test
    void aPercentOutOfRangeIsRefusedWithAChineseMessageAndNothingSaved() throws Exception {
        mvc.perform(multipart("/api/v1/cooperation/items/{id}/reports", itemId)
                        .file(new MockMultipartFile("files", "a.pdf", "application/pdf", CoopTestData.PDF))
                        .param("content", "进展").param("percent", "120")
                        .with(httpBasic(csFgw.username(), CoopTestData.PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("percent"))
                .andExpect(jsonPath("$.errors[0].message").value("完成百分比须在 0 到 100 之间"));
        assertThatThrownBy(() -> reporting.submitReport(csFgw, itemId, "进展", -1, null, List.of()))
                .isInstanceOf(BusinessException.class).hasMessage("完成百分比须在 0 到 100 之间");
        assertThat(reportCount()).isZero();
    }

    @Test
    void aTextFileNamedPdfIsRefusedButAPngNamedPdfIsStoredAsPng() throws Exception {
        mvc.perform(multipart("/api/v1/cooperation/items/{id}/reports", itemId)
                        .file(new MockMultipartFile("files", "假的.pdf", "application/pdf", CoopTestData.TEXT))
                        .param("content", "进展").param("percent", "30")
                        .with(httpBasic(csFgw.username(), CoopTestData.PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("files"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("不是 PDF、JPG 或 PNG 格式")));
        assertThat(reportCount()).isZero();

        mvc.perform(multipart("/api/v1/cooperation/items/{id}/reports", itemId)
                        .file(new MockMultipartFile("files", "照片.pdf", "application/pdf", CoopTestData.PNG))
                        .param("content", "进展").param("percent", "30")
                        .with(httpBasic(csFgw.username(), CoopTestData.PASSWORD)))
                .andExpect(status().isCreated());
        assertThat(jdbc.sql("""
                SELECT e.content_type FROM coop_evidence e JOIN coop_report r ON r.id = e.report_id WHERE r.item_id = :i""")
                .param("i", itemId).query(String.class).single()).isEqualTo("image/png");
    }

    @Test
    void theFormShowsChineseFieldErrorsAndKeepsTheTypedText() throws Exception {
        var staff = user(users.loadUserByUsername(csFgw.username()));
        mvc.perform(get("/cooperation/items/{id}", itemId).with(staff))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("提交进展报告")))
                .andExpect(content().string(containsString("达成里程碑")));
        mvc.perform(multipart("/cooperation/items/{id}/reports", itemId)
                        .param("content", "已完成立项批复的准备工作").param("percent", "150")
                        .with(csrf()).with(staff))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("完成百分比须在 0 到 100 之间")))
                .andExpect(content().string(containsString("已完成立项批复的准备工作")));
        mvc.perform(multipart("/cooperation/items/{id}/reports", itemId)
                        .param("content", "").param("percent", "40").with(csrf()).with(staff))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("请填写进展说明")));
        assertThat(reportCount()).isZero();

        mvc.perform(multipart("/cooperation/items/{id}/reports", itemId)
                        .file(new MockMultipartFile("files", "批复.pdf", "application/pdf", CoopTestData.PDF))
                        .param("content", "取得立项批复").param("percent", "40").param("milestoneId", "")
                        .with(csrf()).with(staff))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/cooperation/items/" + itemId))
                .andExpect(flash().attribute("flash", containsString("进展报告已提交")));
        assertThat(reportCount()).isEqualTo(1);
        // one open report per department at a time
        mvc.perform(multipart("/cooperation/items/{id}/reports", itemId)
                        .param("content", "又一份").param("percent", "50").with(csrf()).with(staff))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("请等待一体化办审核后再报送")))
                .andExpect(content().string(containsString("又一份")));
        assertThat(reportCount()).isEqualTo(1);
    }

    @Test
    void theJointOfficeSeesTheOpenReportInTheOverviewTheQueueAndOnTheItemPage() throws Exception {
        long reportId = reporting.submitReport(csFgw, itemId, "完成选址", 30, milestoneId,
                List.of(new FileUpload("选址意见书.pdf", CoopTestData.PDF)));
        var office = user(users.loadUserByUsername(data.office.username()));
        String code = data.codeOf(jdbc, itemId);
        mvc.perform(get("/cooperation").param("meeting", String.valueOf(data.meeting)).param("q", code).with(office))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("待审核报告")))
                .andExpect(content().string(containsString("/cooperation/reviews")))
                .andExpect(content().string(containsString("/cooperation/export.xlsx?meeting=" + data.meeting + "&amp;q=" + code)))
                .andExpect(content().string(containsString("导入行动计划")))
                .andExpect(content().string(containsString(code)));
        mvc.perform(get("/cooperation/reviews").with(office))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(code)))
                .andExpect(content().string(containsString("/cooperation/items/" + itemId)));
        mvc.perform(get("/cooperation/items/{id}", itemId).with(office))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("选址意见书.pdf")))
                .andExpect(content().string(containsString(Sm3.hex(CoopTestData.PDF))))
                .andExpect(content().string(containsString("退回理由")))
                .andExpect(content().string(containsString(">通过</button>")))
                .andExpect(content().string(containsString(">退回</button>")))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("提交进展报告"))));
        // city staff have no review queue and see no review buttons
        var staff = user(users.loadUserByUsername(csFgw.username()));
        mvc.perform(get("/cooperation/reviews").with(staff)).andExpect(status().isForbidden());
        mvc.perform(get("/cooperation/items/{id}", itemId).with(staff))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("本部门已有一份待审核的进展报告")))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("提交进展报告"))))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString(">通过</button>"))));
        mvc.perform(post("/cooperation/reports/{id}/accept", reportId).with(csrf()).with(office))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flash", containsString("已通过")));
        assertThat(cooperation.milestones(itemId).get(0).doneOn()).isEqualTo(today());
        assertThat(cooperation.item(new DataScope.All(), itemId, today()).status()).isEqualTo(ItemStatus.ONGOING);
    }

    @Test
    void anAssignedItemIsAnnouncedToEachResponsibleDepartmentWithALink() {
        String code = data.codeOf(jdbc, itemId);
        long lead = accounts.organisationOfDepartment("430100-FGW").orElseThrow().id();
        long co = accounts.organisationOfDepartment("430300-JTJ").orElseThrow().id();
        long other = accounts.organisationOfDepartment("430100-JTJ").orElseThrow().id();
        CoopTestData.eventually(() -> CoopTestData.messages(jdbc, lead, "新的合作事项：" + code) == 1
                && CoopTestData.messages(jdbc, co, "新的合作事项：" + code) == 1, "assignment notices");
        assertThat(jdbc.sql("SELECT link FROM ntf_message WHERE recipient_org_id = :o AND title LIKE :t")
                .param("o", co).param("t", "%" + code + "%").query(String.class).single())
                .isEqualTo("/cooperation/items/" + itemId);
        assertThat(CoopTestData.messages(jdbc, other, "新的合作事项：" + code)).isZero();
    }

    @Test
    void aReportCannotGoBelowTheAcceptedProgressNorNameAnotherItemsMilestone() {
        long first = reporting.submitReport(csFgw, itemId, "完成 50%", 50, null, List.of());
        reporting.accept(data.office, first);
        assertThatThrownBy(() -> reporting.submitReport(csFgw, itemId, "倒退", 40, null, List.of()))
                .isInstanceOf(BusinessException.class).hasMessageContaining("不能低于已通过审核的进度（50%）");
        long other = data.item("另一个事项", "430100-FGW", List.of(), LocalDate.of(2026, 12, 31),
                List.of(new NewItem.NewMilestone("别人的里程碑", LocalDate.of(2026, 12, 1))));
        long foreign = cooperation.milestones(other).get(0).id();
        assertThatThrownBy(() -> reporting.submitReport(csFgw, itemId, "进展", 60, foreign, List.of()))
                .isInstanceOf(BusinessException.class).hasMessage("所选里程碑不属于该事项");
        assertThatThrownBy(() -> reporting.submitReport(csFgw, itemId, " ", 60, null, List.of()))
                .isInstanceOf(BusinessException.class).hasMessage("请填写进展说明");
        assertThat(reportCount()).isEqualTo(1);
    }

    @Test
    void theDatabaseRefusesASecondOpenReportOfTheSameDepartmentEvenWhenTheServiceCheckIsRaced() {
        reporting.submitReport(xtJtj, itemId, "第一份报告", 10, null, List.of());
        // what a simultaneous second submission would write after passing the service's check
        assertThatThrownBy(() -> jdbc.sql("""
                INSERT INTO coop_report (item_id, reporter_name, city_code, department_code, content, percent, status,
                                         submitted_at, open_slot)
                VALUES (:i, '并发报送', '430300', '430300-JTJ', '第二份报告', 10, 'SUBMITTED', CURRENT_TIMESTAMP, 1)""")
                .param("i", itemId).update())
                .isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
        // another department's open report, and reviewed reports, do not collide
        reporting.submitReport(data.staff("430100-FGW"), itemId, "牵头部门报告", 10, null, List.of());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM coop_report WHERE item_id = :i AND status = 'SUBMITTED'")
                .param("i", itemId).query(Integer.class).single()).isEqualTo(2);
    }
}
