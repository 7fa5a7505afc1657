package cn.onecity.innovation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.OrganisationKind;
import cn.onecity.identity.Role;
import cn.onecity.notification.Notifications;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.ConflictException;
import cn.onecity.shared.ForbiddenException;

/** 服务端: a broker of a service institution takes a result–demand pair and records 洽谈 → 签约; both sides hear of it. */
@cn.onecity.services.ServicesIntegrationTest
class BrokerageIntegrationTest {

    static final String PW = InvTestData.PASSWORD;

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired Results results;
    @Autowired Demands demands;
    @Autowired Brokerage brokerage;
    @Autowired Notifications notifications;

    CurrentUser institution;
    CurrentUser enterprise;
    CurrentUser broker;
    long result;
    long demand;

    @BeforeEach
    void setUp() {
        InvTestData data = new InvTestData(accounts);
        institution = data.institution("430100");
        enterprise = data.enterprise("430200");
        String market = InvTestData.unique("测试要素市场");
        long serviceOrg = brokerage.addServiceOrg(Brokerage.ServiceOrgKind.MARKET, market, "430100", null, null, "测试");
        broker = data.inNewOrganisation(Role.INSTITUTION, OrganisationKind.INSTITUTION, market + "机构", "430100");
        brokerage.registerBroker(broker.accountId(), "测试经纪人", serviceOrg);
        result = results.publish(institution, new Results.Draft(InvTestData.unique("测试成果"), "新材料", "", 7, "",
                "TRANSFER", new BigDecimal("100"), "说明"));
        demand = demands.post(enterprise, new Demands.Draft(InvTestData.unique("测试需求"), "说明", "新材料", new BigDecimal("200")));
    }

    @Test
    void aBrokerTakesAPairAndRecordsTheDealUntilSigned() throws Exception {
        long before = notifications.unreadCount(enterprise);
        mvc.perform(post("/api/v1/innovation/deals").with(httpBasic(broker.username(), PW)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"resultId\":%d,\"demandId\":%d,\"note\":\"首次洽谈\"}".formatted(result, demand)))
                .andExpect(status().isCreated());
        long deal = brokerage.deals(broker.accountId()).get(0).id();
        mvc.perform(post("/api/v1/innovation/deals/{id}/steps", deal).with(httpBasic(broker.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"stage\":\"SIGNED\",\"note\":\"签订转让合同\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.stage").value("SIGNED"))
                .andExpect(jsonPath("$.steps.length()").value(2))
                .andExpect(jsonPath("$.steps[0].stageLabel").value("洽谈"))
                .andExpect(jsonPath("$.steps[1].stageLabel").value("签约"));
        assertThat(notifications.unreadCount(enterprise)).isEqualTo(before + 2);
        // a signed deal takes no more steps
        assertThatThrownBy(() -> brokerage.record(broker, deal, "NEGOTIATING", "再谈"))
                .isInstanceOf(BusinessException.class).hasMessageContaining("已签约");
    }

    @Test
    void aBrokerSpeaksForItsServiceOrganisationAndCannotPublishResults() throws Exception {
        mvc.perform(post("/api/v1/innovation/results").with(httpBasic(broker.username(), PW)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\"经纪人发布的成果\",\"field\":\"新材料\",\"trl\":5,\"transferMode\":\"TRANSFER\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("技术经纪人")));
    }

    @Test
    void onlyARegisteredBrokerTakesAPairAndOnlyOnce() {
        assertThatThrownBy(() -> brokerage.take(institution, result, demand, null)).isInstanceOf(ForbiddenException.class);
        brokerage.take(broker, result, demand, null);
        assertThatThrownBy(() -> brokerage.take(broker, result, demand, null)).isInstanceOf(ConflictException.class);
        long deal = brokerage.deals(broker.accountId()).get(0).id();
        assertThatThrownBy(() -> brokerage.record(enterprise, deal, "SIGNED", null)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> brokerage.record(broker, deal, "成交", null)).isInstanceOf(BusinessException.class)
                .hasMessageContaining("进展阶段");
    }
}
