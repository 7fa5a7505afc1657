package cn.onecity.innovation;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.TestAccounts;

/** The 科技成果转化 pages in Chinese, their forms with server-side errors, the public list and the 驾驶舱 block. */
@cn.onecity.services.ServicesIntegrationTest
class InnovationPagesIntegrationTest {

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired Results results;
    @Autowired Demands demands;
    @Autowired Challenges challenges;

    InvTestData data;

    @BeforeEach
    void setUp() {
        data = new InvTestData(accounts);
    }

    MockHttpSession login(CurrentUser user) throws Exception {
        return TestAccounts.login(mvc, user.username());
    }

    @Test
    void everyPageRendersForASignedInUser() throws Exception {
        CurrentUser institution = data.institution("430100");
        CurrentUser enterprise = data.enterprise("430300");
        String title = InvTestData.unique("页面成果");
        results.publish(institution, new Results.Draft(title, "新材料", "", 6, "", "LICENSE", BigDecimal.TEN, "页面测试"));
        long demand = demands.post(enterprise, new Demands.Draft(InvTestData.unique("页面需求"), title, "新材料", BigDecimal.TEN));
        long challenge = challenges.publish(enterprise, new Challenges.Draft(InvTestData.unique("页面榜单"), "难题", "指标",
                BigDecimal.TEN, "2099-01-01", "条件"));
        MockHttpSession session = login(institution);
        mvc.perform(get("/innovation").session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("需求端、供给端、服务端")));
        mvc.perform(get("/innovation/results").session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString(title))).andExpect(content().string(containsString("发布成果")));
        mvc.perform(get("/innovation/demands").session(session)).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("发布需求并匹配成果"))));
        mvc.perform(get("/innovation/demands/{id}", demand).session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString(title)));
        mvc.perform(get("/innovation/deals").session(session)).andExpect(status().isOk());
        mvc.perform(get("/innovation/challenges/{id}", challenge).session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("提交揭榜方案")));
        mvc.perform(get("/innovation/contracts").session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("技术合同流向")))
                .andExpect(content().string(not(containsString("登记合同"))));
    }

    @Test
    void theChallengeListIsPublicAndOtherPagesAreNot() throws Exception {
        mvc.perform(get("/innovation/challenges")).andExpect(status().isOk())
                .andExpect(content().string(containsString("揭榜挂帅")));
        mvc.perform(get("/innovation/contracts")).andExpect(status().is3xxRedirection());
    }

    @Test
    void theResultFormShowsTheServersErrorsAndKeepsTheInput() throws Exception {
        MockHttpSession session = login(data.institution("430300"));
        mvc.perform(post("/innovation/results").session(session).with(csrf()).param("title", "保留的标题")
                        .param("field", "新材料").param("trl", "12").param("transferMode", "TRANSFER"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("技术成熟度（TRL）应为 1–9 的整数")))
                .andExpect(content().string(containsString("value=\"保留的标题\"")));
        mvc.perform(post("/innovation/results").session(session).with(csrf()).param("title", "价格")
                        .param("field", "新材料").param("trl", "5").param("expectedPrice", "abc"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("预期价格应为数字")));
    }

    @Test
    void aKjjOfficerRegistersAContractThroughTheFormAndSeesTheSameParyError() throws Exception {
        MockHttpSession session = login(data.kjj("430200"));
        mvc.perform(post("/innovation/contracts").session(session).with(csrf()).param("kind", "SERVICE")
                        .param("title", "同一主体").param("sellerName", "株洲某所").param("sellerCity", "430200")
                        .param("buyerName", "株洲某所").param("buyerCity", "430200").param("amount", "5")
                        .param("registeredOn", "2024-01-01"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("合同双方不能是同一主体")));
        mvc.perform(post("/innovation/contracts").session(session).with(csrf()).param("kind", "SERVICE")
                        .param("title", InvTestData.unique("表单合同")).param("sellerName", "株洲某所").param("sellerCity", "430200")
                        .param("buyerName", "湘潭某厂").param("buyerCity", "430300").param("amount", "5")
                        .param("registeredOn", "2024-01-01"))
                .andExpect(redirectedUrlPattern("/innovation/contracts*"));
    }

    @Test
    void theDashboardHasTheInnovationBlockAndItsPublicApi() throws Exception {
        mvc.perform(get("/dashboard")).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"dash-innovation\"")))
                .andExpect(content().string(containsString("科技成果转化")));
        mvc.perform(get("/api/v1/dashboard/innovation")).andExpect(status().isOk())
                .andExpect(jsonPath("$.results").isNumber()).andExpect(jsonPath("$.flows").isArray())
                .andExpect(jsonPath("$.serviceOrgs.length()").value(5))
                .andExpect(jsonPath("$.challengesByStage.length()").value(4));
    }
}
