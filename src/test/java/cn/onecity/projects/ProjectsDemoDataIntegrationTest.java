package cn.onecity.projects;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import cn.onecity.cooperation.Cooperation;
import cn.onecity.cooperation.ItemFilter;
import cn.onecity.cooperation.ItemView;
import cn.onecity.dashboard.Dashboard;
import cn.onecity.identity.Accounts;
import cn.onecity.identity.DataScope;

/**
 * The demo data (in the demo-data context the other modules' demo tests share, on its own in-memory H2): the seed's
 * "7条融城干道累计完成投资57亿元" comes out of summing the seven roads' monthly reports, with the seed's named roads
 * in their states, the named landmark projects, and the cooperation items linked.
 */
@SpringBootTest(properties = "onecity.demo.enabled=true")
@ActiveProfiles("test")
@DisabledIfEnvironmentVariable(named = "ONECITY_TEST_DB_URL", matches = ".+")
class ProjectsDemoDataIntegrationTest {

    @Autowired Projects projects;
    @Autowired Dashboard dashboard;
    @Autowired Cooperation cooperation;
    @Autowired Accounts accounts;

    @Test
    void theSevenRoadsReportsAddUpTo57YiAndTheSeedsRoadsAreInTheirStates() {
        List<Project> roads = projects.all().stream().filter(p -> p.type() == ProjectType.ROAD).toList();
        assertThat(roads).hasSize(7);
        assertThat(InvestmentRollUp.of(roads).invested()).isEqualByComparingTo("570000");
        var figures = dashboard.projects();
        assertThat(figures.roads()).isEqualTo(7);
        assertThat(figures.roadsInvestedYi().toPlainString()).isEqualTo("57");
        assertThat(named(roads, "长沙新韶山南路—湘潭昭山大道").statusLabel()).isEqualTo("已通车");
        assertThat(named(roads, "长沙白庭路—湘潭银盖路").status()).isEqualTo(ProjectStatus.UNDER_WAY);
        assertThat(named(roads, "湘潭云龙东路—株洲新马南路").status()).isEqualTo(ProjectStatus.UNDER_WAY);
        assertThat(roads.stream().filter(p -> !p.name().startsWith("长沙") && !p.name().startsWith("湘潭")))
                .hasSize(4).allSatisfy(p -> assertThat(p.name()).contains("示例"));
        assertThat(figures.landmarks()).isEqualTo(10);
        assertThat(projects.all().stream().filter(Project::landmark).map(Project::name))
                .contains("长株潭新能源汽车城", "长株潭生产服务型物流枢纽", "湖南省医疗器械产业园");
        assertThat(accounts.findByUsername("zz-jt")).isPresent();
        assertThat(accounts.findByUsername("xt-jt")).isPresent();
    }

    @Test
    void theDemoCooperationItemsAreLinked() {
        List<ItemView> items = cooperation.items(new DataScope.All(), ItemFilter.none(), LocalDate.now());
        long roadsItem = items.stream().filter(i -> i.title().equals("7条融城干道建设（累计完成投资57亿元）")).findFirst().orElseThrow().id();
        long yunlong = items.stream().filter(i -> i.code().equals("6-JT-02")).findFirst().orElseThrow().id();
        assertThat(projects.linkedTo(roadsItem)).hasSize(7);
        assertThat(projects.linkedTo(yunlong)).extracting(Project::name).containsExactly("湘潭云龙东路—株洲新马南路");
        assertThat(projects.linkedTo(items.stream().filter(i -> i.title().equals("长沙白庭路—湘潭银盖路等融城干道建设"))
                .findFirst().orElseThrow().id())).extracting(Project::code).containsExactly("RC-02");
    }

    private static Project named(List<Project> list, String name) {
        return list.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }
}
