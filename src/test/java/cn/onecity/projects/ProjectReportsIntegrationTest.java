package cn.onecity.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.concurrent.ThreadLocalRandom;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.NewAccount;
import cn.onecity.identity.Role;
import cn.onecity.identity.TestAccounts;
import cn.onecity.services.ServicesIntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Monthly investment reports through the API: who may report (the responsible department of an involved city, for
 * its own city only), what is refused (future months, negative or absurd amounts) with problem+json naming the
 * field, corrections that replace a month with the old figures kept, and the roll-up and 驾驶舱 figures that follow.
 */
@ServicesIntegrationTest
class ProjectReportsIntegrationTest {

    static final String PW = TestAccounts.PASSWORD;

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired JdbcClient jdbc;
    @Autowired JsonMapper json;
    @Autowired Projects projects;

    String office;
    String csJt;
    String xtJt;
    String zzJt;
    String csOther;
    String tag;
    long road;

    @BeforeEach
    void setUp() throws Exception {
        tag = "T" + ThreadLocalRandom.current().nextInt(10_000_000, 100_000_000);
        office = TestAccounts.create(accounts, Role.JOINT_OFFICE);
        csJt = staff("长沙市交通运输局");
        xtJt = staff("湘潭市交通运输局");
        zzJt = staff("株洲市交通运输局");
        csOther = staff("长沙市行政审批服务局");
        road = create(tag + "-R1", "测试融城干道" + tag, "ROAD", "430100-JTJ", "430300-JTJ");
    }

    String staff(String organisation) {
        String username = TestAccounts.uniqueUsername(Role.CITY_STAFF);
        accounts.createAccount(new NewAccount(username, "测试交通人员", PW, Role.CITY_STAFF,
                TestAccounts.organisationNamed(accounts, organisation).id(), null));
        return username;
    }

    long create(String code, String name, String type, String dept1, String dept2) throws Exception {
        String body = """
                {"code":"%s","name":"%s","type":"%s","plannedInvestment":200000,
                 "cities":[{"cityCode":"%s","departmentCode":"%s"},{"cityCode":"%s","departmentCode":"%s"}],
                 "milestones":[{"name":"开工","kind":"START","plannedDate":"2024-03-31","actualDate":"2024-03-20"},
                               {"name":"建成通车","kind":"OPEN","plannedDate":"2099-06-30"}]}"""
                .formatted(code, name, type, dept1.substring(0, 6), dept1, dept2.substring(0, 6), dept2);
        String response = mvc.perform(post("/api/v1/projects").with(httpBasic(office, PW)).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(response).get("id").asLong();
    }

    ResultActions report(String user, long project, String month, Object amount) throws Exception {
        String a = amount instanceof String s ? "\"" + s + "\"" : String.valueOf(amount);
        return mvc.perform(post("/api/v1/projects/{id}/reports", project).with(httpBasic(user, PW)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"month\":\"" + month + "\",\"amount\":" + a + ",\"note\":\"测试报送\"}"));
    }

    static String lastMonth() {
        return YearMonth.now(cn.onecity.shared.Times.ZONE).minusMonths(1).toString();
    }

    JsonNode totals(String q) throws Exception {
        return json.readTree(mvc.perform(get("/api/v1/projects/totals").param("q", q).with(httpBasic(office, PW)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    @Test
    void theResponsibleDepartmentOfAnInvolvedCityReportsItsOwnShare() throws Exception {
        report(csJt, road, lastMonth(), 1250.5).andExpect(status().isCreated())
                .andExpect(jsonPath("$.cityCode").value("430100")).andExpect(jsonPath("$.amount").value(1250.5))
                .andExpect(jsonPath("$.revision").value(1));
        report(xtJt, road, lastMonth(), "800").andExpect(status().isCreated()).andExpect(jsonPath("$.cityCode").value("430300"));
        Project p = projects.find(road).orElseThrow();
        assertThat(p.invested()).isEqualByComparingTo("2050.5");
        assertThat(p.status()).isEqualTo(ProjectStatus.UNDER_WAY);
        assertThat(p.cities()).extracting(c -> c.invested().toPlainString()).containsExactly("1250.50", "800.00");
    }

    @Test
    void anotherCitysStaffANonInvolvedCityAnotherDepartmentAndTheJointOfficeAreRefused() throws Exception {
        report(zzJt, road, lastMonth(), 100).andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("本项目不涉及株洲")));
        report(csOther, road, lastMonth(), 100).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("责任单位为长沙市交通运输局")));
        report(office, road, lastMonth(), 100).andExpect(status().isForbidden());
        // 湘潭 staff cannot report 长沙's share: the city is always the reporter's own
        report(xtJt, road, lastMonth(), 100).andExpect(status().isCreated()).andExpect(jsonPath("$.cityCode").value("430300"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM prj_report WHERE project_id = :p AND city_code = '430100'").param("p", road)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void badMonthsAndAmountsAreRefusedWithTheFieldNamed() throws Exception {
        String next = YearMonth.now(cn.onecity.shared.Times.ZONE).plusMonths(1).toString();
        report(csJt, road, next, 100).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("month"))
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("不能报送未来月份")));
        report(csJt, road, "2026/05", 100).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value("报送月份格式应为 YYYY-MM，如 2026-05"));
        report(csJt, road, lastMonth(), -5).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("amount"))
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("不能为负数")));
        report(csJt, road, lastMonth(), 5_000_000).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("amount"))
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("超出合理范围")));
        report(csJt, road, lastMonth(), 300000).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("超过项目计划总投资")));
        report(csJt, road, lastMonth(), "12.345").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("两位小数")));
        report(csJt, road, lastMonth(), "一千").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("应为数字")));
        // both fields wrong: both named
        report(csJt, road, "", "").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(Matchers.containsInAnyOrder("month", "amount")));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM prj_report WHERE project_id = :p").param("p", road).query(Integer.class).single()).isZero();
        // zero is a legitimate month without construction
        report(csJt, road, lastMonth(), 0).andExpect(status().isCreated());
    }

    @Test
    void aSecondReportForTheSameMonthIsACorrectionThatKeepsTheOldFiguresAndIsAudited() throws Exception {
        report(csJt, road, lastMonth(), 1000).andExpect(status().isCreated());
        report(csJt, road, lastMonth(), 900).andExpect(status().isOk())
                .andExpect(jsonPath("$.amount").value(900)).andExpect(jsonPath("$.revision").value(2));
        assertThat(projects.find(road).orElseThrow().invested()).isEqualByComparingTo("900");
        assertThat(jdbc.sql("""
                SELECT v.amount FROM prj_report_revision v JOIN prj_report r ON r.id = v.report_id WHERE r.project_id = :p""")
                .param("p", road).query(BigDecimal.class).list()).singleElement().satisfies(a -> assertThat(a).isEqualByComparingTo("1000"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM idn_operation_log WHERE action = '更正月度投资' AND target LIKE :t AND operator = :u")
                .param("t", tag + "-R1%").param("u", csJt).query(Integer.class).single()).isEqualTo(1);
        mvc.perform(get("/api/v1/projects/{id}/reports", road).with(httpBasic(office, PW))).andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1)).andExpect(jsonPath("$[0].reportedBy").value(csJt));
    }

    @Test
    void theInvestmentRollUpSumsTheReportsPerProjectCityAndType() throws Exception {
        long road2 = create(tag + "-R2", "测试融城干道二" + tag, "ROAD", "430300-JTJ", "430200-JTJ");
        long park = create(tag + "-P1", "测试产业园" + tag, "INDUSTRY", "430100-JTJ", "430200-JTJ");
        report(csJt, road, "2025-01", 1000).andExpect(status().isCreated());
        report(csJt, road, "2025-02", 1500).andExpect(status().isCreated());
        report(xtJt, road, "2025-01", 500).andExpect(status().isCreated());
        report(xtJt, road2, "2025-01", 2000).andExpect(status().isCreated());
        report(zzJt, road2, "2025-03", 250.25).andExpect(status().isCreated());
        report(csJt, park, "2025-03", 400).andExpect(status().isCreated());
        report(zzJt, park, "2025-03", 100).andExpect(status().isCreated());

        JsonNode all = totals(tag);
        assertThat(all.get("projects").asInt()).isEqualTo(3);
        assertThat(all.get("invested").decimalValue()).isEqualByComparingTo("5750.25");
        assertThat(all.get("byCity").toString()).contains("\"label\":\"长沙\",\"projects\":2,\"invested\":2900")
                .contains("\"label\":\"株洲\",\"projects\":2,\"invested\":350.25")
                .contains("\"label\":\"湘潭\",\"projects\":2,\"invested\":2500");
        assertThat(all.get("byType").toString()).contains("\"label\":\"融城干道\",\"projects\":2,\"invested\":5250.25")
                .contains("\"label\":\"产业\",\"projects\":1,\"invested\":500");
        JsonNode roads = json.readTree(mvc.perform(get("/api/v1/projects/totals").param("q", tag).param("type", "融城干道")
                .with(httpBasic(office, PW))).andReturn().getResponse().getContentAsString());
        assertThat(roads.get("invested").decimalValue()).isEqualByComparingTo("5250.25");
        // the month-by-month series of one project adds up to its total
        mvc.perform(get("/api/v1/projects/{id}", road).with(httpBasic(csJt, PW))).andExpect(status().isOk())
                .andExpect(jsonPath("$.project.invested").value(3000))
                .andExpect(jsonPath("$.months.length()").value(2))
                .andExpect(jsonPath("$.months[1].cumulative").value(3000));
    }

    @Test
    void theDashboardsRoadTotalRisesByAReportedAmount() throws Exception {
        JsonNode before = json.readTree(mvc.perform(get("/api/v1/dashboard/projects")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
        report(csJt, road, lastMonth(), 12345).andExpect(status().isCreated());
        JsonNode after = json.readTree(mvc.perform(get("/api/v1/dashboard/projects")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
        assertThat(after.get("roadsInvestedWan").decimalValue().subtract(before.get("roadsInvestedWan").decimalValue()))
                .isEqualByComparingTo("12345");
        assertThat(after.get("roads").asInt()).isEqualTo(before.get("roads").asInt());
    }

    @Test
    void onlyTheJointOfficeRegistersProjectsAndBadRegistrationsNameTheField() throws Exception {
        mvc.perform(post("/api/v1/projects").with(httpBasic(csJt, PW)).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/projects").with(httpBasic(office, PW)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"code\":\"" + tag + "-X\",\"name\":\"x\",\"type\":\"ROAD\",\"plannedInvestment\":-1,"
                        + "\"cities\":[{\"cityCode\":\"430100\",\"departmentCode\":\"430300-JTJ\"}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(Matchers.containsInAnyOrder("plannedInvestment", "cities")));
        mvc.perform(post("/api/v1/projects").with(httpBasic(office, PW)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"code\":\"" + tag + "-R1\",\"name\":\"重复\",\"type\":\"ROAD\",\"plannedInvestment\":1,"
                        + "\"cities\":[{\"cityCode\":\"430100\",\"departmentCode\":\"430100-JTJ\"}]}"))
                .andExpect(status().isConflict());
    }

    @Test
    void aMilestoneReachedMakesTheRoadOpenAndFutureDatesAreRefused() throws Exception {
        Project p = projects.find(road).orElseThrow();
        long open = p.milestones().get(1).id();
        LocalDate tomorrow = projects.today().plusDays(1);
        mvc.perform(post("/api/v1/projects/{id}/milestones/{m}", road, open).with(httpBasic(csJt, PW))
                .contentType(MediaType.APPLICATION_JSON).content("{\"actualDate\":\"" + tomorrow + "\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("actualDate"));
        mvc.perform(post("/api/v1/projects/{id}/milestones/{m}", road, open).with(httpBasic(zzJt, PW))
                .contentType(MediaType.APPLICATION_JSON).content("{\"actualDate\":\"" + projects.today() + "\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/projects/{id}/milestones/{m}", road, open).with(httpBasic(csJt, PW))
                .contentType(MediaType.APPLICATION_JSON).content("{\"actualDate\":\"" + projects.today() + "\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("DONE"));
        assertThat(projects.find(road).orElseThrow().statusLabel()).isEqualTo("已通车");
    }

    @Test
    void theReportFormShowsFieldErrorsAndSavesAValidReport() throws Exception {
        var session = TestAccounts.login(mvc, csJt);
        mvc.perform(get("/projects/{id}", road).session(session)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("报送长沙月度完成投资")));
        mvc.perform(post("/projects/{id}/reports", road).session(session).with(csrf())
                .param("month", lastMonth()).param("amount", "-1").param("note", ""))
                .andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
                        .attribute("errors", Matchers.hasKey("amount")));
        mvc.perform(post("/projects/{id}/reports", road).session(session).with(csrf())
                .param("month", lastMonth()).param("amount", "321").param("note", "页面报送"))
                .andExpect(status().is3xxRedirection());
        assertThat(projects.find(road).orElseThrow().invested()).isEqualByComparingTo("321");
        // a city not involved sees the project but no form
        var zz = TestAccounts.login(mvc, zzJt);
        mvc.perform(get("/projects/{id}", road).session(zz)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"report-submit\""))));
    }
}
