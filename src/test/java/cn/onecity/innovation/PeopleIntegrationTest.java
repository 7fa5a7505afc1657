package cn.onecity.innovation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.OrganisationKind;
import cn.onecity.identity.Role;
import cn.onecity.identity.TestAccounts;
import cn.onecity.shared.ConflictException;
import cn.onecity.shared.ForbiddenException;

/**
 * The joint office and the admin register and remove technology brokers and review experts: existing INSTITUTION
 * accounts only, once each, never a result publisher as broker, nothing removed that deals or scores refer to.
 */
@cn.onecity.services.ServicesIntegrationTest
class PeopleIntegrationTest {

    static final String PW = InvTestData.PASSWORD;

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired Brokerage brokerage;
    @Autowired Challenges challenges;
    @Autowired Results results;
    @Autowired Demands demands;
    @Autowired JdbcClient jdbc;

    InvTestData data;
    CurrentUser office;
    CurrentUser candidate;
    long market;
    long alliance;

    @BeforeEach
    void setUp() {
        data = new InvTestData(accounts);
        office = data.jointOffice();
        candidate = data.institution("430200");
        market = brokerage.addServiceOrg(Brokerage.ServiceOrgKind.MARKET, InvTestData.unique("测试大市场"), "430100",
                null, null, "测试");
        alliance = brokerage.addServiceOrg(Brokerage.ServiceOrgKind.ALLIANCE_UNIVERSITY, InvTestData.unique("测试联盟高校"),
                "430100", null, null, "测试");
    }

    ResultActions postBroker(String user, String username, String name, Object serviceOrgId) throws Exception {
        String org = serviceOrgId == null ? "null" : serviceOrgId.toString();
        return mvc.perform(post("/api/v1/innovation/brokers").with(httpBasic(user, PW)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":%s,\"name\":%s,\"serviceOrgId\":%s}".formatted(quote(username), quote(name), org)));
    }

    ResultActions postExpert(String user, String username, String name, String speciality) throws Exception {
        return mvc.perform(post("/api/v1/innovation/experts").with(httpBasic(user, PW)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":%s,\"name\":%s,\"speciality\":%s}".formatted(quote(username), quote(name),
                        quote(speciality))));
    }

    static String quote(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    boolean isBroker(CurrentUser u) {
        return brokerage.isBroker(u);
    }

    boolean isExpert(CurrentUser u) {
        return challenges.expert(u).isPresent();
    }

    long audited(String action, CurrentUser target) {
        return jdbc.sql("SELECT COUNT(*) FROM idn_operation_log WHERE module = 'innovation' AND action = :a AND target LIKE :t")
                .param("a", action).param("t", "%（" + target.username() + "）").query(Long.class).single();
    }

    // ---- registering -------------------------------------------------------------------------------------------

    @Test
    void theJointOfficeRegistersABrokerWhoIsListedAndAudited() throws Exception {
        String name = InvTestData.unique("经纪人");
        postBroker(office.username(), candidate.username(), name, market).andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value(candidate.accountId()));
        assertThat(isBroker(candidate)).isTrue();
        mvc.perform(get("/api/v1/innovation/brokers").with(httpBasic(office.username(), PW))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.accountId == %d)].username".formatted(candidate.accountId())).value(hasItem(candidate.username())))
                .andExpect(jsonPath("$[?(@.accountId == %d)].name".formatted(candidate.accountId())).value(hasItem(name)))
                .andExpect(jsonPath("$[?(@.accountId == %d)].serviceOrgId".formatted(candidate.accountId())).value(hasItem((int) market)));
        assertThat(audited("登记技术经纪人", candidate)).isEqualTo(1);
        // the existing rule holds: a broker does not publish results
        assertThatThrownBy(() -> results.publish(accounts.find(candidate.accountId()).orElseThrow(), new Results.Draft(
                InvTestData.unique("成果"), "新材料", "", 5, "", "TRANSFER", BigDecimal.TEN, "说明")))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void theAdminRegistersAnExpertOfTheAccountsOwnOrganisation() throws Exception {
        String admin = TestAccounts.create(accounts, Role.ADMIN);
        String name = InvTestData.unique("专家");
        postExpert(admin, "  " + candidate.username().toUpperCase() + " ", name, "电机").andExpect(status().isCreated());
        Challenges.Expert e = challenges.expert(candidate).orElseThrow();
        assertThat(e.organisationId()).isEqualTo(candidate.organisationId());
        assertThat(e.name()).isEqualTo(name);
        mvc.perform(get("/api/v1/innovation/experts").with(httpBasic(admin, PW))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.accountId == %d)].organisationName".formatted(candidate.accountId()))
                        .value(hasItem(candidate.organisationName())))
                .andExpect(jsonPath("$[?(@.accountId == %d)].speciality".formatted(candidate.accountId())).value(hasItem("电机")));
        assertThat(audited("登记评审专家", candidate)).isEqualTo(1);
    }

    @Test
    void anUnknownUsernameIsRefusedNamingTheField() throws Exception {
        String ghost = TestAccounts.uniqueUsername(Role.INSTITUTION);
        postBroker(office.username(), ghost, "某经纪人", market).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("username"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("不存在")));
        postExpert(office.username(), ghost, "某专家", "材料").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("username"));
        postExpert(office.username(), "", "某专家", "材料").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("username"));
    }

    @Test
    void anAccountThatIsNotAnInstitutionIsRefused() throws Exception {
        CurrentUser enterprise = data.enterprise("430100");
        postBroker(office.username(), enterprise.username(), "企业经纪人", market).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("username"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("高校院所")));
        postExpert(office.username(), enterprise.username(), "企业专家", "材料").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("username"));
        assertThat(isBroker(enterprise)).isFalse();
        assertThat(isExpert(enterprise)).isFalse();
    }

    @Test
    void registeringTwiceIsAConflictAndKeepsTheFirstRecord() throws Exception {
        postBroker(office.username(), candidate.username(), "第一次", market).andExpect(status().isCreated());
        postBroker(office.username(), candidate.username(), "第二次", market).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("已登记为技术经纪人")));
        postExpert(office.username(), candidate.username(), "专家第一次", "材料").andExpect(status().isCreated());
        postExpert(office.username(), candidate.username(), "专家第二次", "材料").andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("已登记为评审专家")));
        assertThat(brokerage.brokers(office)).filteredOn(b -> b.accountId() == candidate.accountId())
                .extracting(Brokerage.Broker::name).containsExactly("第一次");
        assertThat(challenges.expert(candidate).orElseThrow().name()).isEqualTo("专家第一次");
    }

    @Test
    void anAccountThatHasPublishedResultsCannotBecomeABroker() throws Exception {
        results.publish(candidate, new Results.Draft(InvTestData.unique("已发布成果"), "新材料", "", 6, "", "TRANSFER",
                BigDecimal.TEN, "说明"));
        postBroker(office.username(), candidate.username(), "成果方经纪人", market).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("username"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("已发布科技成果")));
        assertThat(isBroker(candidate)).isFalse();
    }

    @Test
    void blankOrOverLongNamesAndAWrongServiceOrganisationAreRefusedAndNothingIsSaved() throws Exception {
        postBroker(office.username(), candidate.username(), "  ", market).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field == 'name')].message").value(hasItem("请填写经纪人姓名")));
        postBroker(office.username(), candidate.username(), "长".repeat(101), market).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field == 'name')].message").value(hasItem("经纪人姓名不能超过 100 字")));
        postBroker(office.username(), candidate.username(), "经纪人", alliance).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("serviceOrgId"));
        postBroker(office.username(), candidate.username(), "经纪人", null).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("serviceOrgId"));
        postBroker(office.username(), candidate.username(), "经纪人", 999_999_999L).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("serviceOrgId"));
        postExpert(office.username(), candidate.username(), "", "材料").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("name"));
        postExpert(office.username(), candidate.username(), "专家", "领".repeat(201)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("speciality"));
        assertThat(isBroker(candidate)).isFalse();
        assertThat(isExpert(candidate)).isFalse();
        assertThat(audited("登记技术经纪人", candidate) + audited("登记评审专家", candidate)).isZero();
    }

    @Test
    void onlyTheJointOfficeAndTheAdminManagePeople() throws Exception {
        CurrentUser institution = data.institution("430100");
        CurrentUser kjj = data.kjj("430100");
        for (CurrentUser other : new CurrentUser[] {institution, kjj}) {
            postBroker(other.username(), candidate.username(), "经纪人", market).andExpect(status().isForbidden());
            postExpert(other.username(), candidate.username(), "专家", "材料").andExpect(status().isForbidden());
            mvc.perform(get("/api/v1/innovation/brokers").with(httpBasic(other.username(), PW))).andExpect(status().isForbidden());
            mvc.perform(get("/api/v1/innovation/experts").with(httpBasic(other.username(), PW))).andExpect(status().isForbidden());
            MockHttpSession session = TestAccounts.login(mvc, other.username());
            mvc.perform(get("/innovation/people").session(session)).andExpect(status().isForbidden());
            mvc.perform(get("/innovation").session(session)).andExpect(status().isOk())
                    .andExpect(content().string(not(containsString("/innovation/people"))));
        }
        assertThatThrownBy(() -> brokerage.registerBroker(institution, candidate.username(), "经纪人", market))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> challenges.registerExpert(null, candidate.username(), "专家", "材料"))
                .isInstanceOf(ForbiddenException.class);
        assertThat(isBroker(candidate)).isFalse();
        assertThat(isExpert(candidate)).isFalse();
        mvc.perform(get("/innovation/people")).andExpect(status().is3xxRedirection());
    }

    // ---- removing ----------------------------------------------------------------------------------------------

    @Test
    void aBrokerWithoutDealsIsRemovedAndOneWithDealsIsKept() throws Exception {
        brokerage.registerBroker(office, candidate.username(), "无对接经纪人", market);
        mvc.perform(delete("/api/v1/innovation/brokers/{id}", candidate.accountId()).with(httpBasic(office.username(), PW)))
                .andExpect(status().isNoContent());
        assertThat(isBroker(candidate)).isFalse();
        assertThat(audited("移除技术经纪人", candidate)).isEqualTo(1);

        CurrentUser busy = data.inNewOrganisation(Role.INSTITUTION, OrganisationKind.INSTITUTION, InvTestData.unique("服务机构"), "430100");
        brokerage.registerBroker(office, busy.username(), "有对接经纪人", market);
        CurrentUser owner = data.institution("430100");
        long result = results.publish(owner, new Results.Draft(InvTestData.unique("成果"), "新材料", "", 7, "", "TRANSFER",
                BigDecimal.TEN, "说明"));
        long demand = demands.post(data.enterprise("430300"), new Demands.Draft(InvTestData.unique("需求"), "说明", "新材料",
                BigDecimal.TEN));
        brokerage.take(busy, result, demand, "洽谈");
        mvc.perform(delete("/api/v1/innovation/brokers/{id}", busy.accountId()).with(httpBasic(office.username(), PW)))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.detail").value(containsString("不能移除")));
        assertThat(isBroker(busy)).isTrue();
        assertThatThrownBy(() -> brokerage.removeBroker(busy, busy.accountId())).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void anExpertWithoutScoresIsRemovedAndOneWithScoresIsKept() throws Exception {
        challenges.registerExpert(office, candidate.username(), "未评分专家", "材料");
        mvc.perform(delete("/api/v1/innovation/experts/{id}", candidate.accountId()).with(httpBasic(office.username(), PW)))
                .andExpect(status().isNoContent());
        assertThat(isExpert(candidate)).isFalse();

        CurrentUser scorer = data.institution("430300");
        challenges.registerExpert(office, scorer.username(), "已评分专家", "机械");
        long challenge = challenges.publish(office, new Challenges.Draft(InvTestData.unique("榜单"), "难题", "指标",
                BigDecimal.TEN, "2099-01-01", "条件"));
        CurrentUser team = data.institution("430100");
        challenges.apply(team, challenge, "团队", "方案");
        challenges.startReview(office, challenge);
        challenges.score(scorer, challenges.proposals(challenge).get(0).id(), 80, "好");
        assertThatThrownBy(() -> challenges.removeExpert(office, scorer.accountId())).isInstanceOf(ConflictException.class)
                .hasMessageContaining("已评分");
        mvc.perform(delete("/api/v1/innovation/experts/{id}", scorer.accountId()).with(httpBasic(office.username(), PW)))
                .andExpect(status().isConflict());
        assertThat(isExpert(scorer)).isTrue();
    }

    // ---- the page ----------------------------------------------------------------------------------------------

    @Test
    void thePageListsRegistersAndKeepsTheValuesOfAFormWithErrors() throws Exception {
        MockHttpSession session = TestAccounts.login(mvc, office.username());
        String name = InvTestData.unique("页面经纪人");
        // a form with an error shows the message and keeps what was typed
        mvc.perform(post("/innovation/people/brokers").session(session).with(csrf()).param("username", candidate.username())
                        .param("name", name).param("serviceOrgId", String.valueOf(alliance)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("技术经纪人须登记在技术转移转化基地")))
                .andExpect(content().string(containsString("value=\"" + candidate.username() + "\"")))
                .andExpect(content().string(containsString("value=\"" + name + "\"")));
        mvc.perform(post("/innovation/people/experts").session(session).with(csrf()).param("username", candidate.username())
                        .param("name", "").param("speciality", "新能源材料"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("请填写专家姓名")))
                .andExpect(content().string(containsString("value=\"新能源材料\"")));
        assertThat(isBroker(candidate)).isFalse();
        // then both registrations succeed and the page lists them
        mvc.perform(post("/innovation/people/brokers").session(session).with(csrf()).param("username", candidate.username())
                        .param("name", name).param("serviceOrgId", String.valueOf(market)))
                .andExpect(redirectedUrl("/innovation/people")).andExpect(flash().attribute("flash", containsString(name)));
        String expertName = InvTestData.unique("页面专家");
        mvc.perform(post("/innovation/people/experts").session(session).with(csrf()).param("username", candidate.username())
                        .param("name", expertName).param("speciality", "新能源材料"))
                .andExpect(redirectedUrl("/innovation/people"));
        mvc.perform(get("/innovation/people").session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("<h1 class=\"h3\">技术经纪人与评审专家</h1>")))
                .andExpect(content().string(containsString("href=\"/innovation/people\"")))
                .andExpect(content().string(containsString(name)))
                .andExpect(content().string(containsString(expertName)))
                .andExpect(content().string(containsString(candidate.username())))
                .andExpect(content().string(containsString(candidate.organisationName())))
                .andExpect(content().string(not(containsString(">" + brokerage.serviceOrgs(Brokerage.ServiceOrgKind.ALLIANCE_UNIVERSITY)
                        .stream().filter(o -> o.id() == alliance).findFirst().orElseThrow().name() + "（"))));
        // removing through the page
        mvc.perform(post("/innovation/people/experts/{id}/remove", candidate.accountId()).session(session).with(csrf()))
                .andExpect(redirectedUrl("/innovation/people"));
        assertThat(isExpert(candidate)).isFalse();
    }
}
