package cn.onecity.industry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.Role;
import cn.onecity.identity.TestAccounts;

/** Clusters and chains maintained over the API by those allowed to; the API is in OpenAPI; bad page ids are 404. */
@cn.onecity.services.ServicesIntegrationTest
class ReferenceDataApiIntegrationTest {

    static final String PW = IndTestData.PASSWORD;

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired Enterprises enterprises;
    @Autowired Clusters clusters;
    @Autowired Chains chains;

    @Test
    void theIndustryBureauRecordsAClusterWithItsDistrictsCities() throws Exception {
        String staff = new IndTestData(accounts, enterprises).gxjStaff("430200").username();
        String name = IndTestData.unique("测试陶瓷集群");
        String body = mvc.perform(post("/api/v1/industry/clusters").with(httpBasic(staff, PW)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + name + "\",\"level\":\"省级中小企业特色产业集群\",\"leadIndustry\":\"陶瓷\","
                                + "\"sinceYear\":2024,\"districtCodes\":[\"430281\"]}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long id = ((Number) JsonPath.read(body, "$.id")).longValue();
        Cluster c = clusters.get(id);
        assertThat(c.level()).isEqualTo(ClusterLevel.PROVINCIAL_SME);
        assertThat(c.cityNames()).containsExactly("株洲");
        assertThat(c.districtNames()).containsExactly("醴陵市");
    }

    @Test
    void anUnknownLevelIsNamedAndEnterprisesMayNotRecordClusters() throws Exception {
        String office = TestAccounts.create(accounts, Role.JOINT_OFFICE);
        mvc.perform(post("/api/v1/industry/clusters").with(httpBasic(office, PW)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"测试\",\"level\":\"宇宙级\",\"leadIndustry\":\"x\",\"cityCodes\":[\"430100\"]}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[*].field", hasItem("level")));
        String enterprise = new IndTestData(accounts, enterprises).enterpriseAccount("430100").username();
        mvc.perform(post("/api/v1/industry/clusters").with(httpBasic(enterprise, PW)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"测试\",\"level\":\"NATIONAL\",\"leadIndustry\":\"x\",\"cityCodes\":[\"430100\"]}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void theJointOfficeMaintainsChainsAndSubSegmentsTakeTheirParentsStage() throws Exception {
        String office = TestAccounts.create(accounts, Role.JOINT_OFFICE);
        String body = mvc.perform(post("/api/v1/industry/chains").with(httpBasic(office, PW)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + IndTestData.unique("测试低空经济") + "\",\"category\":\"新兴产业链\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long chain = ((Number) JsonPath.read(body, "$.id")).longValue();
        String seg = mvc.perform(post("/api/v1/industry/chains/" + chain + "/segments").with(httpBasic(office, PW))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"飞控\",\"stage\":\"上游\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long parent = ((Number) JsonPath.read(seg, "$.id")).longValue();
        mvc.perform(post("/api/v1/industry/chains/" + chain + "/segments").with(httpBasic(office, PW))
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"飞控芯片\",\"parentId\":" + parent + "}"))
                .andExpect(status().isCreated());
        Chain c = chains.get(chain);
        assertThat(c.segments()).hasSize(1);
        assertThat(c.segments().get(0).children()).extracting(Chain.Segment::stage).containsExactly(Stage.UP);
        String staff = new IndTestData(accounts, enterprises).gxjStaff("430100").username();
        mvc.perform(post("/api/v1/industry/chains").with(httpBasic(staff, PW)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"测试\"}")).andExpect(status().isForbidden());
    }

    @Test
    void theApiIsDescribedInOpenApi() throws Exception {
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(content().string(containsString("/api/v1/industry/demands/{id}/matches")))
                .andExpect(content().string(containsString("/api/v1/industry/enterprises")));
    }

    @Test
    void aNonNumericIdInAPageAddressIsNotFound() throws Exception {
        var session = TestAccounts.login(mvc, TestAccounts.create(accounts, Role.JOINT_OFFICE));
        mvc.perform(get("/industry/enterprises/abc").session(session)).andExpect(status().isNotFound());
        mvc.perform(get("/industry/enterprises/999999999").session(session)).andExpect(status().isNotFound());
    }
}
