package cn.onecity.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import cn.onecity.cooperation.Area;
import cn.onecity.cooperation.CooperationManagement;
import cn.onecity.cooperation.NewItem;
import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.NewAccount;
import cn.onecity.identity.Role;
import cn.onecity.identity.TestAccounts;
import cn.onecity.services.ServicesIntegrationTest;

/** A cooperation item linked to projects shows their milestones and invested amounts on its page (through the SPI). */
@ServicesIntegrationTest
class ProjectCooperationLinkIntegrationTest {

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired CooperationManagement management;
    @Autowired Projects projects;

    @Test
    void theItemPageShowsTheLinkedProjectsMilestonesAndInvestment() throws Exception {
        String office = TestAccounts.create(accounts, Role.JOINT_OFFICE);
        CurrentUser officeUser = accounts.findByUsername(office).orElseThrow();
        int n = ThreadLocalRandom.current().nextInt(100_000, 999_999);
        management.createMeeting(officeUser, n, "测试联席会议 " + n, LocalDate.of(2026, 1, 10), "430100", "测试", null);
        long action = management.ensureAction(officeUser, n, "测试行动");
        long item = management.createItem(officeUser, new NewItem(action, "T" + n + "-JT", "测试融城干道建设" + n, Area.TRANSPORT,
                "430100-JTJ", List.of("430300-JTJ"), "建成通车", LocalDate.of(2027, 6, 30), 1.0, null, List.of()));
        long unlinked = management.createItem(officeUser, new NewItem(action, "T" + n + "-JX", "未关联事项" + n, Area.TRANSPORT,
                "430100-JTJ", List.of(), "目标", LocalDate.of(2027, 6, 30), 1.0, null, List.of()));

        long a = projects.create(officeUser, new NewProject("T" + n + "-A", "测试干道甲" + n, ProjectType.ROAD, false,
                BigDecimal.valueOf(50000), null, null, List.of(new NewProject.Party("430100", "430100-JTJ"), new NewProject.Party("430300", "430300-JTJ")),
                List.of(new NewProject.Step("开工", MilestoneKind.START, LocalDate.of(2024, 3, 31), LocalDate.of(2024, 3, 20)),
                        new NewProject.Step("主线桥梁合龙", MilestoneKind.OTHER, LocalDate.of(2025, 1, 31), null)),
                List.of(item)));
        long b = projects.create(officeUser, new NewProject("T" + n + "-B", "测试干道乙" + n, ProjectType.ROAD, false,
                BigDecimal.valueOf(50000), null, null, List.of(new NewProject.Party("430100", "430100-JTJ")), List.of(), List.of()));
        projects.link(officeUser, b, item);

        String csJt = TestAccounts.uniqueUsername(Role.CITY_STAFF);
        accounts.createAccount(new NewAccount(csJt, "测试", TestAccounts.PASSWORD, Role.CITY_STAFF,
                TestAccounts.organisationNamed(accounts, "长沙市交通运输局").id(), null));
        CurrentUser cs = accounts.findByUsername(csJt).orElseThrow();
        projects.submitReport(cs, a, new Projects.ReportInput("2025-06", "12000", null));
        projects.submitReport(cs, b, new Projects.ReportInput("2025-06", "3000", null));

        String page = mvc.perform(get("/cooperation/items/{id}", item).session(TestAccounts.login(mvc, office)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("重大项目：测试干道甲" + n).contains("主线桥梁合龙").contains("已滞后")
                .contains("1.2 亿元").contains("在建（滞后）")
                .contains("重大项目汇总").contains("1.5 亿元")
                .contains("/projects/" + a);
        String other = mvc.perform(get("/cooperation/items/{id}", unlinked).session(TestAccounts.login(mvc, office)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(other).doesNotContain("重大项目：");
    }
}
