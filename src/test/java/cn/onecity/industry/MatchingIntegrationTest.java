package cn.onecity.industry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.notification.Notifications;

/**
 * 供需对接: a 株洲 enterprise's demand is matched with a 长沙 supplier (text, upstream in the same chain, same
 * cluster) and a 湘潭 supplier (text only), ranked with explained scores; marks count in the statistics.
 */
@cn.onecity.services.ServicesIntegrationTest
class MatchingIntegrationTest {

    static final String PW = IndTestData.PASSWORD;

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired Enterprises enterprises;
    @Autowired Chains chains;
    @Autowired Clusters clusters;
    @Autowired Matching matching;
    @Autowired Notifications notifications;

    IndTestData data;
    IndTestData.Owned buyer;
    IndTestData.Owned changsha;
    Enterprise xiangtan;
    Enterprise unrelated;
    String word;
    long cluster;
    long bearings;

    @BeforeEach
    void setUp() {
        data = new IndTestData(accounts, enterprises);
        long chain = chains.createChain(IndTestData.unique("测试风电装备链"), "新兴产业链", null);
        bearings = chains.addSegment(chain, null, Stage.UP, "轴承");
        long turbines = chains.addSegment(chain, null, Stage.MID, "整机");
        cluster = clusters.create(IndTestData.unique("测试风电集群"), ClusterLevel.PROVINCIAL, "风电装备", 2024,
                List.of(), List.of("430211", "430121"), "测试");
        // a made-up product word keeps this test's enterprises apart from other tests' in the shared index
        word = "稀土" + IndTestData.unique("").substring(0, 4);
        buyer = data.owned(IndTestData.unique("测试株洲整机厂"), "430211", "430200", "风电整机", List.of(turbines), List.of(cluster));
        changsha = data.owned(IndTestData.unique("测试长沙轴承厂"), "430121", "430100", "精密轴承 风电齿轮箱 " + word,
                List.of(bearings), List.of(cluster));
        xiangtan = data.enterprise(IndTestData.unique("测试湘潭轴承厂"), "430304", "精密轴承 " + word, List.of(), List.of());
        unrelated = data.enterprise(IndTestData.unique("测试湘潭茶叶"), "430381", "湘乡红茶", List.of(), List.of());
    }

    long publish() throws Exception {
        String json = """
                {"kind":"PURCHASE","title":"采购风电精密轴承","description":"风电齿轮箱配套精密轴承，%s 材料","quantity":"5000套","deadline":"2099-12-31"}"""
                .formatted(word);
        String body = mvc.perform(post("/api/v1/industry/demands").with(httpBasic(buyer.account().username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(body, "$.id")).longValue();
    }

    @Test
    void candidatesFromTheOtherCitiesAreRankedWithTheirReasons() throws Exception {
        long id = publish();
        String body = mvc.perform(get("/api/v1/industry/demands/" + id + "/matches").with(httpBasic(buyer.account().username(), PW)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].enterpriseId", hasItem((int) changsha.enterprise().id())))
                .andReturn().getResponse().getContentAsString();
        List<Map<String, Object>> all = JsonPath.read(body, "$");
        List<Map<String, Object>> mine = all.stream().filter(m -> List.of(changsha.enterprise().id(), xiangtan.id(), unrelated.id())
                .contains(((Number) m.get("enterpriseId")).longValue())).toList();
        assertThat(mine).extracting(m -> m.get("name")).containsExactly(changsha.enterprise().name(), xiangtan.name());
        Map<String, Object> first = mine.get(0);
        assertThat(first.get("city")).isEqualTo("长沙");
        assertThat(first.keySet()).contains("enterpriseId", "name", "city", "score", "reasons");
        @SuppressWarnings("unchecked")
        List<String> reasons = (List<String>) first.get("reasons");
        assertThat(String.join("|", reasons)).contains("全文相关", "链上游配套 +25.0", "同集群加分 +15.0", "跨市对接");
        assertThat(((Number) first.get("score")).doubleValue()).isGreaterThan(((Number) mine.get(1).get("score")).doubleValue());
        assertThat(mine.get(1).get("city")).isEqualTo("湘潭");
        assertThat(all).noneMatch(m -> ((Number) m.get("enterpriseId")).longValue() == buyer.enterprise().id());
    }

    @Test
    void aClusterMembershipOrNameChangeCountsInTheNextMatch() throws Exception {
        long id = publish();
        MatchCandidate before = candidate(id, xiangtan.id());
        assertThat(before.clusterScore()).isZero();
        assertThat(before.reasons()).noneMatch(r -> r.startsWith("同集群加分"));
        // 湘潭's 工信局 renames the enterprise and adds it to the buyer's cluster: the index follows on commit
        String renamed = IndTestData.unique("测试湘潭精密轴承");
        enterprises.update(data.gxjStaff("430300"), xiangtan.id(), new EnterpriseDraft(renamed, xiangtan.creditCode(),
                xiangtan.districtCode(), null, xiangtan.size().name(), xiangtan.products(), xiangtan.capabilities(),
                List.of(), List.of(cluster)));
        MatchCandidate after = candidate(id, xiangtan.id());
        assertThat(after.name()).isEqualTo(renamed);
        assertThat(after.clusterScore()).isEqualTo(Matching.SAME_CLUSTER);
        assertThat(after.score()).isEqualTo(before.score() + Matching.SAME_CLUSTER);
        assertThat(after.reasons()).contains("同集群加分 +" + Matching.SAME_CLUSTER + "：同属" + clusters.get(cluster).name());
        // and out of it again
        enterprises.update(data.gxjStaff("430300"), xiangtan.id(), new EnterpriseDraft(renamed, xiangtan.creditCode(),
                xiangtan.districtCode(), null, xiangtan.size().name(), xiangtan.products(), xiangtan.capabilities(),
                List.of(), List.of()));
        assertThat(candidate(id, xiangtan.id()).clusterScore()).isZero();
    }

    @Test
    void anUpstreamSupplierInTheBuyersClusterIsACandidateHoweverManyUpstreamSuppliersWereRegisteredBeforeIt()
            throws Exception {
        for (int i = 0; i <= Matching.CHAIN_CANDIDATES; i++) {
            data.enterprise(IndTestData.unique("测试轴承配套厂"), "430304", "滚动体", List.of(bearings), List.of());
        }
        Enterprise clustered = data.enterprise(IndTestData.unique("测试集群内轴承厂"), "430121", "保持架",
                List.of(bearings), List.of(cluster));
        long id = publish();

        MatchCandidate c = candidate(id, clustered.id());
        assertThat(c.chainScore()).isEqualTo(Matching.UPSTREAM);
        assertThat(c.clusterScore()).isEqualTo(Matching.SAME_CLUSTER);
        assertThat(matching.matches(id)).filteredOn(m -> m.textScore() == 0).first()
                .as("it outranks every upstream supplier outside the cluster").extracting(MatchCandidate::enterpriseId)
                .isEqualTo(clustered.id());
    }

    MatchCandidate candidate(long demandId, long enterpriseId) {
        return matching.matches(demandId).stream().filter(c -> c.enterpriseId() == enterpriseId).findFirst().orElseThrow();
    }

    @Test
    void matchedEnterprisesAreNotified() throws Exception {
        long before = notifications.unreadCount(changsha.account());
        publish();
        assertThat(notifications.unreadCount(changsha.account())).isEqualTo(before + 1);
    }

    @Test
    void theBuyerMarksADealAndTheCrossCityFiguresRise() throws Exception {
        long id = publish();
        MatchStatistics before = matching.statistics();
        mvc.perform(put("/api/v1/industry/demands/" + id + "/matches/" + xiangtan.id())
                        .with(httpBasic(buyer.account().username(), PW)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"COOPERATED\"}"))
                .andExpect(status().isOk());
        MatchStatistics after = matching.statistics();
        assertThat(after.crossCityMatches()).isEqualTo(before.crossCityMatches() + 1);
        assertThat(after.crossCityDeals()).isEqualTo(before.crossCityDeals() + 1);
        assertThat(matching.matches(id)).filteredOn(c -> c.enterpriseId() == xiangtan.id())
                .extracting(MatchCandidate::status).containsExactly(MatchStatus.COOPERATED);
    }

    @Test
    void theSupplierMarksNegotiationButAThirdEnterpriseMayNot() throws Exception {
        long id = publish();
        mvc.perform(put("/api/v1/industry/demands/" + id + "/matches/" + changsha.enterprise().id())
                        .with(httpBasic(changsha.account().username(), PW)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"洽谈中\"}"))
                .andExpect(status().isOk());
        IndTestData.Owned stranger = data.owned(IndTestData.unique("测试第三方"), "430104", "430100", "软件", List.of(), List.of());
        mvc.perform(put("/api/v1/industry/demands/" + id + "/matches/" + changsha.enterprise().id())
                        .with(httpBasic(stranger.account().username(), PW)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"FAILED\"}"))
                .andExpect(status().isForbidden());
        assertThat(matching.matches(id)).filteredOn(c -> c.enterpriseId() == changsha.enterprise().id())
                .extracting(MatchCandidate::status).containsExactly(MatchStatus.NEGOTIATING);
    }

    @Test
    void aDemandNeedsKindTitleAndDescriptionAndAFutureDeadline() throws Exception {
        mvc.perform(post("/api/v1/industry/demands").with(httpBasic(buyer.account().username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"kind\":\"LEASE\",\"deadline\":\"2000-01-01\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("kind")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("title")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("description")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("deadline")));
    }

    @Test
    void anEnterpriseWithoutAConfirmedClaimCannotPublish() throws Exception {
        CurrentUser unclaimed = data.enterpriseAccount("430200");
        mvc.perform(post("/api/v1/industry/demands").with(httpBasic(unclaimed.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"kind\":\"PURCHASE\",\"title\":\"采购\",\"description\":\"采购\"}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void aSupplyMakesItsPublisherFindable() throws Exception {
        String rare = "稀有" + IndTestData.unique("").substring(0, 5);
        mvc.perform(post("/api/v1/industry/supplies").with(httpBasic(changsha.account().username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"title\":\"" + rare + "加工服务\",\"capacity\":\"月产 1 万件\"}"))
                .andExpect(status().isCreated());
        String json = """
                {"kind":"TECH_SERVICE","title":"寻找%s加工","description":"%s 加工"}""".formatted(rare, rare);
        String body = mvc.perform(post("/api/v1/industry/demands").with(httpBasic(buyer.account().username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long id = ((Number) JsonPath.read(body, "$.id")).longValue();
        assertThat(matching.matches(id)).extracting(MatchCandidate::enterpriseId).contains(changsha.enterprise().id());
    }
}
