package cn.onecity.cooperation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.List;

import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import cn.onecity.cooperation.ProgressSummary.AreaSummary;
import cn.onecity.cooperation.ProgressSummary.Summary;
import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.TestClock;
import cn.onecity.shared.NotFoundException;

/**
 * The generated progress report: counts, the exact text in the press-release register, as of a date before and
 * after acceptance, the JSON API and the Word download. Each test builds its own meeting (random session number).
 */
@SpringBootTest
@ActiveProfiles("test")
@AutoConfigureMockMvc
@Import(TestClock.Config.class)
class ProgressSummaryIntegrationTest {

    static final LocalDate BEFORE = LocalDate.of(2024, 5, 1);
    static final LocalDate AFTER = LocalDate.of(2024, 6, 15);

    @Autowired ProgressSummary summaries;
    @Autowired Accounts accounts;
    @Autowired CooperationManagement management;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;
    @Autowired MockMvc mvc;
    @Autowired UserDetailsService users;

    SummaryFixtures fx;
    CurrentUser office;
    int n;
    String a;
    String c;

    /**
     * Two action plans; 产业协同: A completed on 2024-05-10, B at 50% on 2024-05-10; 交通互联: C completed on
     * 2024-06-01; 生态共治: D whose deadline 2024-03-01 passed undone (滞后).
     */
    @BeforeEach
    void meeting() {
        fx = new SummaryFixtures(accounts, management, jdbc, tx);
        office = fx.office();
        n = fx.meeting(office);
        long plan1 = management.ensureAction(office, n, "产业科创行动");
        long plan2 = management.ensureAction(office, n, "互联共治行动");
        a = "产业平台建设" + SummaryFixtures.unique();
        c = "融城干道通车" + SummaryFixtures.unique();
        long ia = fx.item(office, plan1, a, Area.INDUSTRY, "430200-GXJ", List.of("430100-GXJ"), LocalDate.of(2024, 12, 31));
        long ib = fx.item(office, plan1, "产业目录发布", Area.INDUSTRY, "430200-FGW", List.of(), LocalDate.of(2024, 12, 31));
        long ic = fx.item(office, plan2, c, Area.TRANSPORT, "430100-JTJ", List.of("430300-JTJ"), LocalDate.of(2024, 12, 31));
        fx.item(office, plan2, "大气污染协同立法", Area.ECOLOGY, "430300-STHJJ", List.of(), LocalDate.of(2024, 3, 1));
        fx.accepted(ia, "430200-GXJ", 100, LocalDate.of(2024, 5, 10));
        fx.accepted(ib, "430200-FGW", 50, LocalDate.of(2024, 5, 10));
        fx.accepted(ic, "430100-JTJ", 100, LocalDate.of(2024, 6, 1));
    }

    String head() {
        return "长株潭一体化第" + ProgressSummary.chineseNumber(n) + "届市委书记联席会议明确三市实施“两大行动”4项重点合作事项，";
    }

    @Test
    void countsAndTextAfterAcceptance() {
        Summary s = summaries.summary(n, AFTER);
        assertThat(s.meeting()).isEqualTo(n);
        assertThat(s.meetingTitle()).isEqualTo("测试联席会议" + n);
        assertThat(s.total()).isEqualTo(4);
        assertThat(s.completed()).isEqualTo(2);
        assertThat(s.ongoing()).isEqualTo(1);
        assertThat(s.delayed()).isEqualTo(1);
        assertThat(s.notStarted()).isZero();
        assertThat(s.progress()).isEqualTo(62.5);
        assertThat(s.byArea()).extracting(AreaSummary::area).containsExactly("产业协同", "交通互联", "生态共治");
        assertThat(s.byArea().get(0).completedTitles()).containsExactly(a);
        assertThat(s.byArea().get(0).progress()).isEqualTo(75.0);
        assertThat(s.text()).isEqualTo(head()
                + "目前2项重点合作事项已完成既定目标任务，2项重点合作事项正在持续推进，其中1项滞后。\n"
                + "产业协同方面，共2项重点合作事项，1项已完成，1项正在持续推进。" + a + "已完成。\n"
                + "交通互联方面，共1项重点合作事项，已全部完成。" + c + "已完成。\n"
                + "生态共治方面，共1项重点合作事项，均正在持续推进（其中1项滞后）。");
    }

    @Test
    void beforeAcceptanceNothingIsCompleted() {
        Summary s = summaries.summary(n, BEFORE);
        assertThat(s.completed()).isZero();
        assertThat(s.notStarted()).isEqualTo(3);
        assertThat(s.delayed()).isEqualTo(1);
        assertThat(s.progress()).isZero();
        assertThat(s.paragraphs().get(0)).isEqualTo(head() + "目前4项重点合作事项正在持续推进，其中1项滞后。");
        assertThat(s.paragraphs().get(1)).isEqualTo("产业协同方面，共2项重点合作事项，均正在持续推进。");
    }

    @Test
    void unknownMeetingIsNotFound() {
        assertThatThrownBy(() -> summaries.summary(2_000_000_000, AFTER)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void textWhenEverythingIsCompleted() {
        List<AreaSummary> areas = List.of(new AreaSummary("服务共享", 2, 2, 0, 0, 0, 100, List.of("甲", "乙")));
        assertThat(ProgressSummary.text(5, 4, 2, 2, 0, areas)).isEqualTo(
                "长株潭一体化第五届市委书记联席会议明确三市实施“四大行动”2项重点合作事项，目前2项重点合作事项已全部完成既定目标任务。\n"
                        + "服务共享方面，共2项重点合作事项，已全部完成。甲、乙已完成。");
        assertThat(ProgressSummary.text(6, 0, 0, 0, 0, List.of())).isEqualTo("长株潭一体化第六届市委书记联席会议暂未明确重点合作事项。");
    }

    @Test
    void chineseNumerals() {
        assertThat(ProgressSummary.chineseNumber(4)).isEqualTo("四");
        assertThat(ProgressSummary.chineseNumber(10)).isEqualTo("十");
        assertThat(ProgressSummary.chineseNumber(15)).isEqualTo("十五");
        assertThat(ProgressSummary.chineseNumber(60)).isEqualTo("六十");
        assertThat(ProgressSummary.chineseNumber(105)).isEqualTo("一百零五");
        assertThat(ProgressSummary.chineseNumber(1010)).isEqualTo("一千零一十");
        assertThat(ProgressSummary.chineseNumber(10005)).isEqualTo("一万零五");
        assertThat(ProgressSummary.chineseNumber(12345)).isEqualTo("一万二千三百四十五");
        assertThat(ProgressSummary.chineseNumber(150000)).isEqualTo("十五万");
        assertThat(ProgressSummary.chineseNumber(999999)).isEqualTo("九十九万九千九百九十九");
    }

    @Test
    void apiReturnsTheSummaryAsJson() throws Exception {
        mvc.perform(get("/api/v1/cooperation/summary").param("meeting", String.valueOf(n)).param("asOf", "2024-06-15")
                        .with(user(users.loadUserByUsername(office.username()))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.meeting").value(n))
                .andExpect(jsonPath("$.asOf").value("2024-06-15"))
                .andExpect(jsonPath("$.total").value(4))
                .andExpect(jsonPath("$.completed").value(2))
                .andExpect(jsonPath("$.ongoing").value(1))
                .andExpect(jsonPath("$.delayed").value(1))
                .andExpect(jsonPath("$.notStarted").value(0))
                .andExpect(jsonPath("$.progress").value(62.5))
                .andExpect(jsonPath("$.byArea[0].area").value("产业协同"))
                .andExpect(jsonPath("$.byArea[0].completedTitles[0]").value(a))
                .andExpect(jsonPath("$.text").value(summaries.summary(n, AFTER).text()));
    }

    @Test
    void apiErrorsAreProblemDetails() throws Exception {
        var staff = fx.staff("430100-JTJ");
        mvc.perform(get("/api/v1/cooperation/summary").param("meeting", "2000000001").param("asOf", "2024-06-15")
                        .with(user(users.loadUserByUsername(staff.username()))))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.detail").value("第2000000001届联席会议不存在"));
        mvc.perform(get("/api/v1/cooperation/summary").param("meeting", String.valueOf(n)).param("asOf", "2024-13-45")
                        .with(user(users.loadUserByUsername(staff.username()))))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[0].field").value("asOf"));
        mvc.perform(get("/api/v1/cooperation/summary").param("meeting", String.valueOf(n)))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void residentsMayNotReadTheSummary() throws Exception {
        mvc.perform(get("/api/v1/cooperation/summary").param("meeting", String.valueOf(n))
                        .with(user("someone").roles("RESIDENT")))
                .andExpect(status().isForbidden());
    }

    @Test
    void pageShowsTheTextAndTheAreaTable() throws Exception {
        String html = mvc.perform(get("/cooperation/summary").param("meeting", String.valueOf(n)).param("asOf", "2024-06-15")
                        .with(user(users.loadUserByUsername(office.username()))))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains(head()).contains("各合作领域推进情况").contains("交通互联方面")
                .contains("summary.docx?meeting=" + n);
    }

    @Test
    void wordDocumentHoldsTheText() throws Exception {
        var response = mvc.perform(get("/cooperation/summary.docx").param("meeting", String.valueOf(n))
                        .param("asOf", "2024-06-15").with(user(users.loadUserByUsername(office.username()))))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment")))
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.containsString("UTF-8''")))
                .andReturn().getResponse();
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(response.getContentAsByteArray()));
                XWPFWordExtractor extractor = new XWPFWordExtractor(doc)) {
            String text = extractor.getText();
            assertThat(text).contains("测试联席会议" + n + "行动计划任务推进情况").contains("截至2024年6月15日");
            for (String p : summaries.summary(n, AFTER).paragraphs()) {
                assertThat(text).contains(p);
            }
            assertThat(doc.getTables()).hasSize(1);
            assertThat(doc.getTables().get(0).getRows()).hasSize(5); // header, 3 areas, total
            assertThat(doc.getTables().get(0).getRow(1).getCell(0).getText()).isEqualTo("产业协同");
        }
    }
}
