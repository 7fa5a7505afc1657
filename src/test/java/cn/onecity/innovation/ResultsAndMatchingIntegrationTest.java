package cn.onecity.innovation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.notification.Notifications;

/**
 * 供给端 and 需求端 through the API contract of §5a: a 长沙 institution publishes a result, a 湘潭 enterprise's
 * demand is matched with it (ranked, explained), both sides are notified; bad input is refused with nothing saved.
 */
@cn.onecity.services.ServicesIntegrationTest
class ResultsAndMatchingIntegrationTest {

    static final String PW = InvTestData.PASSWORD;

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired Notifications notifications;
    @Autowired JdbcClient jdbc;

    InvTestData data;
    CurrentUser changsha;
    CurrentUser xiangtan;
    String word;

    @BeforeEach
    void setUp() {
        data = new InvTestData(accounts);
        changsha = data.institution("430100");
        xiangtan = data.enterprise("430300");
        // a made-up word keeps this test's result apart from other tests' in the shared index
        word = "钒钛" + InvTestData.unique("").substring(0, 4);
    }

    long publishResult(String title, int trl, String price) throws Exception {
        String json = """
                {"title":"%s","field":"新材料","chainSegment":"电机壳体","trl":%d,"patents":"ZL202410000001.X",
                 "transferMode":"LICENSE","expectedPrice":%s,"description":"高强铝合金轻量化壳体 %s 工艺"}"""
                .formatted(title, trl, price, word);
        String body = mvc.perform(post("/api/v1/innovation/results").with(httpBasic(changsha.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(body, "$.id")).longValue();
    }

    long postDemand(String budget) throws Exception {
        String json = """
                {"title":"电机壳体轻量化","description":"驱动电机铝合金壳体减重，需 %s 轻量化工艺","field":"新材料","budget":%s}"""
                .formatted(word, budget);
        String body = mvc.perform(post("/api/v1/innovation/demands").with(httpBasic(xiangtan.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(body, "$.id")).longValue();
    }

    @Test
    void aChangshaResultIsRankedForAXiangtanDemandWithItsReasonsAndBothSidesAreNotified() throws Exception {
        long unreadInstitution = notifications.unreadCount(changsha);
        long unreadEnterprise = notifications.unreadCount(xiangtan);
        long mature = publishResult("铝合金壳体轻量化" + word, 8, "200");
        long early = publishResult("铝合金壳体实验" + word, 2, "900");
        long demand = postDemand("500");

        String body = mvc.perform(get("/api/v1/innovation/demands/{id}/matches", demand).with(httpBasic(xiangtan.username(), PW)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<Map<String, Object>> matches = JsonPath.read(body, "$");
        List<Object> ids = matches.stream().map(m -> (Object) ((Number) m.get("resultId")).longValue()).toList();
        assertThat(ids).contains(mature, early);
        assertThat(ids.indexOf(mature)).isLessThan(ids.indexOf(early));
        Map<String, Object> top = matches.get(ids.indexOf(mature));
        assertThat(top).containsKeys("resultId", "title", "city", "score", "reasons");
        assertThat(top.get("city")).isEqualTo("长沙");
        @SuppressWarnings("unchecked")
        List<String> reasons = (List<String>) top.get("reasons");
        assertThat(reasons).anyMatch(r -> r.startsWith("全文相关") && r.contains(word.substring(2)));
        assertThat(reasons).anyMatch(r -> r.startsWith("同一技术领域 +20.0"));
        assertThat(reasons).anyMatch(r -> r.startsWith("成熟度 +10.0：TRL 8"));
        assertThat(reasons).anyMatch(r -> r.startsWith("价格在预算内 +10.0"));
        assertThat(reasons).contains("跨市转化：成果在长沙，需求方在湘潭");
        Map<String, Object> other = matches.get(ids.indexOf(early));
        assertThat((List<String>) other.get("reasons")).anyMatch(r -> r.startsWith("价格超出预算 +0"));

        assertThat(notifications.unreadCount(changsha)).isGreaterThan(unreadInstitution);
        assertThat(notifications.unreadCount(xiangtan)).isEqualTo(unreadEnterprise + 1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM inv_match WHERE demand_id = :d").param("d", demand).query(Long.class).single())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void aResultPublishedAfterADemandIsMatchedWithItAndBothSidesAreNotified() throws Exception {
        long demand = postDemand("500");
        long unreadEnterprise = notifications.unreadCount(xiangtan);
        long unreadInstitution = notifications.unreadCount(changsha);
        long result = publishResult("后发布的轻量化壳体" + word, 7, "300");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM inv_match WHERE demand_id = :d AND result_id = :r").param("d", demand)
                .param("r", result).query(Long.class).single()).isEqualTo(1);
        assertThat(notifications.unreadCount(xiangtan)).isEqualTo(unreadEnterprise + 1);
        // other tests' demands with the same words may match the new result too: one message each
        assertThat(notifications.unreadCount(changsha)).isGreaterThan(unreadInstitution);
    }

    @Test
    void aTrlOutsideOneToNineIsRefusedNamingTheFieldAndNothingIsSaved() throws Exception {
        for (int trl : new int[] {0, 10}) {
            String title = InvTestData.unique("错误成熟度");
            mvc.perform(post("/api/v1/innovation/results").with(httpBasic(changsha.username(), PW))
                            .contentType(MediaType.APPLICATION_JSON).content("""
                                    {"title":"%s","field":"新材料","trl":%d,"transferMode":"TRANSFER"}""".formatted(title, trl)))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.errors[0].field").value("trl"))
                    .andExpect(jsonPath("$.errors[0].message", containsString("1–9")));
            assertThat(jdbc.sql("SELECT COUNT(*) FROM inv_result WHERE title = :t").param("t", title).query(Long.class).single())
                    .isZero();
        }
    }

    @Test
    void negativeOrAbsurdPricesAndBudgetsAreRefused() throws Exception {
        mvc.perform(post("/api/v1/innovation/results").with(httpBasic(changsha.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\"负价格\",\"field\":\"新材料\",\"trl\":5,\"transferMode\":\"TRANSFER\",\"expectedPrice\":-1}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("expectedPrice"))
                .andExpect(jsonPath("$.errors[0].message").value("预期价格不能为负数"));
        mvc.perform(post("/api/v1/innovation/demands").with(httpBasic(xiangtan.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\"天价需求\",\"description\":\"说明\",\"budget\":99999999}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("budget"))
                .andExpect(jsonPath("$.errors[0].message", containsString("100 亿元")));
        mvc.perform(post("/api/v1/innovation/demands").with(httpBasic(xiangtan.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\"负预算\",\"description\":\"说明\",\"budget\":-5}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("budget"));
    }

    @Test
    void onlyInstitutionsPublishResultsAndOnlyEnterprisesPostDemands() throws Exception {
        mvc.perform(post("/api/v1/innovation/results").with(httpBasic(xiangtan.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\"企业成果\",\"field\":\"新材料\",\"trl\":5,\"transferMode\":\"TRANSFER\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/innovation/demands").with(httpBasic(changsha.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\"高校需求\",\"description\":\"说明\",\"budget\":5}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void aJointReleaseGroupsResultsIntoABatch() throws Exception {
        long a = publishResult("批次成果甲" + word, 5, "100");
        long b = publishResult("批次成果乙" + word, 6, "100");
        CurrentUser office = data.jointOffice();
        String name = InvTestData.unique("测试联合发布批次");
        String body = mvc.perform(post("/api/v1/innovation/batches").with(httpBasic(office.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"%s\",\"releasedOn\":\"2024-11-28\",\"resultIds\":[%d,%d]}".formatted(name, a, b)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long batch = ((Number) JsonPath.read(body, "$.id")).longValue();
        mvc.perform(get("/api/v1/innovation/results").param("batchId", Long.toString(batch)).with(httpBasic(office.username(), PW)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].batchName").value(name));
        mvc.perform(post("/api/v1/innovation/batches").with(httpBasic(changsha.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"x\",\"releasedOn\":\"2024-11-28\"}"))
                .andExpect(status().isForbidden());
    }
}
