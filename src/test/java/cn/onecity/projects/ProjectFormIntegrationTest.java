package cn.onecity.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import cn.onecity.cooperation.Area;
import cn.onecity.cooperation.CooperationManagement;
import cn.onecity.cooperation.NewItem;
import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.NewAccount;
import cn.onecity.identity.Role;
import cn.onecity.identity.TestAccounts;
import cn.onecity.services.ServicesIntegrationTest;

/**
 * 登记重大项目 and 编辑项目 pages of the joint office: registering through the form, a broken rule bringing the form
 * back with every value and the message next to its field, editing (reports untouched, a reporting city cannot be
 * removed), 403 for other roles, and the same update through {@code PUT /api/v1/projects/{id}}.
 */
@ServicesIntegrationTest
class ProjectFormIntegrationTest {

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired CooperationManagement management;
    @Autowired Projects projects;
    @Autowired JdbcClient jdbc;

    String tag;
    String office;
    CurrentUser officeUser;
    MockHttpSession officeSession;
    String xtJt;

    @BeforeEach
    void setUp() throws Exception {
        tag = "F" + ThreadLocalRandom.current().nextInt(10_000_000, 100_000_000);
        office = TestAccounts.create(accounts, Role.JOINT_OFFICE);
        officeUser = accounts.findByUsername(office).orElseThrow();
        officeSession = TestAccounts.login(mvc, office);
        xtJt = TestAccounts.uniqueUsername(Role.CITY_STAFF);
        accounts.createAccount(new NewAccount(xtJt, "测试湘潭交通", TestAccounts.PASSWORD, Role.CITY_STAFF,
                TestAccounts.organisationNamed(accounts, "湘潭市交通运输局").id(), null));
    }

    /** The form as the browser sends it: three city rows and six milestone rows, blank ones included. */
    MockHttpServletRequestBuilder form(MockHttpServletRequestBuilder b, String code, String name, String type, String planned,
            String cs, String zz, String xt, String[][] milestones, String... items) {
        b.with(csrf()).session(officeSession).param("code", code).param("name", name).param("type", type)
                .param("plannedInvestment", planned).param("description", "测试简介").param("note", "测试备注")
                .param("cityCode", "430100", "430200", "430300").param("departmentCode", cs, zz, xt);
        for (int i = 0; i < 6; i++) {
            String[] m = i < milestones.length && milestones[i].length == 4 ? milestones[i] : new String[] {"", "", "", ""};
            b.param("msName", m[0]).param("msKind", m[1]).param("msPlanned", m[2]).param("msActual", m[3]);
        }
        if (items.length > 0) {
            b.param("cooperationItemIds", items);
        }
        return b;
    }

    Project byCode(String code) {
        return projects.all().stream().filter(p -> p.code().equals(code)).findFirst().orElse(null);
    }

    long item(String suffix) {
        int n = ThreadLocalRandom.current().nextInt(100_000, 999_999);
        management.createMeeting(officeUser, n, "测试联席会议 " + n, LocalDate.of(2026, 1, 10), "430100", "测试", null);
        long action = management.ensureAction(officeUser, n, "测试行动");
        return management.createItem(officeUser, new NewItem(action, tag + "-" + suffix, "测试合作事项" + tag + suffix, Area.TRANSPORT,
                "430100-JTJ", List.of("430300-JTJ"), "建成通车", LocalDate.of(2027, 6, 30), 1.0, null, List.of()));
    }

    long road() {
        return projects.create(officeUser, new NewProject(tag + "-R", "测试干道" + tag, ProjectType.ROAD, false, BigDecimal.valueOf(80000),
                "简介", null, List.of(new NewProject.Party("430100", "430100-JTJ"), new NewProject.Party("430300", "430300-JTJ")),
                List.of(new NewProject.Step("开工", MilestoneKind.START, LocalDate.of(2024, 3, 31), LocalDate.of(2024, 3, 20)),
                        new NewProject.Step("主线贯通", MilestoneKind.OTHER, LocalDate.of(2026, 12, 31), null),
                        new NewProject.Step("建成通车", MilestoneKind.OPEN, LocalDate.of(2099, 6, 30), null)),
                List.of()));
    }

    @Test
    void theJointOfficeRegistersAProjectThroughThePage() throws Exception {
        long linked = item("JT");
        String page = mvc.perform(get("/projects/new").session(officeSession)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("登记重大项目").contains("长沙市交通运输局").contains("name=\"msName\"").contains(tag + "-JT");

        mvc.perform(form(post("/projects"), tag + "-N", "测试登记干道" + tag, "ROAD", "125,000.5", "430100-JTJ", "", "430300-JTJ",
                new String[][] {{"开工", "START", "2025-01-31", "2025-02-10"}, {}, {"建成通车", "OPEN", "2028-06-30", ""}},
                String.valueOf(linked)))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrlPattern("/projects/*"))
                .andExpect(flash().attribute("flash", Matchers.containsString(tag + "-N")));

        Project p = byCode(tag + "-N");
        assertThat(p).isNotNull();
        assertThat(p.name()).isEqualTo("测试登记干道" + tag);
        assertThat(p.type()).isEqualTo(ProjectType.ROAD);
        assertThat(p.landmark()).isFalse();
        assertThat(p.plannedInvestment()).isEqualByComparingTo("125000.5");
        assertThat(p.description()).isEqualTo("测试简介");
        assertThat(p.cities()).extracting(ProjectCity::departmentCode).containsExactly("430100-JTJ", "430300-JTJ");
        assertThat(p.milestones()).extracting(ProjectMilestone::name).containsExactly("开工", "建成通车");
        assertThat(p.milestones().get(0).actualDate()).isEqualTo(LocalDate.of(2025, 2, 10));
        assertThat(p.cooperationItemIds()).containsExactly(linked);
        assertThat(p.status()).isEqualTo(ProjectStatus.UNDER_WAY);
    }

    @Test
    void aBrokenRuleBringsTheFormBackWithEveryValueAndTheMessageNextToTheField() throws Exception {
        String page = mvc.perform(form(post("/projects"), tag + "-E", "测试出错项目" + tag, "", "十二万", "430100-JTJ", "430200-JTJ", "",
                new String[][] {{"开工", "START", "2025-01-31", ""}, {}, {"只填了名称" + tag, "", "", ""}, {"未来节点", "OTHER", "2026-05-01", "2099-01-01"}}))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(byCode(tag + "-E")).isNull();
        // every value typed comes back
        assertThat(page).contains("value=\"" + tag + "-E\"").contains("value=\"测试出错项目" + tag + "\"").contains("value=\"十二万\"")
                .contains("value=\"只填了名称" + tag + "\"").contains("value=\"2099-01-01\"").contains("测试简介")
                .contains("value=\"测试备注\"");
        assertThat(page).containsPattern("<option value=\"430200-JTJ\"\\s+selected=\"selected\"");
        // each message next to its field, the milestone ones on their own rows (the blank row 2 is counted)
        assertThat(page).contains("id=\"type-err\">请选择项目类型")
                .contains("id=\"planned-err\">计划总投资应为数字")
                .contains("id=\"ms-err-2\">里程碑须有名称、类型和计划日期")
                .contains("id=\"ms-err-3\">里程碑“未来节点”的实际日期不能晚于今天")
                .doesNotContain("id=\"ms-err-0\"").doesNotContain("id=\"ms-err-1\"");

        // a code already in use is named next to the code
        long existing = road();
        String dup = mvc.perform(form(post("/projects"), tag + "-R", "测试重复编号" + tag, "RAIL", "1000", "430100-JTJ", "", "",
                new String[][] {})).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(dup).contains("id=\"code-err\">项目编号 " + tag + "-R 已被使用").contains("value=\"测试重复编号" + tag + "\"");
        assertThat(projects.find(existing).orElseThrow().name()).isEqualTo("测试干道" + tag);

        // no city at all
        String none = mvc.perform(form(post("/projects"), tag + "-C", "测试无城市" + tag, "RAIL", "1000", "", "", "",
                new String[][] {})).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(none).contains("id=\"cities-err\">请至少选择一个涉及城市及其责任单位");
    }

    @Test
    void theJointOfficeEditsAProjectAndItsReportsStayUntouched() throws Exception {
        long id = road();
        Project before = projects.find(id).orElseThrow();
        CurrentUser xt = accounts.findByUsername(xtJt).orElseThrow();
        projects.submitReport(xt, id, new Projects.ReportInput("2025-06", "3000", "测试"));
        long linked = item("JE");

        String page = mvc.perform(get("/projects/{id}/edit", id).session(officeSession)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("编辑项目").contains("value=\"" + tag + "-R\"").contains("value=\"测试干道" + tag + "\"")
                .contains("value=\"主线贯通\"").contains("value=\"2024-03-20\"").contains("value=\"80000\"")
                .containsPattern("<option value=\"430100-JTJ\"\\s+selected=\"selected\"");

        // rename, planned up, 长沙 → its 发改委-like other department replaced by 株洲, the middle milestone dropped
        String zzDept = projectsDept("430200");
        mvc.perform(form(post("/projects/{id}", id), tag + "-R", "测试干道（改）" + tag, "ROAD", "90000", "", zzDept, "430300-JTJ",
                new String[][] {{"开工", "START", "2024-03-31", "2024-03-20"}, {"建成通车", "OPEN", "2029-06-30", ""}},
                String.valueOf(linked)).param("landmark", "true"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/projects/" + id))
                .andExpect(flash().attributeExists("flash"));

        Project after = projects.find(id).orElseThrow();
        assertThat(after.name()).isEqualTo("测试干道（改）" + tag);
        assertThat(after.landmark()).isTrue();
        assertThat(after.plannedInvestment()).isEqualByComparingTo("90000");
        assertThat(after.cities()).extracting(ProjectCity::cityCode).containsExactly("430200", "430300");
        assertThat(after.milestones()).extracting(ProjectMilestone::name).containsExactly("开工", "建成通车");
        assertThat(after.milestones().get(0).id()).isEqualTo(before.milestones().get(0).id());
        assertThat(after.milestones().get(1).plannedDate()).isEqualTo(LocalDate.of(2029, 6, 30));
        assertThat(after.cooperationItemIds()).containsExactly(linked);
        assertThat(after.invested()).isEqualByComparingTo("3000");
        assertThat(projects.reports(officeUser, id)).singleElement().satisfies(r -> {
            assertThat(r.cityCode()).isEqualTo("430300");
            assertThat(r.amount()).isEqualByComparingTo("3000");
        });
        assertThat(jdbc.sql("SELECT COUNT(*) FROM idn_operation_log WHERE action = '修改重大项目' AND target = :s")
                .param("s", tag + "-R").query(Integer.class).single()).isEqualTo(1);

        // 湘潭 has reported: it cannot be removed, and the form says so with the values kept
        String refused = mvc.perform(form(post("/projects/{id}", id), tag + "-R", "测试干道（再改）" + tag, "ROAD", "90000", "", zzDept, "",
                new String[][] {{"开工", "START", "2024-03-31", "2024-03-20"}})).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("id=\"cities-err\">湘潭已有 1 条月度投资报送，不能从涉及城市中移除")
                .contains("value=\"测试干道（再改）" + tag + "\"");
        assertThat(projects.find(id).orElseThrow().name()).isEqualTo("测试干道（改）" + tag);
    }

    /** A department of the city other than its 交通运输局, to show the choice is any of the city's departments. */
    String projectsDept(String city) {
        return jdbc.sql("SELECT code FROM reg_department WHERE city_code = :c AND code <> :j ORDER BY code")
                .param("c", city).param("j", city + "-JTJ").query(String.class).list().get(0);
    }

    @Test
    void cityStaffGet403OnTheFormsAndSeeNoButtons() throws Exception {
        long id = road();
        MockHttpSession staff = TestAccounts.login(mvc, xtJt);
        mvc.perform(get("/projects/new").session(staff)).andExpect(status().isForbidden());
        mvc.perform(get("/projects/{id}/edit", id).session(staff)).andExpect(status().isForbidden());
        mvc.perform(form(post("/projects"), tag + "-X", "测试越权" + tag, "ROAD", "1000", "430100-JTJ", "", "", new String[][] {})
                .session(staff)).andExpect(status().isForbidden());
        mvc.perform(form(post("/projects/{id}", id), tag + "-R", "测试越权" + tag, "ROAD", "1000", "430100-JTJ", "", "", new String[][] {})
                .session(staff)).andExpect(status().isForbidden());
        assertThat(byCode(tag + "-X")).isNull();
        assertThat(projects.find(id).orElseThrow().name()).isEqualTo("测试干道" + tag);

        assertThat(mvc.perform(get("/projects").session(staff)).andReturn().getResponse().getContentAsString()).doesNotContain("id=\"project-new\"");
        assertThat(mvc.perform(get("/projects/{id}", id).session(staff)).andReturn().getResponse().getContentAsString()).doesNotContain("id=\"project-edit\"");
        assertThat(mvc.perform(get("/projects").session(officeSession)).andReturn().getResponse().getContentAsString()).contains("id=\"project-new\"");
        assertThat(mvc.perform(get("/projects/{id}", id).session(officeSession)).andReturn().getResponse().getContentAsString())
                .contains("/projects/" + id + "/edit");
    }

    @Test
    void theApiUpdatesAProjectWithTheSameRules() throws Exception {
        long id = road();
        projects.submitReport(accounts.findByUsername(xtJt).orElseThrow(), id, new Projects.ReportInput("2025-06", "500", null));
        String body = """
                {"code":"%s","name":"%s","type":"RAIL","landmark":true,"plannedInvestment":150000,
                 "cities":[%s],
                 "milestones":[{"name":"开工","kind":"START","plannedDate":"2024-03-31","actualDate":"2024-03-20"}]}""";
        String both = "{\"cityCode\":\"430300\",\"departmentCode\":\"430300-JTJ\"},{\"cityCode\":\"430100\",\"departmentCode\":\"430100-JTJ\"}";
        mvc.perform(put("/api/v1/projects/{id}", id).with(httpBasic(office, TestAccounts.PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                .content(body.formatted(tag + "-R", "测试接口修改" + tag, both)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.name").value("测试接口修改" + tag))
                .andExpect(jsonPath("$.type").value("RAIL")).andExpect(jsonPath("$.landmark").value(true))
                .andExpect(jsonPath("$.cities[0].cityCode").value("430300")).andExpect(jsonPath("$.milestones.length()").value(1))
                .andExpect(jsonPath("$.invested").value(500));

        String onlyCs = "{\"cityCode\":\"430100\",\"departmentCode\":\"430100-JTJ\"}";
        mvc.perform(put("/api/v1/projects/{id}", id).with(httpBasic(office, TestAccounts.PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                .content(body.formatted(tag + "-R", "测试接口修改" + tag, onlyCs)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("cities"))
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("湘潭已有 1 条月度投资报送")));

        long other = projects.create(officeUser, new NewProject(tag + "-O", "测试另一项目" + tag, ProjectType.OTHER, false,
                BigDecimal.TEN, null, null, List.of(new NewProject.Party("430100", "430100-JTJ")), List.of(), List.of()));
        mvc.perform(put("/api/v1/projects/{id}", other).with(httpBasic(office, TestAccounts.PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                .content(body.formatted(tag + "-R", "测试编号冲突" + tag, onlyCs)))
                .andExpect(status().isConflict());

        mvc.perform(put("/api/v1/projects/{id}", id).with(httpBasic(xtJt, TestAccounts.PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                .content(body.formatted(tag + "-R", "测试越权" + tag, both)))
                .andExpect(status().isForbidden());
        mvc.perform(put("/api/v1/projects/{id}", 999_999_999L).with(httpBasic(office, TestAccounts.PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                .content(body.formatted(tag + "-Z", "测试不存在" + tag, both)))
                .andExpect(status().isNotFound());
        assertThat(projects.find(id).orElseThrow().name()).isEqualTo("测试接口修改" + tag);
        assertThat(projects.find(other).orElseThrow().name()).isEqualTo("测试另一项目" + tag);
    }
}
