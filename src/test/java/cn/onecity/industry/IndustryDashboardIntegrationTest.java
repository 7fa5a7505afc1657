package cn.onecity.industry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.onecity.identity.Accounts;

/** §8: the 驾驶舱's 产业协同 block and its public JSON follow the records (compared before and after). */
@cn.onecity.services.ServicesIntegrationTest
class IndustryDashboardIntegrationTest {

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired Enterprises enterprises;
    @Autowired Matching matching;
    @Autowired IndustryStatistics statistics;

    long crossCityMatches() throws Exception {
        String json = mvc.perform(get("/api/v1/dashboard/industry")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(json, "$.crossCityMatches")).longValue();
    }

    @Test
    void theCrossCityMatchCountRisesWhenACrossCityMatchIsMarked() throws Exception {
        IndTestData data = new IndTestData(accounts, enterprises);
        String word = "测试" + IndTestData.unique("").substring(0, 5);
        IndTestData.Owned buyer = data.owned(IndTestData.unique("测试株洲买家"), "430211", "430200", "整车", List.of(), List.of());
        Enterprise supplier = data.enterprise(IndTestData.unique("测试湘潭卖家"), "430304", "电机 " + word, List.of(), List.of());
        long before = crossCityMatches();
        long demand = matching.publishDemand(buyer.account(), new DemandDraft("PURCHASE", "采购电机", "电机 " + word, null, null, null, null));
        assertThat(crossCityMatches()).isEqualTo(before); // recommended only: not yet a 对接
        matching.mark(buyer.account(), demand, supplier.id(), MatchStatus.COOPERATED);
        assertThat(crossCityMatches()).isEqualTo(before + 1);
        assertThat(statistics.figures().crossCityDeals()).isPositive();
    }

    @Test
    void theDashboardPageShowsTheIndustryBlockWithoutSignIn() throws Exception {
        mvc.perform(get("/dashboard")).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"dash-industry\"")))
                .andExpect(content().string(containsString("国家级先进制造业集群")))
                .andExpect(content().string(containsString("湘商回归到位资金")));
        mvc.perform(get("/api/v1/dashboard/industry")).andExpect(status().isOk())
                .andExpect(content().string(containsString("clustersByLevel")))
                .andExpect(content().string(containsString("investmentByStage")));
    }
}
