package cn.onecity.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import cn.onecity.cooperation.Area;
import cn.onecity.cooperation.CooperationManagement;
import cn.onecity.cooperation.ProgressSummary;
import cn.onecity.cooperation.ProgressSummary.Summary;
import cn.onecity.cooperation.SummaryFixtures;
import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.TestClock;

/** The public 一体化驾驶舱: no login needed, and its figures are the progress summary's of the newest meeting. */
@SpringBootTest
@ActiveProfiles("test")
@AutoConfigureMockMvc
@Import(TestClock.Config.class)
class DashboardIntegrationTest {

    @Autowired MockMvc mvc;
    @Autowired Dashboard dashboard;
    @Autowired ProgressSummary summaries;
    @Autowired Accounts accounts;
    @Autowired CooperationManagement management;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;
    @Autowired Clock clock;

    int meeting;

    @BeforeEach
    void atLeastOneMeeting() {
        SummaryFixtures fx = new SummaryFixtures(accounts, management, jdbc, tx);
        CurrentUser office = fx.office();
        int n = fx.meeting(office);
        meeting = n;
        long plan = management.ensureAction(office, n, "驾驶舱测试行动");
        long done = fx.item(office, plan, "驾驶舱已完成事项", Area.SERVICES, "430300-XZSP", List.of(), LocalDate.of(2024, 12, 31));
        fx.item(office, plan, "驾驶舱滞后事项", Area.ECOLOGY, "430100-STHJJ", List.of(), LocalDate.of(2024, 3, 1));
        fx.accepted(done, "430300-XZSP", 100, LocalDate.of(2024, 5, 1));
    }

    @Test
    void pageIsPublicAndDrawsChartsWithoutAnimation() throws Exception {
        String html = mvc.perform(get("/dashboard"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("一体化驾驶舱").contains("/webjars/echarts/").contains("/dist/echarts.min.js")
                .contains("/js/charts.js").contains("id=\"chart-area\"").contains("id=\"chart-status\"")
                .contains("id=\"chart-city\"").contains("aria-label=\"各合作领域事项状态：")
                .contains("查看数据表").contains("id=\"dash-cooperation\"");
        // the shared chart helper turns animation off (screenshots)
        assertThat(mvc.perform(get("/js/charts.js")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
                .contains("option.animation = false");
    }

    @Test
    void apiIsPublicAndMatchesTheSummaryOfTheNewestMeeting() throws Exception {
        int newest = summaries.newestMeeting().orElseThrow().sessionNo();
        Summary s = summaries.summary(newest, LocalDate.now(clock));
        mvc.perform(get("/api/v1/dashboard/cooperation"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.meeting").value(newest))
                .andExpect(jsonPath("$.total").value(s.total()))
                .andExpect(jsonPath("$.completed").value(s.completed()))
                .andExpect(jsonPath("$.ongoing").value(s.ongoing()))
                .andExpect(jsonPath("$.delayed").value(s.delayed()))
                .andExpect(jsonPath("$.notStarted").value(s.notStarted()))
                .andExpect(jsonPath("$.progress").value(s.progress()))
                .andExpect(jsonPath("$.byArea.length()").value(s.byArea().size()))
                .andExpect(jsonPath("$.byStatus.length()").value(4))
                .andExpect(jsonPath("$.byCity.length()").value(3));
    }

    @Test
    void figuresAddUp() {
        Dashboard.CooperationFigures f = dashboard.cooperation();
        Summary s = summaries.summary(f.meeting(), f.asOf());
        assertThat(f.total()).isEqualTo(s.total());
        assertThat(f.completed()).isEqualTo(s.completed());
        assertThat(f.delayed()).isEqualTo(s.delayed());
        assertThat(f.progress()).isEqualTo(s.progress());
        assertThat(f.byCity().stream().mapToInt(Dashboard.StatusCounts::total).sum()).isEqualTo(s.total());
        assertThat(f.byArea().stream().mapToInt(Dashboard.StatusCounts::completed).sum()).isEqualTo(s.completed());
        assertThat(f.byStatus().stream().mapToInt(Dashboard.StatusCount::count).sum()).isEqualTo(s.total());
    }

    @Test
    void aChosenMeetingAsOfADateShowsThatMeetingsFigures() throws Exception {
        mvc.perform(get("/api/v1/dashboard/cooperation").param("meeting", String.valueOf(meeting))
                        .param("asOf", "2024-06-01"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.meeting").value(meeting))
                .andExpect(jsonPath("$.total").value(2))
                .andExpect(jsonPath("$.completed").value(1))
                .andExpect(jsonPath("$.delayed").value(1));
        mvc.perform(get("/api/v1/dashboard/cooperation").param("meeting", String.valueOf(meeting))
                        .param("asOf", "2024-04-01"))
                .andExpect(jsonPath("$.completed").value(0));
        mvc.perform(get("/dashboard").param("meeting", String.valueOf(meeting)))
                .andExpect(status().isOk());
    }

    @Test
    void anUnknownMeetingIsANotFoundProblem() throws Exception {
        mvc.perform(get("/api/v1/dashboard/cooperation").param("meeting", "0"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").exists());
    }
}
