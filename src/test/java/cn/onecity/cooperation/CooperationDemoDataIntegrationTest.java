package cn.onecity.cooperation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import cn.onecity.cooperation.ProgressSummary.AreaSummary;
import cn.onecity.cooperation.ProgressSummary.Summary;
import cn.onecity.identity.DataScope;

/**
 * Runs the demo data loaders into a context of its own (a fresh in-memory H2) and checks the seed's figures.
 * Skipped on a shared database (CI on PostgreSQL), where other tests' rows would be seen and the loader skips.
 */
@SpringBootTest(properties = "onecity.demo.enabled=true")
@ActiveProfiles("test")
@DisabledIfEnvironmentVariable(named = "ONECITY_TEST_DB_URL", matches = ".+")
class CooperationDemoDataIntegrationTest {

    static final String SEED_SENTENCE = "长株潭一体化第五届市委书记联席会议明确三市实施“四大行动”60项重点合作事项，"
            + "目前57项重点合作事项已完成既定目标任务，3项重点合作事项正在持续推进。";

    @Autowired ProgressSummary summaries;
    @Autowired Cooperation cooperation;
    @Autowired DataSource dataSource;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void onlyOnAnIsolatedH2() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            assumeTrue(c.getMetaData().getURL().startsWith("jdbc:h2:mem:"), "demo data test needs its own in-memory H2");
        }
    }

    @Test
    void fifthMeetingAsOfTheSixthMeeting() {
        Summary s = summaries.summary(5, LocalDate.of(2024, 12, 10));
        assertThat(s.total()).isEqualTo(60);
        assertThat(s.completed()).isEqualTo(57);
        assertThat(s.ongoing()).isEqualTo(3);
        assertThat(s.delayed()).isZero();
        assertThat(s.notStarted()).isZero();
        assertThat(s.text()).startsWith(SEED_SENTENCE);
        assertThat(s.byArea()).extracting(AreaSummary::area).containsExactly("产业协同", "科创协作", "交通互联", "生态共治", "服务共享");
        assertThat(s.byArea().get(0).completedTitles()).contains("衡长株潭特高压输变电装备产业集群创建国家先进制造业集群");
        assertThat(s.text()).contains("交通互联方面，共12项重点合作事项，11项已完成，1项正在持续推进。");
        List<String> ongoing = cooperation.items(new DataScope.All(), ItemFilter.meeting(5), LocalDate.of(2024, 12, 10))
                .stream().filter(i -> i.status() == ItemStatus.ONGOING).map(ItemView::title).toList();
        assertThat(ongoing).containsExactlyInAnyOrder("长株潭一体化产业发展指导目录发布", "长沙白庭路—湘潭银盖路等融城干道建设",
                "长株潭萍大气污染协同立法");
    }

    @Test
    void fifthMeetingBeforeAnyAcceptance() {
        Summary s = summaries.summary(5, LocalDate.of(2024, 1, 1));
        assertThat(s.completed()).isZero();
    }

    @Test
    void sixthMeetingHasEveryStateAsOfTheFirstOfDecember2026() {
        LocalDate asOf = LocalDate.of(2026, 12, 1);
        List<ItemView> items = cooperation.items(new DataScope.All(), ItemFilter.meeting(6), asOf);
        assertThat(items).hasSize(8);
        assertThat(items).filteredOn(i -> i.status() == ItemStatus.COMPLETED).hasSize(2);
        assertThat(items).filteredOn(i -> i.status() == ItemStatus.DELAYED).extracting(ItemView::title)
                .containsExactly("湖南省医疗器械产业园建设");
        assertThat(items).filteredOn(i -> i.status() == ItemStatus.NOT_STARTED).hasSize(1);
        assertThat(items).filteredOn(i -> i.light() == Light.YELLOW).extracting(ItemView::title)
                .containsExactly("湘潭云龙东路—株洲新马南路融城干道建设");
        assertThat(items).filteredOn(i -> i.pendingReports() > 0).hasSize(1);
        assertThat(jdbc.sql("SELECT department_code FROM coop_report WHERE status = 'SUBMITTED'").query(String.class).list())
                .containsExactly("430100-FGW");
        Meeting sixth = cooperation.meeting(6);
        assertThat(sixth.heldOn()).isEqualTo(LocalDate.of(2024, 12, 10));
        assertThat(sixth.hostCityCode()).isEqualTo("430300");
        assertThat(cooperation.meeting(5).note()).contains("示例");
    }
}
